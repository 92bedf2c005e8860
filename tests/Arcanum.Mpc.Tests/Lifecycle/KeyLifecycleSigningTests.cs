using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Repair;
using Arcanum.Mpc.Reshare;
using Arcanum.Mpc.Tests.Dkg;
using Arcanum.Mpc.Tests.Frost;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;

namespace Arcanum.Mpc.Tests.Lifecycle;

/// <summary>
/// End to end, the way keys live in Arcanum: born by DKG (never dealt), then signed with, refreshed,
/// reshared, repaired and derived — and every signature checked by an independent verifier:
/// libsodium's crypto_sign_verify_detached for Ed25519, libsecp256k1's schnorrsig_verify for Taproot.
/// </summary>
public sealed class KeyLifecycleSigningTests
{
    private static readonly byte[] Message = System.Text.Encoding.UTF8.GetBytes("arcanum lifecycle test message");

    public static TheoryData<int, int, ulong> Committees => new()
    {
        { 2, 2, 1 }, { 2, 3, 2 }, { 3, 5, 3 }, { 4, 7, 4 }, { 5, 6, 5 }, { 7, 10, 6 },
    };

    [Theory]
    [MemberData(nameof(Committees))]
    public void Dkg_ThenSignWithARandomSubset_Ed25519VerifiesUnderLibsodium(int threshold, int count, ulong seed)
    {
        var shares = DkgHarness.RunDkg(FrostEd25519.Instance, Ids(count), threshold, seed);
        var signers = DkgHarness.Pick(shares, threshold, new Random((int)seed));

        var signature = Sign(FrostEd25519.Instance, signers, null, seed);

        Assert.True(SigningTestKit.VerifyWithLibsodium(shares[0].GroupKey.PublicKey, Message, signature));
    }

    [Theory]
    [MemberData(nameof(Committees))]
    public void Dkg_ThenTaprootSignWithKeyPathTweak_VerifiesUnderLibsecp256k1(int threshold, int count, ulong seed)
    {
        var shares = DkgHarness.RunDkg(FrostSecp256k1Taproot.Instance, Ids(count), threshold, seed);
        var signers = DkgHarness.Pick(shares, threshold, new Random((int)seed));
        var internalKey = shares[0].GroupKey.PublicKey;

        var signature = Sign(FrostSecp256k1Taproot.Instance, signers, TaprootTweak.KeyPathOnly, seed);

        var outputKey = SigningTestKit.OutputKeyByLibsecp256k1(internalKey, TaprootTweak.KeyPathOnly);
        Assert.True(SigningTestKit.VerifyWithLibsecp256k1(outputKey, Message, signature));
        Assert.False(SigningTestKit.VerifyWithLibsecp256k1(internalKey, Message, signature));
    }

    [Fact]
    public void Refresh_NewSharesSign_AndAMixOfOldAndNewSharesDoesNot()
    {
        var old = DkgHarness.RunDkg(FrostEd25519.Instance, Ids(3), 2, seed: 20);
        var refreshed = RunAll(old.Select(share => (share.Id, Start: FrostRefresh.Start(Context(21, share.Id, 3), share, DkgHarness.Rng(21, share.Id)))));

        Assert.True(SigningTestKit.VerifyWithLibsodium(old[0].GroupKey.PublicKey, Message, Sign(FrostEd25519.Instance, refreshed[..2], null, 22)));

        // Party 1 still on its old share, party 2 on its new one: each one's share fails against the
        // other's verification shares, so each names the other and no signature comes out.
        var parties = SigningTestKit.TwoRound(FrostEd25519.Instance, [old[0], refreshed[1]], Message, null, new DeterministicRandom(23)).Run();
        Assert.Equal([refreshed[1].Id], parties[old[0].Id].Abort!.Culprits);
        Assert.Equal([old[0].Id], parties[refreshed[1].Id].Abort!.Culprits);
    }

    [Fact]
    public void Reshare_2of3_To_3of5_To_2of2_KeepsTheKey_AndEachCommitteeSigns()
    {
        var first = DkgHarness.RunDkg(FrostEd25519.Instance, Ids(3), 2, seed: 30);
        var publicKey = first[0].GroupKey.PublicKey;

        // 2-of-3 {1,2,3} → 3-of-5 {2,3,4,5,6}: dealers {1,3}; party 1 leaves, 4–6 join.
        var second = Reshare(first[0].GroupKey, first, dealers: [1, 3], newParties: [2, 3, 4, 5, 6], newThreshold: 3, seed: 31);
        Assert.True(SigningTestKit.VerifyWithLibsodium(publicKey, Message, Sign(FrostEd25519.Instance, second[^3..], null, 32)));

        // 3-of-5 → 2-of-2 {5,7}: dealers {2,4,5}.
        var third = Reshare(second[0].GroupKey, second, dealers: [2, 4, 5], newParties: [5, 7], newThreshold: 2, seed: 33);
        Assert.Equal(publicKey, third[0].GroupKey.PublicKey);
        Assert.True(SigningTestKit.VerifyWithLibsodium(publicKey, Message, Sign(FrostEd25519.Instance, third, null, 34)));
    }

    [Fact]
    public void Repair_RestoresALostShare_ThatThenSigns()
    {
        var shares = DkgHarness.RunDkg(FrostEd25519.Instance, Ids(5), 3, seed: 40);
        var lost = shares[1];
        var helpers = new[] { shares[0], shares[2], shares[3] };
        var session = DkgHarness.Session(41);
        var helperIds = helpers.Select(h => h.Id).ToArray();
        var runners = helpers
            .Select(h => new PartyRunner<RepairOutput<Ed25519Point, Ed25519Scalar>>(
                (RoundResult<RepairOutput<Ed25519Point, Ed25519Scalar>>.Continue)ShareRepair.StartHelper(session, h, lost.Id, helperIds, DkgHarness.Rng(41, h.Id)), DkgHarness.Rng(41, h.Id)))
            .Append(new PartyRunner<RepairOutput<Ed25519Point, Ed25519Scalar>>(
                (RoundResult<RepairOutput<Ed25519Point, Ed25519Scalar>>.Continue)ShareRepair.StartTarget(session, lost.GroupKey, lost.Id, helperIds), DkgHarness.Rng(41, lost.Id)));

        var repaired = new InMemoryNetwork<RepairOutput<Ed25519Point, Ed25519Scalar>>(runners).Run()[lost.Id].Output!.RepairedShare!;

        Assert.Equal(lost.Secret, repaired.Secret);
        var signature = Sign(FrostEd25519.Instance, [repaired, shares[3], shares[4]], null, 42);
        Assert.True(SigningTestKit.VerifyWithLibsodium(lost.GroupKey.PublicKey, Message, signature));
    }

    [Fact]
    public void Bip32Derivation_ChildSharesSignUnderTheChildKey_Taproot()
    {
        var shares = DkgHarness.RunDkg(FrostSecp256k1Taproot.Instance, Ids(3), 2, seed: 50);
        Assert.True(DerivationPath.TryParse("m/0/7", out var path, out var error), error);
        var child = KeyDerivation.Derive(Bip32Secp256k1.Instance, shares[0].GroupKey, path!).Key!;
        var childShares = shares[1..].Select(s => KeyDerivation.DeriveShare(s, child)).ToArray();

        var signature = Sign(FrostSecp256k1Taproot.Instance, childShares, TaprootTweak.KeyPathOnly, 51);

        var outputKey = SigningTestKit.OutputKeyByLibsecp256k1(child.GroupKey.PublicKey, TaprootTweak.KeyPathOnly);
        Assert.True(SigningTestKit.VerifyWithLibsecp256k1(outputKey, Message, signature));
        Assert.NotEqual(shares[0].GroupKey.PublicKey, child.GroupKey.PublicKey);
    }

    private static PartyId[] Ids(int count) => [.. Enumerable.Range(1, count).Select(i => new PartyId(i))];

    private static ProtocolContext Context(ulong seed, PartyId self, int count) => new(DkgHarness.Session(seed), self, Ids(count));

    private static byte[] Sign<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, IReadOnlyList<KeyShare<TPoint, TScalar>> signers, TaprootTweak? tweak, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        SigningTestKit.AgreedSignature(SigningTestKit.TwoRound(suite, signers, Message, tweak, new DeterministicRandom(seed + 1000)).Run());

    private static KeyShare<Ed25519Point, Ed25519Scalar>[] RunAll(IEnumerable<(PartyId Id, RoundResult<KeyShare<Ed25519Point, Ed25519Scalar>>.Continue Start)> parties)
    {
        var runners = new InMemoryNetwork<KeyShare<Ed25519Point, Ed25519Scalar>>(parties.Select(p => new PartyRunner<KeyShare<Ed25519Point, Ed25519Scalar>>(p.Start, DkgHarness.Rng(99, p.Id)))).Run();
        Assert.All(runners.Values, r => Assert.Equal(RunStatus.Completed, r.Status));
        return [.. runners.Values.Select(r => r.Output!)];
    }

    private static KeyShare<Ed25519Point, Ed25519Scalar>[] Reshare(
        GroupKey<Ed25519Point, Ed25519Scalar> oldKey, KeyShare<Ed25519Point, Ed25519Scalar>[] oldShares, int[] dealers, int[] newParties, int newThreshold, ulong seed)
    {
        var dealerIds = dealers.Select(d => new PartyId(d)).ToArray();
        var newIds = newParties.Select(p => new PartyId(p)).ToArray();
        var everyone = dealerIds.Union(newIds).Order().ToArray();
        var session = DkgHarness.Session(seed);
        var runners = new InMemoryNetwork<ReshareResult<Ed25519Point, Ed25519Scalar>>(everyone.Select(p => new PartyRunner<ReshareResult<Ed25519Point, Ed25519Scalar>>(
            FrostReshare.Start(new ProtocolContext(session, p, everyone), oldKey, dealerIds.Contains(p) ? oldShares.Single(s => s.Id == p) : null, dealerIds, newIds, newThreshold, DkgHarness.Rng(seed, p)),
            DkgHarness.Rng(seed, p)))).Run();
        Assert.All(runners.Values, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.All(runners.Values, r => Assert.Equal(oldKey.PublicKey, r.Output!.GroupKey.PublicKey));
        return [.. newIds.Select(p => runners[p].Output!.Share!)];
    }
}
