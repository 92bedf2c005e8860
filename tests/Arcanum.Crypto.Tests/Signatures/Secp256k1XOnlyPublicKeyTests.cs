using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;

namespace Arcanum.Crypto.Tests.Signatures;

public sealed class Secp256k1XOnlyPublicKeyTests
{
    [Fact]
    public void FromPoint_PointAndItsNegation_ShareTheKeyWithOppositeParity()
    {
        using var rng = SeededRng(41);
        for (var i = 0; i < 10; i++)
        {
            var point = Secp256k1Point.MultiplyBase(Secp256k1Scalar.Random(rng));

            var key = Secp256k1XOnlyPublicKey.FromPoint(point, out var oddY);
            var negatedKey = Secp256k1XOnlyPublicKey.FromPoint(-point, out var negatedOddY);

            Assert.Equal(key, negatedKey);
            Assert.NotEqual(oddY, negatedOddY);
            Assert.Equal(oddY ? -point : point, key.ToPoint());
            Assert.Equal(key.GetHashCode(), negatedKey.GetHashCode());
        }
    }

    [Fact]
    public void ToPoint_AnyKey_HasEvenY()
    {
        Assert.True(Secp256k1XOnlyPublicKey.TryDecode(Convert.FromHexString(GeneratorCompressedHex[2..]), out var key));
        var encoded = new byte[33];

        key.ToPoint().Encode(encoded);

        Assert.Equal(0x02, encoded[0]);
        Assert.Equal(Secp256k1Point.Generator, key.ToPoint());
    }

    [Fact]
    public void TryDecode_WrongLengthOrNotBelowP_ReturnsFalse()
    {
        Assert.False(Secp256k1XOnlyPublicKey.TryDecode(new byte[31], out _));
        Assert.False(Secp256k1XOnlyPublicKey.TryDecode(Convert.FromHexString(GeneratorCompressedHex), out _));
        Assert.False(Secp256k1XOnlyPublicKey.TryDecode(ToBytes(P), out _));
    }

    [Fact]
    public void FromPoint_Identity_Throws()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1XOnlyPublicKey.FromPoint(Secp256k1Point.Identity, out _));
    }

    [Fact]
    public void Verify_WrongSignatureLength_ReturnsFalse()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(2));
        var signature = new byte[65];
        key.SignSchnorr("m"u8, signature, new byte[32]);

        Assert.True(key.XOnlyPublicKey.Verify("m"u8, signature.AsSpan(0, 64)));
        Assert.False(key.XOnlyPublicKey.Verify("m"u8, signature));
        Assert.False(key.XOnlyPublicKey.Verify("m"u8, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void TryTweakAdd_TweakNotBelowN_ReturnsFalse()
    {
        Assert.True(Secp256k1XOnlyPublicKey.TryDecode(Convert.FromHexString(GeneratorCompressedHex[2..]), out var key));

        Assert.False(key.TryTweakAdd(ToBytes(N), out var tweaked));
        Assert.True(tweaked.IsIdentity);
        Assert.False(key.TryTweakAdd(ToBytes(N - 1), out _));
        Assert.False(key.CheckTweakAdd(new byte[31], key, false));
    }
}
