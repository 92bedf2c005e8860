using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;

namespace Arcanum.Mpc.Tests.Frost;

/// <summary>Random t-of-n signing with random signer subsets for every suite, each signature checked by an independent verifier where one exists.</summary>
public sealed class FrostSigningTests
{
    private const int Runs = 8;

    public static TheoryData<int, int> Thresholds => new() { { 2, 2 }, { 2, 3 }, { 3, 5 }, { 4, 6 }, { 5, 7 }, { 7, 10 } };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void TwoRound_Ed25519RandomSigners_LibsodiumAcceptsSignature(int threshold, int parties)
    {
        foreach (var (shares, signers, message, rng) in Cases<Ed25519Point, Ed25519Scalar>(threshold, parties, seed: 1))
        {
            var signature = SigningTestKit.AgreedSignature(SigningTestKit.TwoRound(FrostEd25519.Instance, signers, message, null, rng).Run());

            Assert.True(SigningTestKit.VerifyWithLibsodium(shares[0].GroupKey.PublicKey, message, signature));
            Assert.False(SigningTestKit.VerifyWithLibsodium(shares[0].GroupKey.PublicKey, [.. message, 0], signature));
        }
    }

    /// <summary>No independent verifier exists for FROST(secp256k1, SHA-256) (RFC 9380 challenge hash); the suite's Verify checks it.</summary>
    [Theory]
    [MemberData(nameof(Thresholds))]
    public void TwoRound_Secp256k1RandomSigners_SuiteVerifiesSignature(int threshold, int parties)
    {
        foreach (var (shares, signers, message, rng) in Cases<Secp256k1Point, Secp256k1Scalar>(threshold, parties, seed: 2))
        {
            var signature = SigningTestKit.AgreedSignature(SigningTestKit.TwoRound(FrostSecp256k1.Instance, signers, message, null, rng).Run());

            Assert.True(FrostSecp256k1.Instance.Verify(shares[0].GroupKey.PublicKey, message, signature));
            Assert.False(FrostSecp256k1.Instance.Verify(shares[0].GroupKey.PublicKey, [.. message, 0], signature));
        }
    }

    /// <summary>
    /// BIP340 signatures under the untweaked key, the BIP86 key-path-only output key and a
    /// script-tree output key; libsecp256k1 verifies each, and computes the output key itself.
    /// Eight runs per case cover both parities of the group key and of R (nonce negation).
    /// </summary>
    [Theory]
    [MemberData(nameof(Thresholds))]
    public void TwoRound_TaprootRandomSigners_Libsecp256k1AcceptsSignature(int threshold, int parties)
    {
        var merkleRoot = new TaprootTweak(SHA256.HashData("script tree"u8));
        var oddKeys = 0;
        foreach (var (shares, signers, message, rng) in Cases<Secp256k1Point, Secp256k1Scalar>(threshold, parties, seed: 3))
        {
            var internalKey = shares[0].GroupKey.PublicKey;
            oddKeys += FrostSecp256k1Taproot.HasEvenY(internalKey) ? 0 : 1;
            foreach (var tweak in new[] { null, TaprootTweak.KeyPathOnly, merkleRoot })
            {
                var signature = SigningTestKit.AgreedSignature(SigningTestKit.TwoRound(FrostSecp256k1Taproot.Instance, signers, message, tweak, rng).Run());
                var outputKey = FrostSecp256k1Taproot.Instance.SigningKey(shares[0].GroupKey, tweak).PublicKey;
                var expectedKey = tweak is null ? internalKey : SigningTestKit.OutputKeyByLibsecp256k1(internalKey, tweak);

                Assert.Equal(FrostSecp256k1Taproot.XOnly(expectedKey), FrostSecp256k1Taproot.XOnly(outputKey));
                Assert.True(SigningTestKit.VerifyWithLibsecp256k1(outputKey, message, signature));
                Assert.False(SigningTestKit.VerifyWithLibsecp256k1(outputKey, [.. message, 0], signature));
            }
        }

        Assert.InRange(oddKeys, 1, Runs - 1);
    }

    [Fact]
    public void TwoRound_TaprootWithTweak_SignatureFailsUnderInternalKey()
    {
        var rng = new DeterministicRandom(4);
        var shares = SigningTestKit.Deal<Secp256k1Point, Secp256k1Scalar>(2, 3, rng);
        var message = SHA256.HashData("spend"u8);

        var signature = SigningTestKit.AgreedSignature(SigningTestKit.TwoRound(FrostSecp256k1Taproot.Instance, shares[..2], message, TaprootTweak.KeyPathOnly, rng).Run());

        Assert.False(SigningTestKit.VerifyWithLibsecp256k1(shares[0].GroupKey.PublicKey, message, signature));
    }

    /// <summary><see cref="Runs"/> dealer keys with a random signer subset of random size t..n (at least 2, as a session needs two parties) and a random message.</summary>
    private static IEnumerable<(KeyShare<TPoint, TScalar>[] Shares, KeyShare<TPoint, TScalar>[] Signers, byte[] Message, DeterministicRandom Rng)> Cases<TPoint, TScalar>(
        int threshold, int parties, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var rng = new DeterministicRandom((seed * 1000) + (ulong)((threshold * 100) + parties));
        var choice = new Random((int)seed + (threshold * 100) + parties);
        for (var run = 0; run < Runs; run++)
        {
            var shares = SigningTestKit.Deal<TPoint, TScalar>(threshold, parties, rng);
            var count = choice.Next(Math.Max(threshold, 2), parties + 1);
            var signers = shares.OrderBy(_ => choice.Next()).Take(count).ToArray();
            var message = new byte[choice.Next(0, 100)];
            rng.GetBytes(message);
            yield return (shares, signers, message, rng);
        }
    }
}
