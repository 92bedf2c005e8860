using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Ecdsa.Ot;

public sealed class BaseOtTests
{
    private static readonly byte[] TranscriptBytes = OtTestKit.Transcript("keygen 7 / P1 → P2");

    [Fact]
    public void TryFinish_HonestParties_ReceiverHoldsTheSeedOfItsChoiceOnly()
    {
        var (receiverSetup, senderSetup) = OtTestKit.Setups(100);
        using (receiverSetup)
        using (senderSetup)
        {
            var chosenOnes = 0;
            for (var i = 0; i < OtParameters.Kappa; i++)
            {
                var choice = senderSetup.DeltaBit(i);
                chosenOnes += choice;
                Assert.True(senderSetup.Seed(i).SequenceEqual(receiverSetup.Seed(i, choice)), $"base OT {i}: the chosen seed differs");
                Assert.False(senderSetup.Seed(i).SequenceEqual(receiverSetup.Seed(i, 1 - choice)), $"base OT {i}: the other seed leaked");
                Assert.False(receiverSetup.Seed(i, 0).SequenceEqual(receiverSetup.Seed(i, 1)));
            }

            Assert.InRange(chosenOnes, 40, 88); // Δ is a random 128-bit string, not constant
        }
    }

    [Fact]
    public void Messages_HaveTheAdvertisedLengths()
    {
        using var sender = BaseOtSender.Start(TranscriptBytes, new DeterministicRandom(1));
        using var receiver = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(2));

        Assert.Equal(BaseOtReceiver.SenderMessageLength, sender.Message.Length);
        Assert.Equal(BaseOtSender.ReceiverMessageLength, receiver.Message.Length);
        Assert.Equal(32, BaseOtReceiver.SenderMessageLength);
        Assert.Equal(OtParameters.Kappa * 64, BaseOtSender.ReceiverMessageLength);
    }

    [Fact]
    public void TryFinish_DifferentTranscripts_SeedsDoNotMatch()
    {
        using var sender = BaseOtSender.Start(TranscriptBytes, new DeterministicRandom(3));
        using var receiver = BaseOtReceiver.Start(OtTestKit.Transcript("keygen 7 / P2 → P1"), new DeterministicRandom(4));
        Assert.True(sender.TryFinish(receiver.Message.Span, out var receiverSetup, out _));
        Assert.True(receiver.TryFinish(sender.Message.Span, out var senderSetup, out _));

        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            Assert.False(senderSetup!.Seed(i).SequenceEqual(receiverSetup!.Seed(i, senderSetup.DeltaBit(i))));
        }
    }

    [Fact]
    public void TryFinish_IsPure_SameMessageGivesSameSetup()
    {
        using var sender = BaseOtSender.Start(TranscriptBytes, new DeterministicRandom(5));
        using var receiver = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(6));

        Assert.True(sender.TryFinish(receiver.Message.Span, out var first, out _));
        Assert.True(sender.TryFinish(receiver.Message.Span, out var second, out _));
        Assert.True(receiver.TryFinish(sender.Message.Span, out var third, out _));
        Assert.True(receiver.TryFinish(sender.Message.Span, out var fourth, out _));

        Assert.Equal(first!.Encode(), second!.Encode());
        Assert.Equal(third!.Encode(), fourth!.Encode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void ReceiverTryFinish_WrongLength_IsRejected(int length)
    {
        using var receiver = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(7));

        Assert.False(receiver.TryFinish(new byte[length], out var setup, out var error));
        Assert.Null(setup);
        Assert.Contains("bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8191)]
    [InlineData(8193)]
    public void SenderTryFinish_WrongLength_IsRejected(int length)
    {
        using var sender = BaseOtSender.Start(TranscriptBytes, new DeterministicRandom(8));

        Assert.False(sender.TryFinish(new byte[length], out var setup, out var error));
        Assert.Null(setup);
        Assert.Contains("bytes", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> BadPoints => new()
    {
        { "identity", new byte[32] },
        { "p (non-canonical)", Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f") },
        { "high bit set", Convert.FromHexString("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2df6") },
        { "negative field element", Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000") },
    };

    [Theory]
    [MemberData(nameof(BadPoints))]
    public void ReceiverTryFinish_BadSenderPoint_IsRejected(string name, byte[] point)
    {
        using var receiver = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(9));

        Assert.False(receiver.TryFinish(point, out var setup, out var error), name);
        Assert.Null(setup);
        Assert.Contains("A is not", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadPoints))]
    public void SenderTryFinish_BadReceiverPoint_IsRejectedNamingIt(string name, byte[] point)
    {
        using var sender = BaseOtSender.Start(TranscriptBytes, new DeterministicRandom(10));
        using var receiver = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(11));
        var message = receiver.Message.ToArray();
        point.CopyTo(message, (5 * 64) + 32);

        Assert.False(sender.TryFinish(message, out var setup, out var error), name);
        Assert.Null(setup);
        Assert.Equal("r1 of base OT 5 is not a canonical non-identity ristretto255 element", error);
    }

    [Fact]
    public void Setups_RoundTripThroughEncode()
    {
        var (receiverSetup, senderSetup) = OtTestKit.Setups(200);

        Assert.Equal(OtExtensionReceiverSetup.EncodedLength, receiverSetup.Encode().Length);
        Assert.Equal(OtExtensionSenderSetup.EncodedLength, senderSetup.Encode().Length);
        Assert.True(OtExtensionReceiverSetup.TryDecode(receiverSetup.Encode(), out var receiverCopy));
        Assert.True(OtExtensionSenderSetup.TryDecode(senderSetup.Encode(), out var senderCopy));
        Assert.Equal(receiverSetup.Encode(), receiverCopy!.Encode());
        Assert.Equal(senderSetup.Encode(), senderCopy!.Encode());
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            Assert.True(senderCopy.Seed(i).SequenceEqual(receiverCopy.Seed(i, senderCopy.DeltaBit(i))));
        }
    }

    [Fact]
    public void SetupTryDecode_WrongLengthOrHeader_IsRejected()
    {
        var (receiverSetup, senderSetup) = OtTestKit.Setups(300);
        var receiverBytes = receiverSetup.Encode();
        var senderBytes = senderSetup.Encode();

        Assert.False(OtExtensionReceiverSetup.TryDecode(receiverBytes.AsSpan(1), out var r1));
        Assert.False(OtExtensionReceiverSetup.TryDecode([.. receiverBytes, 0], out var r2));
        Assert.False(OtExtensionReceiverSetup.TryDecode([], out var r3));
        Assert.False(OtExtensionSenderSetup.TryDecode(senderBytes.AsSpan(..^1), out var s1));
        Assert.False(OtExtensionSenderSetup.TryDecode([.. senderBytes, 0], out var s2));

        // Each type refuses the other's header, even at the right length.
        Assert.False(OtExtensionReceiverSetup.TryDecode([.. senderBytes[..4], .. receiverBytes[4..]], out var r4));
        Assert.False(OtExtensionSenderSetup.TryDecode([.. receiverBytes[..4], .. senderBytes[4..]], out var s3));
        Assert.All(new object?[] { r1, r2, r3, r4, s1, s2, s3 }, Assert.Null);
    }

    [Fact]
    public void Setups_PrintRedactedAndRefuseUseAfterDispose()
    {
        var (receiverSetup, senderSetup) = OtTestKit.Setups(400);

        Assert.Equal("OtExtensionReceiverSetup([redacted])", receiverSetup.ToString());
        Assert.Equal("OtExtensionSenderSetup([redacted])", senderSetup.ToString());
        receiverSetup.Dispose();
        senderSetup.Dispose();
        Assert.Throws<ObjectDisposedException>(() => receiverSetup.Encode());
        Assert.Throws<ObjectDisposedException>(() => senderSetup.Encode());
    }

    [Fact]
    public void Receiver_DrawsDifferentDeltaAndMessagesPerRun()
    {
        using var a = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(12));
        using var b = BaseOtReceiver.Start(TranscriptBytes, new DeterministicRandom(13));

        Assert.False(a.Message.Span.SequenceEqual(b.Message.Span));
        for (var i = 0; i < a.Message.Length; i += 32)
        {
            Assert.True(Ristretto255Point.TryDecode(a.Message.Span.Slice(i, 32), out _), $"element at {i} must decode strictly");
        }
    }
}
