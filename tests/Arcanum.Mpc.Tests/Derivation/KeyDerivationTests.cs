using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Derivation;

public sealed class KeyDerivationTests
{
    [Fact]
    public void DeriveShare_Secp256k1DealtKey_ChildSharesMatchAndReconstructTheChildKey() =>
        AssertChildShares(Bip32Secp256k1.Instance, seed: 1);

    [Fact]
    public void DeriveShare_Ed25519DealtKey_ChildSharesMatchAndReconstructTheChildKey() =>
        AssertChildShares(Ed25519Additive.Instance, seed: 2);

    [Fact]
    public void Derive_Ed25519KnownAnswer_MatchesTheSpecification()
    {
        // docs/derivation.md, test vector: parent key 0x1234567890abcdef·B, chain code 00 01 … 1f,
        // path m/0/1/2147483647 (computed by an independent implementation of the specification).
        var secret = Ed25519Scalar.FromUInt64(0x1234567890abcdef);
        var parent = new GroupKey<Ed25519Point, Ed25519Scalar>(
            Ed25519Point.MultiplyBase(secret), new Dictionary<PartyId, Ed25519Point> { [new PartyId(1)] = Ed25519Point.MultiplyBase(secret) }, 1,
            Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        string[][] expected =
        [
            ["m/0", "a320ba1b98a655cdc8ee0406a12f256789689769398b163ef795750938389157", "fa5213e15a79f29560e4989887db440a6185e7912d32838dd4e5a03bbb996608"],
            ["m/0/1", "d98acf33a8feaca593393dcb2ec005c785bc7aae9e35a95834a15c396ef182ee", "0f07b51ad2a859282a0e364aa613533deb4029080473b730ff987ab327c353d6"],
            ["m/0/1/2147483647", "2125890601a2d6605c62fbc68aef21910d3a0ccd01b4bc1aaee38bc81e33b446", "390159df256f92ca56d3b0e943181370788cf8bab2174b7af7e7fb92f922543e"],
        ];
        Assert.Equal("c4c1227d7fff941a976049ecefad7b663fa5121d769cbbd79a53d344e4773e98", Hex(parent.PublicKey));

        foreach (var (text, key, chainCode) in expected.Select(e => (e[0], e[1], e[2])))
        {
            Assert.True(DerivationPath.TryParse(text, out var path, out var error), error);
            var child = KeyDerivation.Derive(Ed25519Additive.Instance, parent, path!).Key!;

            Assert.Equal(key, Hex(child.GroupKey.PublicKey));
            Assert.Equal(chainCode, Convert.ToHexStringLower(child.GroupKey.ChainCode));
            Assert.Equal(child.GroupKey.PublicKey, Ed25519Point.MultiplyBase(secret + child.Tweak));
        }
    }

    [Fact]
    public void Derive_MultiStepPath_EqualsStepByStep()
    {
        var rng = new DeterministicRandom(4);
        var groupKey = DealtGroupKey<Secp256k1Point, Secp256k1Scalar>(Secp256k1Scalar.Random(rng), rng);
        Assert.True(DerivationPath.TryParse("m/1/2/3", out var path, out _));

        var whole = KeyDerivation.Derive(Bip32Secp256k1.Instance, groupKey, path!).Key!;
        var stepwise = groupKey;
        foreach (var index in path!.Indices)
        {
            Assert.True(DerivationPath.TryCreate([index], out var step, out _));
            stepwise = KeyDerivation.Derive(Bip32Secp256k1.Instance, stepwise, step!).Key!.GroupKey;
        }

        Assert.True(whole.GroupKey.HasSamePublicKey(stepwise));
        Assert.Equal(stepwise.VerificationShares, whole.GroupKey.VerificationShares);
        Assert.NotEqual(groupKey.PublicKey, whole.GroupKey.PublicKey);
    }

    [Fact]
    public void Derive_EmptyPath_IsTheParent()
    {
        var rng = new DeterministicRandom(5);
        var groupKey = DealtGroupKey<Ed25519Point, Ed25519Scalar>(Ed25519Scalar.Random(rng), rng);

        var child = KeyDerivation.Derive(Ed25519Additive.Instance, groupKey, DerivationPath.Master).Key!;

        Assert.True(child.GroupKey.HasSamePublicKey(groupKey));
        Assert.True(child.Tweak.IsZero);
    }

    [Theory]
    [InlineData("m/0'", "hardened")]
    [InlineData("m/1/2h", "hardened")]
    [InlineData("m/2147483648", "hardened")]
    [InlineData("m/4294967296", "not a decimal index")]
    [InlineData("m//1", "not a decimal index")]
    [InlineData("m/+1", "not a decimal index")]
    [InlineData("0/1", "does not start with")]
    public void TryParse_InvalidPath_ExplainsWhy(string text, string reason)
    {
        Assert.False(DerivationPath.TryParse(text, out var path, out var error));

        Assert.Null(path);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_HardenedIndex_IsRejected()
    {
        Assert.False(DerivationPath.TryCreate([0, DerivationPath.HardenedOffset + 44], out _, out var error));
        Assert.Contains("step 2", error, StringComparison.Ordinal);
        Assert.True(DerivationPath.TryCreate([DerivationPath.HardenedOffset - 1], out var path, out _));
        Assert.Equal("m/2147483647", path!.ToString());
    }

    [Fact]
    public void TryDeriveStep_HardenedIndex_Throws()
    {
        var chainCode = new byte[32];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Bip32Secp256k1.Instance.TryDeriveStep(Secp256k1Point.Generator, chainCode, DerivationPath.HardenedOffset, out _, new byte[32]));
    }

    [Fact]
    public void Derive_InvalidChildIndex_IsReportedWithTheStep()
    {
        var rng = new DeterministicRandom(6);
        var groupKey = DealtGroupKey<Secp256k1Point, Secp256k1Scalar>(Secp256k1Scalar.Random(rng), rng);
        Assert.True(DerivationPath.TryParse("m/5/7", out var path, out _));

        var result = KeyDerivation.Derive(new RejectingScheme(rejected: 7), groupKey, path!);

        Assert.False(result.Succeeded);
        Assert.Equal(DerivationError.InvalidChild, result.Error);
        Assert.Contains("step 2 (index 7)", result.Message, StringComparison.Ordinal);
    }

    private static void AssertChildShares<TPoint, TScalar>(IDerivationScheme<TPoint, TScalar> scheme, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var rng = new DeterministicRandom(seed);
        var parties = Enumerable.Range(1, 5).Select(i => new PartyId(i)).ToArray();
        var shares = TrustedDealer.Deal<TPoint, TScalar>(TScalar.Random(rng), 3, parties, rng);
        Assert.True(DerivationPath.TryParse("m/0/7/42", out var path, out _));

        var child = KeyDerivation.Derive(scheme, shares[0].GroupKey, path!).Key!;
        var childShares = shares.Select(s => KeyDerivation.DeriveShare(s, child)).ToArray();

        foreach (var share in childShares)
        {
            Assert.Equal(child.GroupKey.VerificationShares[share.Id], TPoint.MultiplyBase(share.Secret));
        }

        var signers = childShares.Where(s => s.Id.Value is 2 or 4 or 5).ToArray();
        var identifiers = signers.Select(s => s.Id.ToScalar<TScalar>()).ToArray();
        var secret = signers.Aggregate(TScalar.Zero, (sum, s) => sum + (Lagrange.CoefficientAtZero(s.Id.ToScalar<TScalar>(), identifiers) * s.Secret));
        Assert.Equal(child.GroupKey.PublicKey, TPoint.MultiplyBase(secret));
        Assert.NotEqual(shares[0].GroupKey.PublicKey, child.GroupKey.PublicKey);
        Assert.False(child.GroupKey.ChainCode.SequenceEqual(shares[0].GroupKey.ChainCode));
        foreach (var share in shares.Concat(childShares))
        {
            share.Dispose();
        }
    }

    private static GroupKey<TPoint, TScalar> DealtGroupKey<TPoint, TScalar>(TScalar secret, DeterministicRandom rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var shares = TrustedDealer.Deal<TPoint, TScalar>(secret, 2, [new PartyId(1), new PartyId(2), new PartyId(3)], rng);
        var groupKey = shares[0].GroupKey;
        foreach (var share in shares)
        {
            share.Dispose();
        }

        return groupKey;
    }

    private static string Hex<TPoint>(TPoint point)
        where TPoint : struct, IPoint<TPoint, Ed25519Scalar>
    {
        var bytes = new byte[TPoint.EncodedLength];
        point.Encode(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>BIP32 with one index treated as I_L ≥ n (which real keys hit with probability 2^-127).</summary>
    private sealed class RejectingScheme(uint rejected) : IDerivationScheme<Secp256k1Point, Secp256k1Scalar>
    {
        public bool TryDeriveStep(Secp256k1Point parentKey, ReadOnlySpan<byte> chainCode, uint index, out Secp256k1Scalar tweak, Span<byte> childChainCode) =>
            Bip32Secp256k1.Instance.TryDeriveStep(parentKey, chainCode, index, out tweak, childChainCode) && index != rejected;
    }
}
