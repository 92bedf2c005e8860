using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Dkg;

public sealed class FrostDkgTests
{
    public static TheoryData<ulong> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_RandomCommitteeEd25519_EveryPartyHoldsAConsistentKey(ulong seed) => AssertConsistentKey(FrostEd25519.Instance, seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_RandomCommitteeSecp256k1_EveryPartyHoldsAConsistentKey(ulong seed) => AssertConsistentKey(FrostSecp256k1.Instance, seed);

    [Theory]
    [InlineData(7, 10)]
    [InlineData(2, 2)]
    [InlineData(10, 10)]
    public void Run_FixedCommittee_EveryPartyHoldsAConsistentKey(int threshold, int parties) =>
        AssertConsistentKey(FrostSecp256k1Taproot.Instance, threshold, parties, (ulong)((threshold * 100) + parties));

    [Theory]
    [InlineData(1, 3)]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    public void Start_ThresholdOutOfRange_Throws(int threshold, int parties)
    {
        var ids = DkgHarness.Ids([.. Enumerable.Range(1, parties)]);
        var context = new ProtocolContext(DkgHarness.Session(1), ids[0], ids);

        Assert.Throws<ArgumentOutOfRangeException>(() => FrostDkg.Start(FrostEd25519.Instance, context, threshold, new DeterministicRandom(1)));
    }

    [Fact]
    public void Start_MoreThan32Parties_Throws()
    {
        var ids = DkgHarness.Ids([.. Enumerable.Range(1, 33)]);
        var context = new ProtocolContext(DkgHarness.Session(1), ids[0], ids);

        Assert.Throws<ArgumentOutOfRangeException>(() => FrostDkg.Start(FrostEd25519.Instance, context, 2, new DeterministicRandom(1)));
    }

    [Fact]
    public void ProofOfKnowledge_OtherSession_DoesNotVerify()
    {
        var rng = new DeterministicRandom(9);
        var secret = Ed25519Scalar.Random(rng);
        var dealer = new PartyId(4);
        var proof = DkgProofOfKnowledge.Prove(FrostEd25519.Instance, DkgHarness.Session(1).ToArray(), dealer, secret, rng);
        var commitment = Ed25519Point.MultiplyBase(secret);

        Assert.True(DkgProofOfKnowledge.Verify(FrostEd25519.Instance, DkgHarness.Session(1).ToArray(), dealer, commitment, proof));
        Assert.False(DkgProofOfKnowledge.Verify(FrostEd25519.Instance, DkgHarness.Session(2).ToArray(), dealer, commitment, proof));
    }

    /// <summary>
    /// Random t-of-n up to 7-of-10 with non-contiguous identifiers: every party outputs the same PK,
    /// chain code and verification shares, s_i·G = Y_i, any t shares interpolate to the secret of PK
    /// and t − 1 do not.
    /// </summary>
    private static void AssertConsistentKey<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var random = new Random((int)seed);
        var n = random.Next(2, 11);
        AssertConsistentKey(suite, random.Next(2, Math.Min(n, 7) + 1), n, seed);
    }

    private static void AssertConsistentKey<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, int t, int n, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var random = new Random((int)seed + 1);
        var ids = DkgHarness.Ids([.. Enumerable.Range(1, 40).OrderBy(_ => random.Next()).Take(n)]);

        var shares = DkgHarness.RunDkg(suite, ids, t, seed);

        Assert.Equal(n, shares.Length);
        var key = shares[0].GroupKey;
        Assert.Equal(t, key.Threshold);
        Assert.Equal(ids.Order(), key.Parties);
        foreach (var share in shares)
        {
            Assert.True(share.GroupKey.HasSamePublicKey(key));
            Assert.Equal(key.VerificationShares, share.GroupKey.VerificationShares);
            Assert.Equal(TPoint.MultiplyBase(share.Secret), share.VerificationShare);
        }

        Assert.False(key.ChainCode.SequenceEqual(new byte[32]));
        Assert.Equal(key.PublicKey, TPoint.MultiplyBase(DkgHarness.Reconstruct(DkgHarness.Pick(shares, t, random))));
        Assert.NotEqual(key.PublicKey, TPoint.MultiplyBase(DkgHarness.Reconstruct(DkgHarness.Pick(shares, t - 1, random))));
    }
}
