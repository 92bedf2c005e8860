using System.Reflection;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;

namespace Arcanum.Crypto.Tests.Signatures;

public sealed class Secp256k1PrivateKeyTests
{
    private static readonly byte[] Hash = SHA256.HashData("arcanum"u8);

    [Fact]
    public void ToString_AnyKey_IsRedacted()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(1));

        Assert.Equal("[redacted]", key.ToString());
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var key = Secp256k1PrivateKey.Import(ToBytes(5));
        var peer = Secp256k1Point.Generator;
        key.Dispose();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.PublicKey);
        Assert.Throws<ObjectDisposedException>(() => key.XOnlyPublicKey);
        Assert.Throws<ObjectDisposedException>(() => key.SignEcdsa(Hash, new byte[64]));
        Assert.Throws<ObjectDisposedException>(() => key.SignSchnorr(Hash, new byte[64], new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => key.TryTweakXOnly(new byte[32], out _));
        Assert.Throws<ObjectDisposedException>(() => key.DeriveSharedSecret(peer, new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => key.DeriveSharedXCoordinate(peer, new byte[32]));
    }

    [Fact]
    public void Dispose_AnyKey_ZeroesTheSecretBytes()
    {
        var key = Secp256k1PrivateKey.Import(ToBytes(N - 1));
        var secret = (byte[])typeof(Secp256k1PrivateKey).GetField("_secret", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(key)!;
        Assert.Contains(secret, b => b != 0);

        key.Dispose();

        Assert.All(secret, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000001")]
    public void TryImport_NotAValidSecretKey_ReturnsFalse(string hex)
    {
        Assert.False(Secp256k1PrivateKey.TryImport(Convert.FromHexString(hex), out var key));
        Assert.Null(key);
        Assert.Throws<ArgumentException>(() => Secp256k1PrivateKey.Import(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Generate_SameSeed_SameKey()
    {
        using var rng1 = SeededRng(31);
        using var rng2 = SeededRng(31);
        using var a = Secp256k1PrivateKey.Generate(rng1);
        using var b = Secp256k1PrivateKey.Generate(rng2);
        using var c = Secp256k1PrivateKey.Generate(rng1);

        Assert.Equal(a.PublicKey, b.PublicKey);
        Assert.NotEqual(a.PublicKey, c.PublicKey);
    }

    [Fact]
    public void PublicKey_KnownSecret_IsSecretTimesGenerator()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(1));

        Assert.Equal(GeneratorCompressedHex, key.PublicKey.ToString());
        Assert.Equal(GeneratorCompressedHex[2..], key.XOnlyPublicKey.ToString());
    }

    [Fact]
    public void SignEcdsa_BadArguments_Throw()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(7));

        Assert.Throws<ArgumentException>(() => key.SignEcdsa(new byte[31], new byte[64]));
        Assert.Throws<ArgumentException>(() => key.SignEcdsa(Hash, new byte[63]));
        Assert.Throws<ArgumentException>(() => key.SignEcdsa(Hash, new byte[64], new byte[16]));
    }

    [Fact]
    public void SignSchnorr_InjectedRng_VerifiesAndVariesWithAuxRand()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(9));
        using var rng = SeededRng(32);
        var first = new byte[64];
        var second = new byte[64];

        key.SignSchnorr("message of any length"u8, first, rng);
        key.SignSchnorr("message of any length"u8, second, rng);

        Assert.True(key.XOnlyPublicKey.Verify("message of any length"u8, first));
        Assert.True(key.XOnlyPublicKey.Verify("message of any length"u8, second));
        Assert.NotEqual(first, second);
        Assert.False(key.XOnlyPublicKey.Verify("another message"u8, first));
        Assert.Throws<ArgumentException>(() => key.SignSchnorr(Hash, first, new byte[31]));
    }

    [Fact]
    public void DeriveSharedSecret_TwoParties_AgreeOnHashedAndRawForms()
    {
        using var rng = SeededRng(33);
        using var alice = Secp256k1PrivateKey.Generate(rng);
        using var bob = Secp256k1PrivateKey.Generate(rng);
        var (aliceHashed, bobHashed, aliceX) = (new byte[32], new byte[32], new byte[32]);

        alice.DeriveSharedSecret(bob.PublicKey, aliceHashed);
        bob.DeriveSharedSecret(alice.PublicKey, bobHashed);
        alice.DeriveSharedXCoordinate(bob.PublicKey, aliceX);

        // libsecp256k1's default: SHA-256 of the compressed shared point; SEC1: its x coordinate.
        var shared = new byte[33];
        (bob.PublicKey * Secp256k1Scalar.FromBytesReduced(SecretOf(alice))).Encode(shared);
        Assert.Equal(aliceHashed, bobHashed);
        Assert.Equal(SHA256.HashData(shared), aliceHashed);
        Assert.Equal(shared[1..], aliceX);
    }

    [Fact]
    public void DeriveSharedSecret_IdentityPeer_Throws()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(3));

        Assert.Throws<ArgumentException>(() => key.DeriveSharedSecret(Secp256k1Point.Identity, new byte[32]));
        Assert.Throws<ArgumentException>(() => key.DeriveSharedXCoordinate(Secp256k1Point.Identity, new byte[32]));
        Assert.Throws<ArgumentException>(() => key.DeriveSharedXCoordinate(Secp256k1Point.Generator, new byte[31]));
    }

    [Fact]
    public void TryTweakXOnly_TweakNotBelowNOrWrongLength_ReturnsFalse()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(11));

        Assert.False(key.TryTweakXOnly(ToBytes(N), out _));
        Assert.False(key.TryTweakXOnly(new byte[31], out _));
    }

    [Fact]
    public void TryTweakXOnly_TweakCancellingTheKey_ReturnsFalse()
    {
        // G has even y, so the x-only secret of 1 is 1 and the tweak n − 1 sums to zero.
        using var key = Secp256k1PrivateKey.Import(ToBytes(1));

        Assert.False(key.TryTweakXOnly(ToBytes(N - 1), out var tweaked));
        Assert.Null(tweaked);
    }

    private static byte[] SecretOf(Secp256k1PrivateKey key) =>
        (byte[])typeof(Secp256k1PrivateKey).GetField("_secret", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(key)!;
}
