using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Dkg;

/// <summary>
/// The DKG under the in-memory network's fault rules: a 3-of-4 run (parties 1–4) in which party 2
/// misbehaves as a dealer (or party 3 as a confirmer). Every honest party must abort naming exactly
/// the misbehaving party — or, for faults the protocol tolerates, complete with one key — and no
/// party may throw (the network would propagate the exception).
/// </summary>
public sealed class DkgFaultTests
{
    private const int Threshold = 3;
    private const int JustificationRoundNumber = 3;
    private static readonly PartyId[] Parties = DkgHarness.Ids(1, 2, 3, 4);
    private static readonly PartyId Dealer = new(2);
    private static readonly PartyId Accuser = new(3);

    [Fact]
    public void TamperedConstantTermCommitment_BlamesTheDealer()
    {
        var runners = Network(1).With(RewriteCommitment(c => Replace(c, 0, Ed25519Point.Generator))).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    [Fact]
    public void TamperedHigherCommitment_BlamesTheDealer()
    {
        var runners = Network(2).With(RewriteCommitment(c => Replace(c, 1, Ed25519Point.Generator))).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    [Fact]
    public void BadProofOfKnowledge_BlamesTheDealer()
    {
        var runners = Network(3).With(RewriteCommitment(c =>
        {
            var proof = c.ConstantTermProof.ToByteArray();
            proof[Ed25519Point.EncodedLength] ^= 1; // the low bit of μ
            c.ConstantTermProof = ByteString.CopyFrom(proof);
            return c;
        })).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    /// <summary>An unknown field (number 15, varint 1) appended to the dealer's broadcast: one message, one encoding.</summary>
    [Fact]
    public void PayloadWithUnknownField_BlamesTheDealer()
    {
        var runners = Network(13).With(Faults.Rewrite(
            d => d.Message is { Round: 1, IsBroadcast: true } m && m.From == Dealer,
            m => m with { Payload = (byte[])[.. m.Payload.Span, 0x78, 0x01] })).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    [Theory]
    [InlineData(Threshold - 1)]
    [InlineData(Threshold + 1)]
    public void WrongNumberOfCommitments_BlamesTheDealer(int count)
    {
        var runners = Network(4).With(RewriteCommitment(c =>
        {
            while (c.CoefficientCommitments.Count > count)
            {
                c.CoefficientCommitments.RemoveAt(c.CoefficientCommitments.Count - 1);
            }

            while (c.CoefficientCommitments.Count < count)
            {
                c.CoefficientCommitments.Add(c.CoefficientCommitments[^1]);
            }

            return c;
        })).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    /// <summary>The dealer sends a wrong (well-formed) share to party 3 and reveals that same share when accused.</summary>
    [Fact]
    public void BadShareToOneRecipient_ComplaintBlamesTheDealer()
    {
        var wrong = Ed25519Scalar.FromUInt64(12345);
        var runners = Network(5).With(CorruptShareToAccuser(_ => Encode(wrong))).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    /// <summary>
    /// A false complaint: party 3 accuses dealer 2, whose revealed share verifies, so the accuser
    /// lied. Party 3 is made a consistent liar by replacing what it reads as dealer 2's share: it
    /// then complains and takes part in round 3 exactly as a lying accuser would.
    /// </summary>
    [Fact]
    public void FalseComplaint_RevealedShareVerifies_BlamesTheAccuser()
    {
        var runners = Network(6).With(Faults.Rewrite(
            d => d.Message is { Round: 1, IsBroadcast: false } m && m.From == Dealer && m.To == Accuser,
            m => m with { Payload = new FrostDkgShare { Share = Encode(Ed25519Scalar.FromUInt64(7)) }.ToByteArray() })).Run();

        DkgHarness.AssertAborted(runners, Honest(Accuser), 3);
    }

    /// <summary>
    /// Party 3 broadcasts an accusation its own state does not hold, so it outputs while the others
    /// wait for its round-3 message (a node's timeout ends the wait): no honest party gets a key.
    /// </summary>
    [Fact]
    public void ComplaintTheAccuserDoesNotStandBy_NoHonestPartyOutputs()
    {
        var runners = Network(7).With(RewriteConfirmation(c =>
        {
            c.Accused.Add(Dealer.Value);
            return c;
        })).Run();

        Assert.All(Honest(Accuser), p => Assert.Null(runners[p].Output));
        Assert.All(Honest(Accuser), p => Assert.Equal(JustificationRoundNumber, runners[p].CurrentRound));
    }

    [Fact]
    public void EquivocatedCommitment_EchoNamesTheDealer()
    {
        var runners = Network(8).With(Faults.Equivocate(Dealer, 1, Accuser, payload =>
            Replace(FrostDkgCommitment.Parser.ParseFrom(payload), 1, Ed25519Point.Generator).ToByteArray())).Run();

        DkgHarness.AssertAborted(runners, Honest(Dealer), 2);
    }

    [Fact]
    public void DuplicatedMessages_AreIgnored_AndTheRunCompletes()
    {
        var network = Network(9).With(Faults.Duplicate(_ => true));

        AssertCompletedWithOneKey(network.Run());
        Assert.Contains(network.Parties.Values, r => r.Ignored.Count > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ReorderedDelivery_Completes(int reorderSeed) => AssertCompletedWithOneKey(Network(10).Run(reorderSeed));

    [Fact]
    public void MessagesFromAnotherSession_AreIgnored_AndTheRunCompletes()
    {
        var network = Network(11).With(Faults.ReplayIntoSession(DkgHarness.Session(999), _ => true));

        AssertCompletedWithOneKey(network.Run());
        Assert.All(network.Parties.Values, r => Assert.NotEmpty(r.Ignored));
    }

    [Fact]
    public void CrashedParty_NobodyOutputsAKey()
    {
        var runners = Network(12).With(Faults.Crash(new PartyId(3))).Run();

        Assert.All(runners.Values, r => Assert.NotEqual(RunStatus.Completed, r.Status));
        Assert.All(runners.Values, r => Assert.Null(r.Output));
    }

    public static TheoryData<string, string, string> MalformedFields
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var curve in new[] { "ed25519", "secp256k1" })
            {
                foreach (var name in new[] { "C0", "C1", "proof.R" })
                {
                    foreach (var corruption in new[] { "truncated", "oversized", "not-a-point", "identity" })
                    {
                        data.Add(curve, name, corruption);
                    }
                }

                foreach (var name in new[] { "proof.z", "share" })
                {
                    foreach (var corruption in new[] { "truncated", "oversized", "non-canonical" })
                    {
                        data.Add(curve, name, corruption);
                    }
                }

                foreach (var corruption in new[] { "truncated", "oversized" })
                {
                    data.Add(curve, "transcript_hash", corruption);
                }

                foreach (var corruption in new[] { "zero", "out-of-range", "self", "non-dealer", "repeated" })
                {
                    data.Add(curve, "accused", corruption);
                }
            }

            return data;
        }
    }

    /// <summary>
    /// Each field of each message with each kind of bad encoding. Round-1 fields blame the dealer
    /// (a malformed share through the complaint, the dealer revealing the same bytes); round-2
    /// fields blame the confirmer.
    /// </summary>
    [Theory]
    [MemberData(nameof(MalformedFields))]
    public void MalformedField_BlamesItsSender(string curve, string field, string corruption)
    {
        if (curve == "ed25519")
        {
            MalformedField(FrostEd25519.Instance, field, corruption);
        }
        else
        {
            MalformedField(FrostSecp256k1.Instance, field, corruption);
        }
    }

    private static void MalformedField<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, string field, string corruption)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        byte[] corrupt(byte[] bytes) => Corruption<TPoint, TScalar>(corruption)(bytes);
        var pointLength = TPoint.EncodedLength;
        IFaultRule rule = field switch
        {
            "C0" or "C1" => RewriteCommitment(c =>
            {
                var k = field == "C0" ? 0 : 1;
                c.CoefficientCommitments[k] = ByteString.CopyFrom(corrupt(c.CoefficientCommitments[k].ToByteArray()));
                return c;
            }),
            "proof.R" or "proof.z" => RewriteCommitment(c =>
            {
                var proof = c.ConstantTermProof.ToByteArray();
                c.ConstantTermProof = ByteString.CopyFrom(field == "proof.R"
                    ? [.. corrupt(proof[..pointLength]), .. proof[pointLength..]]
                    : [.. proof[..pointLength], .. corrupt(proof[pointLength..])]);
                return c;
            }),
            "share" => CorruptShareToAccuser(share => ByteString.CopyFrom(corrupt(share.ToByteArray()))),
            "transcript_hash" => RewriteConfirmation(c =>
            {
                c.TranscriptHash = ByteString.CopyFrom(corrupt(c.TranscriptHash.ToByteArray()));
                return c;
            }),
            _ => RewriteConfirmation(c =>
            {
                c.Accused.AddRange(corruption switch
                {
                    "zero" => [0u],
                    "out-of-range" => [70000u],
                    "self" => [Accuser.Value],
                    "non-dealer" => [5u],
                    _ => [1u, 1u],
                });
                return c;
            }),
        };

        var runners = DkgHarness.Dkg(suite, Parties, Threshold, 20).With(rule).Run();

        var culprit = field is "transcript_hash" or "accused" ? Accuser : Dealer;
        DkgHarness.AssertAborted(runners, Honest(culprit), culprit.Value);
    }

    private static Func<byte[], byte[]> Corruption<TPoint, TScalar>(string corruption)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> => corruption switch
        {
            "truncated" => bytes => bytes[..^1],
            "oversized" => bytes => [.. bytes, 0],
            "not-a-point" => _ => NotAPoint<TPoint, TScalar>(),
            "identity" => _ => IdentityEncoding<TPoint, TScalar>(),
            "non-canonical" => _ => Enumerable.Repeat((byte)0xff, TScalar.EncodedLength).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };

    /// <summary>
    /// The first short encoding that does not decode: for secp256k1 an x with no point on the curve;
    /// for ed25519 a y that is off the curve or outside the prime-order subgroup.
    /// </summary>
    private static byte[] NotAPoint<TPoint, TScalar>()
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        for (var b = 2; b < 256; b++)
        {
            var bytes = new byte[TPoint.EncodedLength];
            if (TPoint.EncodedLength == 33)
            {
                bytes[0] = 0x02;
                bytes[^1] = (byte)b;
            }
            else
            {
                bytes[0] = (byte)b;
            }

            if (!TPoint.TryDecode(bytes, out _))
            {
                return bytes;
            }
        }

        throw new InvalidOperationException("no invalid encoding found");
    }

    /// <summary>Ed25519's identity (0, 1) encodes as 01 00…00; secp256k1's has no 33-byte encoding, so all zeros stands in for it.</summary>
    private static byte[] IdentityEncoding<TPoint, TScalar>()
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TPoint.EncodedLength];
        if (TPoint.EncodedLength == 32)
        {
            bytes[0] = 1;
        }

        return bytes;
    }

    private static InMemoryNetwork<KeyShare<Ed25519Point, Ed25519Scalar>> Network(ulong seed) =>
        DkgHarness.Dkg(FrostEd25519.Instance, Parties, Threshold, seed);

    private static PartyId[] Honest(PartyId culprit) => [.. Parties.Where(p => p != culprit)];

    private static void AssertCompletedWithOneKey(IReadOnlyDictionary<PartyId, PartyRunner<KeyShare<Ed25519Point, Ed25519Scalar>>> runners)
    {
        Assert.All(runners.Values, r => Assert.Equal(RunStatus.Completed, r.Status));
        var key = runners.Values.First().Output!.GroupKey;
        Assert.All(runners.Values, r => Assert.True(r.Output!.GroupKey.HasSamePublicKey(key)));
    }

    /// <summary>Dealer 2's round-1 broadcast, changed the same way for every recipient.</summary>
    private static IFaultRule RewriteCommitment(Func<FrostDkgCommitment, FrostDkgCommitment> change) => Faults.Rewrite(
        d => d.Message is { Round: 1, IsBroadcast: true } m && m.From == Dealer,
        m => m with { Payload = change(FrostDkgCommitment.Parser.ParseFrom(m.Payload.Span)).ToByteArray() });

    /// <summary>Party 3's round-2 confirmation, changed the same way for every recipient (party 3 keeps its own view).</summary>
    private static IFaultRule RewriteConfirmation(Func<FrostDkgConfirmation, FrostDkgConfirmation> change) => Faults.Rewrite(
        d => d.Message is { Round: 2, IsBroadcast: true } m && m.From == Accuser,
        m => m with { Payload = change(FrostDkgConfirmation.Parser.ParseFrom(m.Payload.Span)).ToByteArray() });

    /// <summary>
    /// A dealer that consistently cheats party 3: the share it sends and the share it reveals when
    /// accused are both <paramref name="corrupt"/> applied to the real share.
    /// </summary>
    private static IFaultRule CorruptShareToAccuser(Func<ByteString, ByteString> corrupt) => new CompositeRule(
        Faults.Rewrite(
            d => d.Message is { Round: 1, IsBroadcast: false } m && m.From == Dealer && m.To == Accuser,
            m => m with { Payload = new FrostDkgShare { Share = corrupt(FrostDkgShare.Parser.ParseFrom(m.Payload.Span).Share) }.ToByteArray() }),
        Faults.Rewrite(
            d => d.Message is { Round: 3 } m && m.From == Dealer,
            m =>
            {
                var justification = FrostDkgJustification.Parser.ParseFrom(m.Payload.Span);
                foreach (var revealed in justification.Shares.Where(s => s.Recipient == Accuser.Value))
                {
                    revealed.Share = corrupt(revealed.Share);
                }

                return m with { Payload = justification.ToByteArray() };
            }));

    private static ByteString Encode<TScalar>(TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TScalar.EncodedLength];
        scalar.Encode(bytes);
        return ByteString.CopyFrom(bytes);
    }

    private static FrostDkgCommitment Replace<TPoint>(FrostDkgCommitment commitment, int index, TPoint addend)
        where TPoint : struct, IPoint<TPoint, Ed25519Scalar>
    {
        Assert.True(TPoint.TryDecode(commitment.CoefficientCommitments[index].Span, out var point));
        var bytes = new byte[TPoint.EncodedLength];
        (point + addend).Encode(bytes);
        commitment.CoefficientCommitments[index] = ByteString.CopyFrom(bytes);
        return commitment;
    }

    private sealed class CompositeRule(params IFaultRule[] rules) : IFaultRule
    {
        public IEnumerable<Delivery> Apply(Delivery delivery) =>
            rules.Aggregate((IEnumerable<Delivery>)[delivery], (deliveries, rule) => deliveries.SelectMany(rule.Apply).ToList());
    }
}
