using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Ecdsa.Ot;

public sealed class RvoleTests : IClassFixture<RvoleTests.PairFixture>
{
    private const int SaltEnd = 16;
    private static readonly int MatrixEnd = SaltEnd + (OtParameters.Kappa * (OtParameters.ExtendedBatchSize / 8));

    private readonly PairFixture _pair;

    public RvoleTests(PairFixture pair) => _pair = pair;

    /// <summary>One base OT per test class: the setups every session reuses, as signing does.</summary>
    public sealed class PairFixture : IDisposable
    {
        public PairFixture() => (Receiver, Sender) = OtTestKit.Setups(500);

        public OtExtensionReceiverSetup Receiver { get; }

        public OtExtensionSenderSetup Sender { get; }

        public void Dispose()
        {
            Receiver.Dispose();
            Sender.Dispose();
        }
    }

    private static byte[] Session(int n) => OtTestKit.Transcript($"sign session {n} / P1 ← P2");

    [Fact]
    public void Lengths_FitTheRoundPayloadLimit()
    {
        Assert.Equal(10_032, RvoleReceiver.MessageLength);
        Assert.Equal(53_408, RvoleSender.ReplyLength);
        Assert.True(RvoleSender.ReplyLength <= 60 * 1024);
        Assert.True(RvoleReceiver.MessageLength <= 60 * 1024);
    }

    [Fact]
    public void Run_ManySessionsWithTheSameSetups_OutputsSumToProducts()
    {
        var rng = new DeterministicRandom(600);
        var inputsB = new HashSet<Secp256k1Scalar>();
        const int Sessions = 20;
        for (var n = 0; n < Sessions; n++)
        {
            Secp256k1Scalar[] a = [Secp256k1Scalar.Random(rng), Secp256k1Scalar.Random(rng)];
            var (b, c, d) = Run(Session(n), a, rng);

            for (var k = 0; k < OtParameters.VoleWidth; k++)
            {
                Assert.Equal(a[k] * b, c[k] + d[k]);
                Assert.NotEqual(a[k] * b, c[k]); // the shares are not trivial
            }

            inputsB.Add(b);
        }

        Assert.Equal(Sessions, inputsB.Count); // b is fresh in every session
    }

    [Fact]
    public void Run_SameTranscriptTwice_ReceiverUsesFreshSaltAndMatrix()
    {
        var rng = new DeterministicRandom(601);
        using var first = RvoleReceiver.Start(_pair.Receiver, Session(1), rng);
        using var second = RvoleReceiver.Start(_pair.Receiver, Session(1), rng);

        Assert.False(first.Message.Span[..SaltEnd].SequenceEqual(second.Message.Span[..SaltEnd]));
        Assert.False(first.Message.Span[SaltEnd..MatrixEnd].SequenceEqual(second.Message.Span[SaltEnd..MatrixEnd]));
        Assert.NotEqual(first.Input, second.Input);
    }

    [Fact]
    public void Input_IsTheGadgetInnerProductOfTheChoiceBits()
    {
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(2), new DeterministicRandom(602));
        var expected = Secp256k1Scalar.Zero;
        for (var j = 0; j < OtParameters.BatchSize; j++)
        {
            if (receiver.ChoiceBit(j) == 1)
            {
                expected += RvoleGadget.Entry(j);
            }
        }

        Assert.Equal(expected, receiver.Input);
        Assert.Equal(Secp256k1Scalar.FromUInt64(1UL << 40), RvoleGadget.Entry(40));
    }

    [Fact]
    public void TryFinish_IsPure_SameReplyGivesSameOutputs()
    {
        var rng = new DeterministicRandom(603);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(3), rng);
        var reply = Respond(Session(3), receiver.Message.Span, [Secp256k1Scalar.Random(rng), Secp256k1Scalar.Random(rng)], rng, out _);
        var first = new Secp256k1Scalar[2];
        var second = new Secp256k1Scalar[2];

        Assert.True(receiver.TryFinish(reply, first, out _));
        Assert.True(receiver.TryFinish(reply, second, out _));
        Assert.Equal(first, second);
    }

    public static TheoryData<string, int> ReceiverMessageRegions => new()
    {
        { "salt", 3 },
        { "matrix, first column", SaltEnd + 5 },
        { "matrix, last column", MatrixEnd - 1 },
        { "check value x̃", MatrixEnd + 2 },
        { "check value t̃", MatrixEnd + 16 + 9 },
    };

    [Theory]
    [MemberData(nameof(ReceiverMessageRegions))]
    public void TryRespond_FlippedByteInReceiverMessage_FailsTheKosCheck(string region, int offset)
    {
        var rng = new DeterministicRandom(604);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(4), rng);
        var message = receiver.Message.ToArray();
        message[offset] ^= 0x10;

        var outputs = new Secp256k1Scalar[2];
        Assert.False(RvoleSender.TryRespond(_pair.Sender, Session(4), message, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, outputs, out var reply, out var error), region);
        Assert.StartsWith("KOS consistency check failed", error, StringComparison.Ordinal);
        Assert.Empty(reply);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void TryRespond_MatrixBitFlippedInTransit_CaughtWhateverTheColumnsDeltaBit(int deltaBit)
    {
        // The challenges χ hash the whole of U, so even a column the sender never reads (Δ_i = 0)
        // is covered: a bit flipped after the receiver computed its check values is always caught.
        var column = Enumerable.Range(0, OtParameters.Kappa).First(i => _pair.Sender.DeltaBit(i) == deltaBit);
        var rng = new DeterministicRandom(611);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(15), rng);
        var message = receiver.Message.ToArray();
        message[SaltEnd + (column * (OtParameters.ExtendedBatchSize / 8)) + 20] ^= 0x04;

        Assert.False(RvoleSender.TryRespond(_pair.Sender, Session(15), message, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, new Secp256k1Scalar[2], out _, out var error));
        Assert.StartsWith("KOS consistency check failed", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> ReplyRegions => new()
    {
        { "τ[0]", 31 },
        { "τ[1000]", (1000 * 32) + 17 },
        { "τ[last]", RvoleReply.GammaOffset - 1 },
        { "γ", RvoleReply.GammaOffset + 40 },
        { "u", RvoleReply.UOffset + 5 },
        { "hash of r", RvoleReply.CheckHashOffset + 31 },
    };

    [Theory]
    [MemberData(nameof(ReplyRegions))]
    public void TryFinish_FlippedByteInReply_FailsTheCheck(string region, int offset)
    {
        var rng = new DeterministicRandom(605);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(5), rng);
        var reply = Respond(Session(5), receiver.Message.Span, [Secp256k1Scalar.Random(rng), Secp256k1Scalar.Random(rng)], rng, out _);
        reply[offset] ^= 0x01; // the low bit: the scalar stays canonical, only the check can notice

        var outputs = new Secp256k1Scalar[2];
        Assert.False(receiver.TryFinish(reply, outputs, out var error), region);
        Assert.StartsWith("RVOLE consistency check failed", error, StringComparison.Ordinal);
        Assert.Equal(new Secp256k1Scalar[2], outputs);
    }

    [Theory]
    [InlineData(0, "τ[0] is not a canonical scalar")]
    [InlineData(12 * 32, "τ[12] is not a canonical scalar")]
    [InlineData(RvoleReply.GammaOffset + 32, "γ[1] is not a canonical scalar")]
    [InlineData(RvoleReply.UOffset, "u[0] is not a canonical scalar")]
    public void TryFinish_NonCanonicalScalar_IsRejectedNamingIt(int offset, string expected)
    {
        var rng = new DeterministicRandom(606);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(6), rng);
        var reply = Respond(Session(6), receiver.Message.Span, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, out _);
        reply.AsSpan(offset, 32).Fill(0xFF); // 2^256 − 1 ≥ q

        Assert.False(receiver.TryFinish(reply, new Secp256k1Scalar[2], out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1)]
    public void WrongLengths_AreRejected(int delta)
    {
        var rng = new DeterministicRandom(607);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(7), rng);
        var message = new byte[delta == 0 ? 0 : RvoleReceiver.MessageLength + delta];
        var reply = new byte[delta == 0 ? 0 : RvoleSender.ReplyLength + delta];
        receiver.Message.Span[..Math.Min(message.Length, receiver.Message.Length)].CopyTo(message);

        Assert.False(RvoleSender.TryRespond(_pair.Sender, Session(7), message, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, new Secp256k1Scalar[2], out _, out var error));
        Assert.Contains("bytes", error, StringComparison.Ordinal);
        Assert.False(receiver.TryFinish(reply, new Secp256k1Scalar[2], out error));
        Assert.Contains("bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRespond_DifferentTranscript_FailsTheKosCheck()
    {
        var rng = new DeterministicRandom(608);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(8), rng);

        Assert.False(RvoleSender.TryRespond(_pair.Sender, Session(9), receiver.Message.Span, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, new Secp256k1Scalar[2], out _, out var error));
        Assert.StartsWith("KOS consistency check failed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRespond_SetupOfAnotherPair_FailsTheKosCheck()
    {
        var (otherReceiver, otherSender) = OtTestKit.Setups(900);
        using (otherReceiver)
        using (otherSender)
        {
            var rng = new DeterministicRandom(609);
            using var receiver = RvoleReceiver.Start(otherReceiver, Session(10), rng);

            Assert.False(RvoleSender.TryRespond(_pair.Sender, Session(10), receiver.Message.Span, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, new Secp256k1Scalar[2], out _, out var error));
            Assert.StartsWith("KOS consistency check failed", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 300)]
    [InlineData(1, 7)]
    [InlineData(1, 415)]
    [InlineData(2, 100)]
    [InlineData(3, 250)]
    public void TryFinish_SenderChangesOneCorrelation_CaughtExactlyWhenTheOtWasChosen(int payload, int row)
    {
        // A sender that puts α'_k ≠ α_k into one OT j: Bob's z^B moves only if β_j = 1 (the
        // selective failure DKLs19's encoding b = ⟨g, β⟩ makes harmless); if β_j = 0 the change
        // is invisible and the outputs stay correct.
        var rng = new DeterministicRandom(610 + (ulong)row);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(11), rng);
        Secp256k1Scalar[] a = [Secp256k1Scalar.Random(rng), Secp256k1Scalar.Random(rng)];
        var c = new Secp256k1Scalar[2];
        Assert.True(RvoleSender.TryRespond(
            _pair.Sender, Session(11), receiver.Message.Span, a, rng, c, out var reply, out _,
            (j, k, alpha) => j == row && k == payload ? alpha + Secp256k1Scalar.One : alpha));

        var d = new Secp256k1Scalar[2];
        var accepted = receiver.TryFinish(reply, d, out var error);

        var chosen = receiver.ChoiceBit(row) == 1;
        Assert.Equal(!chosen, accepted);
        if (accepted)
        {
            Assert.Equal(a[0] * receiver.Input, c[0] + d[0]);
            Assert.Equal(a[1] * receiver.Input, c[1] + d[1]);
        }
        else
        {
            Assert.StartsWith("RVOLE consistency check failed", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryFinish_SenderUsesDifferentPadsAcrossOts_IsCaught()
    {
        var rng = new DeterministicRandom(620);
        using var receiver = RvoleReceiver.Start(_pair.Receiver, Session(12), rng);
        Assert.True(RvoleSender.TryRespond(
            _pair.Sender, Session(12), receiver.Message.Span, [Secp256k1Scalar.One, Secp256k1Scalar.One], rng, new Secp256k1Scalar[2], out var reply, out _,
            (j, k, alpha) => k == 0 ? alpha + Secp256k1Scalar.FromUInt64((ulong)j) : alpha));

        Assert.False(receiver.TryFinish(reply, new Secp256k1Scalar[2], out var error));
        Assert.StartsWith("RVOLE consistency check failed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(415)]
    [InlineData(600)]
    public void TryRespond_ReceiverMatrixInconsistentWithChoices_CaughtWhenTheSenderReadsTheColumn(int row)
    {
        // A receiver whose column i encodes a choice string differing from x at OT j (the KOS15
        // attack). The check values are computed over the deviating U, so χ agrees on both sides:
        // the sender sees the flip only through Δ_i·u_i — caught for Δ_i = 1, harmless for Δ_i = 0.
        var caught = 0;
        var harmless = 0;
        foreach (var column in new[] { 0, 1, 2, 3, 17, 64, 100, 127 })
        {
            var rng = new DeterministicRandom(630 + (ulong)column);
            using var receiver = RvoleReceiver.Start(
                _pair.Receiver, Session(13), rng,
                matrix => matrix[(column * (OtParameters.ExtendedBatchSize / 8)) + (row / 8)] ^= (byte)(1 << (row % 8)));
            Secp256k1Scalar[] a = [Secp256k1Scalar.Random(rng), Secp256k1Scalar.Random(rng)];
            var c = new Secp256k1Scalar[2];
            var accepted = RvoleSender.TryRespond(_pair.Sender, Session(13), receiver.Message.Span, a, rng, c, out var reply, out var error);

            Assert.Equal(_pair.Sender.DeltaBit(column) == 0, accepted);
            if (accepted)
            {
                var d = new Secp256k1Scalar[2];
                Assert.True(receiver.TryFinish(reply, d, out error), error);
                Assert.Equal(a[0] * receiver.Input, c[0] + d[0]);
                Assert.Equal(a[1] * receiver.Input, c[1] + d[1]);
                harmless++;
            }
            else
            {
                Assert.StartsWith("KOS consistency check failed", error, StringComparison.Ordinal);
                caught++;
            }
        }

        Assert.True(caught > 0 && harmless > 0, $"the chosen columns must cover both Δ bits (caught {caught}, harmless {harmless})");
    }

    [Fact]
    public void Receiver_PrintsRedactedAndRefusesUseAfterDispose()
    {
        var receiver = RvoleReceiver.Start(_pair.Receiver, Session(14), new DeterministicRandom(640));
        Assert.Equal("RvoleReceiver([redacted])", receiver.ToString());
        receiver.Dispose();

        Assert.Throws<ObjectDisposedException>(() => receiver.Input);
        Assert.Throws<ObjectDisposedException>(() => receiver.TryFinish(new byte[RvoleSender.ReplyLength], new Secp256k1Scalar[2], out _));
    }

    private (Secp256k1Scalar B, Secp256k1Scalar[] C, Secp256k1Scalar[] D) Run(byte[] transcript, Secp256k1Scalar[] a, DeterministicRandom rng)
    {
        using var receiver = RvoleReceiver.Start(_pair.Receiver, transcript, rng);
        Assert.Equal(RvoleReceiver.MessageLength, receiver.Message.Length);
        var reply = Respond(transcript, receiver.Message.Span, a, rng, out var c);
        Assert.Equal(RvoleSender.ReplyLength, reply.Length);
        var d = new Secp256k1Scalar[2];
        Assert.True(receiver.TryFinish(reply, d, out var error), error);
        return (receiver.Input, c, d);
    }

    private byte[] Respond(byte[] transcript, ReadOnlySpan<byte> message, Secp256k1Scalar[] a, DeterministicRandom rng, out Secp256k1Scalar[] c)
    {
        c = new Secp256k1Scalar[2];
        Assert.True(RvoleSender.TryRespond(_pair.Sender, transcript, message, a, rng, c, out var reply, out var error), error);
        return reply;
    }
}
