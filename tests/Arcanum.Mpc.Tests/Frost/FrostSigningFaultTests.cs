using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Frost;

/// <summary>
/// Two-round signing between parties 1, 2 and 4 of a 3-of-5 key under the harness's fault rules;
/// party 2 misbehaves and every honest party must name it (or, for harmless faults, complete).
/// </summary>
public sealed class FrostSigningFaultTests
{
    private static readonly PartyId Cheater = new(2);
    private static readonly byte[] Message = "transfer"u8.ToArray();

    /// <summary>
    /// A commitment that differs from the one its sender signs with. Party 2's own round-2 echo
    /// carries its real commitment while the others hold the tampered one, so the echo check names
    /// party 2 before anyone aggregates; without the echo, party 2's share would fail §5.4 at every
    /// aggregator, naming party 2 again.
    /// </summary>
    [Fact]
    public void TamperedCommitment_HonestPartiesNameSender()
    {
        var parties = Run(Faults.TamperPayload(Cheater, 1, _ => OtherCommitment(7)));

        SigningTestKit.AssertHonestBlame(parties, 2);
    }

    [Fact]
    public void BadSignatureShare_AggregatorNamesSigner()
    {
        var parties = Run(Faults.TamperPayload(Cheater, 2, ShiftShare));

        SigningTestKit.AssertHonestBlame(parties, 2);
        Assert.Contains("9591 §5.4", parties[new PartyId(1)].Abort!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoBadSignatureShares_AggregatorNamesBoth()
    {
        var parties = Run(Faults.TamperPayload(Cheater, 2, ShiftShare), Faults.TamperPayload(new PartyId(4), 2, ShiftShare));

        SigningTestKit.AssertHonestBlame(parties, 2, 4);
    }

    /// <summary>Party 2 shows party 4 another commitment than party 1: the round-2 echoes disagree on party 2's slot.</summary>
    [Fact]
    public void EquivocatedCommitment_EchoNamesEquivocator()
    {
        var parties = Run(Faults.Equivocate(Cheater, 1, new PartyId(4), _ => OtherCommitment(8)));

        SigningTestKit.AssertHonestBlame(parties, 2);
        Assert.Contains("equivocated", parties[new PartyId(1)].Abort!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DuplicatedAndReorderedMessages_EveryoneCompletes(int reorderSeed)
    {
        var (network, key) = Network(Faults.Duplicate(_ => true));

        var signature = SigningTestKit.AgreedSignature(network.Run(reorderSeed));

        Assert.True(SigningTestKit.VerifyWithLibsodium(key.PublicKey, Message, signature));
    }

    [Fact]
    public void MessagesOfAnotherSession_AreIgnored()
    {
        var (network, key) = Network(Faults.ReplayIntoSession(SessionId.Random(new DeterministicRandom(99)), d => d.Message.From == Cheater));

        var parties = network.Run();

        Assert.True(SigningTestKit.VerifyWithLibsodium(key.PublicKey, Message, SigningTestKit.AgreedSignature(parties)));
        Assert.Contains(parties[new PartyId(1)].Ignored, c => c.Reason.Contains("session", StringComparison.Ordinal));
    }

    /// <summary>
    /// Party 3 holds a share of the key but is not in this signer set: to the session it is a
    /// stranger, and the kernel ignores its messages (no fault — it is not a participant to blame).
    /// </summary>
    [Fact]
    public void SignerOutsideSignerSet_IsIgnored()
    {
        var (network, key) = Network(Faults.Impersonate(new PartyId(3), d => d.Message.From == Cheater));

        var parties = network.Run();

        Assert.True(SigningTestKit.VerifyWithLibsodium(key.PublicKey, Message, SigningTestKit.AgreedSignature(parties)));
        Assert.Contains(parties[new PartyId(1)].Ignored, c => c.Reason.Contains("party 3", StringComparison.Ordinal));
    }

    public static TheoryData<string> BadCommitments => [.. Ed25519Commitments.Keys];

    [Theory]
    [MemberData(nameof(BadCommitments))]
    public void MalformedEd25519Commitment_FaultNamesSender(string name)
    {
        var parties = Run(Faults.TamperPayload(Cheater, 1, Ed25519Commitments[name]));

        SigningTestKit.AssertHonestBlame(parties, 2);
        Assert.Contains("round 1 commitment", parties[new PartyId(1)].Abort!.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadSecp256k1Commitments => [.. Secp256k1Commitments.Keys];

    [Theory]
    [MemberData(nameof(BadSecp256k1Commitments))]
    public void MalformedSecp256k1Commitment_FaultNamesSender(string name)
    {
        var rng = new DeterministicRandom(31);
        var shares = SigningTestKit.Deal<Secp256k1Point, Secp256k1Scalar>(3, 5, rng);
        var network = SigningTestKit.TwoRound(FrostSecp256k1Taproot.Instance, [shares[0], shares[1], shares[3]], Message, null, rng)
            .With(Faults.TamperPayload(Cheater, 1, Secp256k1Commitments[name]));

        var parties = network.Run();

        SigningTestKit.AssertHonestBlame(parties, 2);
        Assert.Contains("round 1 commitment", parties[new PartyId(1)].Abort!.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadShares => [.. Shares.Keys];

    [Theory]
    [MemberData(nameof(BadShares))]
    public void MalformedSignatureShare_FaultNamesSender(string name)
    {
        var parties = Run(Faults.TamperPayload(Cheater, 2, Shares[name]));

        SigningTestKit.AssertHonestBlame(parties, 2);
        Assert.Contains("signature share", parties[new PartyId(1)].Abort!.Reason, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, Func<byte[], byte[]>> Ed25519Commitments = new()
    {
        ["truncated"] = p => p[..^1],
        ["oversized point"] = p => Commitment(Edit(Hiding(p), h => [.. h, 0]), Binding(p)),
        ["empty point"] = p => Commitment([], Binding(p)),
        ["identity"] = p => Commitment(Identity25519(), Binding(p)),
        ["small order (0, -1)"] = p => Commitment(Hiding(p), Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")),
        ["non-canonical y ≥ p"] = p => Commitment(Convert.FromHexString("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), Binding(p)),
        ["unknown field"] = p => [.. p, 0x18, 0x01],
        ["not protobuf"] = _ => [0xff, 0xff, 0xff],
        ["fields reordered"] = p => [.. Field(2, Binding(p)), .. Field(1, Hiding(p))],
    };

    private static readonly Dictionary<string, Func<byte[], byte[]>> Secp256k1Commitments = new()
    {
        ["truncated point"] = p => Commitment(Hiding(p)[..32], Binding(p)),
        ["uncompressed point"] = p => Commitment([0x04, .. new byte[64]], Binding(p)),
        ["off curve"] = p => Commitment(OffCurveSecp256k1(), Binding(p)),
        ["x ≥ p"] = p => Commitment([0x02, .. Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30")], Binding(p)),
        ["bad prefix"] = p => Commitment(Edit(Hiding(p), h => { h[0] = 0x05; return h; }), Binding(p)),
        ["identity (SEC1 0x00)"] = p => Commitment([0x00], Binding(p)),
    };

    private static readonly Dictionary<string, Func<byte[], byte[]>> Shares = new()
    {
        ["truncated"] = p => Share(ShareBytes(p)[..31]),
        ["oversized"] = p => Share([.. ShareBytes(p), 0]),
        ["ℓ (non-canonical)"] = _ => Share(Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")),
        ["all ones"] = _ => Share(Enumerable.Repeat((byte)0xff, 32).ToArray()),
        ["unknown field"] = p => [.. p, 0x10, 0x01],
        ["empty payload"] = _ => [],
    };

    private static IReadOnlyDictionary<PartyId, PartyRunner<byte[]>> Run(params IFaultRule[] faults) => Network(faults).Network.Run();

    private static (InMemoryNetwork<byte[]> Network, GroupKey<Ed25519Point, Ed25519Scalar> Key) Network(params IFaultRule[] faults)
    {
        var rng = new DeterministicRandom(30);
        var shares = SigningTestKit.Deal<Ed25519Point, Ed25519Scalar>(3, 5, rng);
        var network = SigningTestKit.TwoRound(FrostEd25519.Instance, [shares[0], shares[1], shares[3]], Message, null, rng);
        foreach (var fault in faults)
        {
            network.With(fault);
        }

        return (network, shares[0].GroupKey);
    }

    /// <summary>A well-formed commitment to nonces nobody holds.</summary>
    private static byte[] OtherCommitment(ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        return Commitment(Encode(Ed25519Point.MultiplyBase(Ed25519Scalar.Random(rng))), Encode(Ed25519Point.MultiplyBase(Ed25519Scalar.Random(rng))));
    }

    /// <summary>A canonical share that is off by one: decodes, then fails §5.4.</summary>
    private static byte[] ShiftShare(byte[] payload)
    {
        Assert.True(Ed25519Scalar.TryDecode(ShareBytes(payload), out var share));
        var shifted = new byte[32];
        (share + Ed25519Scalar.One).Encode(shifted);
        return Share(shifted);
    }

    private static byte[] Commitment(byte[] hiding, byte[] binding) =>
        new FrostSigningCommitment { Hiding = ByteString.CopyFrom(hiding), Binding = ByteString.CopyFrom(binding) }.ToByteArray();

    private static byte[] Share(byte[] share) => new FrostSignatureShare { Share = ByteString.CopyFrom(share) }.ToByteArray();

    private static byte[] Hiding(byte[] payload) => FrostSigningCommitment.Parser.ParseFrom(payload).Hiding.ToByteArray();

    private static byte[] Binding(byte[] payload) => FrostSigningCommitment.Parser.ParseFrom(payload).Binding.ToByteArray();

    private static byte[] ShareBytes(byte[] payload) => FrostSignatureShare.Parser.ParseFrom(payload).Share.ToByteArray();

    private static byte[] Field(int number, byte[] value) => [(byte)((number << 3) | 2), (byte)value.Length, .. value];

    private static byte[] Edit(byte[] value, Func<byte[], byte[]> edit) => edit(value);

    private static byte[] Identity25519() => [0x01, .. new byte[31]];

    private static byte[] Encode(Ed25519Point point)
    {
        var encoded = new byte[32];
        point.Encode(encoded);
        return encoded;
    }

    /// <summary>02 ‖ x for the smallest x with no curve point (x³ + 7 not a square mod p).</summary>
    private static byte[] OffCurveSecp256k1()
    {
        for (byte x = 1; ; x++)
        {
            byte[] encoded = [0x02, .. new byte[31], x];
            if (!Secp256k1Point.TryDecodeAny(encoded, out _))
            {
                return encoded;
            }
        }
    }
}
