using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Reshare;
using Arcanum.Mpc.Tests.Dkg;
using Arcanum.Mpc.Wire;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Reshare;

public sealed class FrostReshareTests
{
    [Fact]
    public void Refresh_SameCommittee_KeepsTheKeyAndReplacesTheShares()
    {
        var parties = DkgHarness.Ids(1, 2, 3, 4, 5);
        const int threshold = 3;
        var old = DkgHarness.RunDkg(FrostEd25519.Instance, parties, threshold, 30);
        var session = DkgHarness.Session(31);

        var runners = new InMemoryNetwork<KeyShare<Ed25519Point, Ed25519Scalar>>(old.Select(share =>
        {
            var rng = DkgHarness.Rng(31, share.Id);
            return new PartyRunner<KeyShare<Ed25519Point, Ed25519Scalar>>(FrostRefresh.Start(new ProtocolContext(session, share.Id, parties), share, rng), rng);
        })).Run();

        Assert.All(runners.Values, r => Assert.Equal(RunStatus.Completed, r.Status));
        var fresh = old.Select(s => runners[s.Id].Output!).ToArray();
        var key = old[0].GroupKey;
        for (var i = 0; i < fresh.Length; i++)
        {
            Assert.True(fresh[i].GroupKey.HasSamePublicKey(key));
            Assert.Equal(threshold, fresh[i].GroupKey.Threshold);
            Assert.Equal(fresh[0].GroupKey.VerificationShares, fresh[i].GroupKey.VerificationShares);
            Assert.Equal(Ed25519Point.MultiplyBase(fresh[i].Secret), fresh[i].VerificationShare);
            Assert.NotEqual(old[i].Secret, fresh[i].Secret);
            Assert.NotEqual(old[i].VerificationShare, fresh[i].VerificationShare);
        }

        Assert.Equal(key.PublicKey, Ed25519Point.MultiplyBase(DkgHarness.Reconstruct(fresh[..threshold])));
        Assert.Equal(key.PublicKey, Ed25519Point.MultiplyBase(DkgHarness.Reconstruct(fresh[^threshold..])));

        // t − 1 old shares with one new share: every such mix fails.
        var mixes = 0;
        for (var fresher = 0; fresher < fresh.Length; fresher++)
        {
            var olds = old.Where((_, i) => i != fresher).Take(threshold - 1);
            Assert.NotEqual(key.PublicKey, Ed25519Point.MultiplyBase(DkgHarness.Reconstruct([.. olds, fresh[fresher]])));
            mixes++;
        }

        Assert.Equal(parties.Length, mixes);
    }

    /// <summary>
    /// 2-of-3 {1,2,3} → 3-of-5 {2,3,4,5,6} (dealers 1 and 3; 1 leaves, 2 stays without dealing,
    /// 4–6 join) → 2-of-2 {5,7} (dealers 3, 5, 6; 3 and 6 leave, 7 joins). PK and chain code never change.
    /// </summary>
    [Fact]
    public void Reshare_ThroughChangingCommittees_KeepsThePublicKey()
    {
        var original = DkgHarness.RunDkg(FrostSecp256k1.Instance, DkgHarness.Ids(1, 2, 3), 2, 40);
        var key = original[0].GroupKey;

        var first = RunReshare(key, original, DkgHarness.Ids(1, 3), DkgHarness.Ids(2, 3, 4, 5, 6), 3, 41);
        var middle = AssertReshared(first, key, DkgHarness.Ids(2, 3, 4, 5, 6), 3, leaving: DkgHarness.Ids(1));

        var second = RunReshare(middle[0].GroupKey, middle, DkgHarness.Ids(3, 5, 6), DkgHarness.Ids(5, 7), 2, 42);
        var last = AssertReshared(second, key, DkgHarness.Ids(5, 7), 2, leaving: DkgHarness.Ids(3, 6));

        Assert.Equal(key.PublicKey, Secp256k1Point.MultiplyBase(DkgHarness.Reconstruct(last)));
        Assert.NotEqual(key.PublicKey, Secp256k1Point.MultiplyBase(DkgHarness.Reconstruct(last[..1])));
    }

    [Fact]
    public void Reshare_DealerWithWrongConstantTerm_BlamesTheDealer()
    {
        var original = DkgHarness.RunDkg(FrostEd25519.Instance, DkgHarness.Ids(1, 2, 3), 2, 50);
        var cheat = new PartyId(3);
        var rule = Faults.Rewrite(
            d => d.Message is { Round: 1, IsBroadcast: true } m && m.From == cheat,
            m =>
            {
                var commitment = FrostDkgCommitment.Parser.ParseFrom(m.Payload.Span);
                Assert.True(Ed25519Point.TryDecode(commitment.CoefficientCommitments[0].Span, out var c0));
                var bytes = new byte[Ed25519Point.EncodedLength];
                (c0 + Ed25519Point.Generator).Encode(bytes);
                commitment.CoefficientCommitments[0] = ByteString.CopyFrom(bytes);
                return m with { Payload = commitment.ToByteArray() };
            });

        var runners = RunReshare(original[0].GroupKey, original, DkgHarness.Ids(1, 3), DkgHarness.Ids(1, 2, 4), 2, 51, rule);

        DkgHarness.AssertAborted(runners, DkgHarness.Ids(1, 2, 4), 3);
    }

    [Fact]
    public void Start_TooFewDealers_Throws()
    {
        var original = DkgHarness.RunDkg(FrostEd25519.Instance, DkgHarness.Ids(1, 2, 3), 3, 60);
        var dealers = DkgHarness.Ids(1, 2);
        var context = new ProtocolContext(DkgHarness.Session(61), dealers[0], DkgHarness.Ids(1, 2, 4));

        Assert.Throws<ArgumentException>(() => FrostReshare.Start(context, original[0].GroupKey, original[0], dealers, DkgHarness.Ids(1, 2, 4), 2, new DeterministicRandom(1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Start_NewThresholdOutOfRange_Throws(int threshold)
    {
        var original = DkgHarness.RunDkg(FrostEd25519.Instance, DkgHarness.Ids(1, 2, 3), 2, 62);
        var parties = DkgHarness.Ids(1, 2, 3);
        var context = new ProtocolContext(DkgHarness.Session(63), parties[0], parties);

        Assert.Throws<ArgumentOutOfRangeException>(() => FrostReshare.Start(context, original[0].GroupKey, original[0], parties, parties, threshold, new DeterministicRandom(1)));
    }

    private static IReadOnlyDictionary<PartyId, PartyRunner<ReshareResult<TPoint, TScalar>>> RunReshare<TPoint, TScalar>(
        GroupKey<TPoint, TScalar> oldKey,
        IReadOnlyList<KeyShare<TPoint, TScalar>> oldShares,
        PartyId[] dealers,
        PartyId[] newParties,
        int threshold,
        ulong seed,
        IFaultRule? rule = null)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var session = DkgHarness.Session(seed);
        var parties = dealers.Union(newParties).Order().ToArray();
        var network = new InMemoryNetwork<ReshareResult<TPoint, TScalar>>(parties.Select(p =>
        {
            var rng = DkgHarness.Rng(seed, p);
            var oldShare = dealers.Contains(p) ? oldShares.Single(s => s.Id == p) : null;
            var start = FrostReshare.Start(new ProtocolContext(session, p, parties), oldKey, oldShare, dealers, newParties, threshold, rng);
            return new PartyRunner<ReshareResult<TPoint, TScalar>>(start, rng);
        }));
        return (rule is null ? network : network.With(rule)).Run();
    }

    /// <summary>Every party completed; members of the new committee hold consistent shares of the original key; leavers hold none.</summary>
    private static KeyShare<TPoint, TScalar>[] AssertReshared<TPoint, TScalar>(
        IReadOnlyDictionary<PartyId, PartyRunner<ReshareResult<TPoint, TScalar>>> runners,
        GroupKey<TPoint, TScalar> original,
        PartyId[] newParties,
        int threshold,
        PartyId[] leaving)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.All(runners.Values, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.Equal(newParties.Length + leaving.Length, runners.Count);
        foreach (var runner in runners.Values)
        {
            var key = runner.Output!.GroupKey;
            Assert.True(key.HasSamePublicKey(original));
            Assert.Equal(threshold, key.Threshold);
            Assert.Equal(newParties, key.Parties);
        }

        Assert.All(leaving, p => Assert.Null(runners[p].Output!.Share));
        var shares = newParties.Select(p => runners[p].Output!.Share!).ToArray();
        Assert.All(shares, s => Assert.Equal(TPoint.MultiplyBase(s.Secret), s.VerificationShare));
        Assert.Equal(original.PublicKey, TPoint.MultiplyBase(DkgHarness.Reconstruct(shares[..threshold])));
        return shares;
    }
}
