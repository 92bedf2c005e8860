using System.Security.Cryptography;
using System.Text;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Interop;
using Arcanum.Crypto.SafeHandles;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Tests.Interop;

public sealed class Secp256k1InteropTests
{
    private static readonly byte[] Secret = ToBytes(Hex("1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988"));
    private static readonly byte[] Message = SHA256.HashData("interop"u8);

    private static Secp256k1ContextHandle Context => Secp256k1ContextHandle.Default;

    [Fact]
    public void IllegalArgument_UninitialisedPublicKey_ThrowsInsteadOfAborting()
    {
        // libsecp256k1's default illegal-argument callback calls abort(); the context's callback must turn it into an exception.
        var key = default(Native.PublicKey);

        var error = Assert.Throws<Secp256k1Exception>(() => Native.NegatePublicKey(Context, ref key));

        Assert.Contains("secp256k1_ec_pubkey_negate", error.Message, StringComparison.Ordinal);
        var valid = Secp256k1Point.Generator.NativeKey;
        Native.NegatePublicKey(Context, ref valid);
        Assert.Equal(-Secp256k1Point.Generator, new Secp256k1Point(valid));
    }

    [Fact]
    public void Create_TwoSeeds_SignIdentically()
    {
        using var first = Secp256k1ContextHandle.Create(new byte[32]);
        using var second = Secp256k1ContextHandle.Create(SHA256.HashData("seed"u8));
        var a = new byte[64];
        var b = new byte[64];

        Native.SignEcdsa(first, Message, Secret, [], out var signatureA);
        Native.SignEcdsa(second, Message, Secret, [], out var signatureB);
        Native.SerializeCompactSignature(first, in signatureA, a);
        Native.SerializeCompactSignature(second, in signatureB, b);

        // Randomization blinds the computation; it must not change the RFC 6979 result.
        Assert.Equal(a, b);
        Assert.False(first.IsInvalid);
    }

    [Fact]
    public void Create_SeedOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1ContextHandle.Create(new byte[31]));
    }

    [Fact]
    public void SignEcdsa_PlainAndRecoverable_GiveTheSameLowSSignature()
    {
        var plain = new byte[64];
        var recoverable = new byte[64];
        Native.SignEcdsa(Context, Message, Secret, [], out var signature);
        Native.SerializeCompactSignature(Context, in signature, plain);
        Native.SignRecoverable(Context, Message, Secret, [], out var recoverableSignature);
        Native.SerializeRecoverableSignature(Context, in recoverableSignature, recoverable);
        Native.ConvertRecoverableSignature(Context, in recoverableSignature, out var converted);

        Assert.Equal(plain, recoverable);
        Assert.False(Native.NormalizeSignature(Context, in signature, out _));
        Assert.True(Native.TryCreatePublicKey(Context, Secret, out var key));
        Assert.True(Native.VerifyEcdsa(Context, in converted, Message, in key));
    }

    [Fact]
    public void SignSchnorr32_ThirtyTwoByteMessage_EqualsSignCustom()
    {
        Assert.True(Native.TryCreateKeypair(Context, Secret, out var keypair));
        var aux = SHA256.HashData("aux"u8);
        var (sign32, custom, noAux, zeroAux) = (new byte[64], new byte[64], new byte[64], new byte[64]);

        Native.SignSchnorr32(Context, Message, in keypair, aux, sign32);
        Native.SignSchnorr(Context, Message, in keypair, aux, custom);
        Native.SignSchnorr32(Context, Message, in keypair, [], noAux);
        Native.SignSchnorr(Context, Message, in keypair, new byte[32], zeroAux);

        Assert.Equal(sign32, custom);
        Assert.Equal(noAux, zeroAux);
        var xOnly = Native.KeypairXOnlyPublicKey(Context, in keypair, out _);
        Assert.True(Native.VerifySchnorr(Context, custom, Message, in xOnly));
    }

    [Fact]
    public void Keypair_Accessors_MatchTheSecretKey()
    {
        Assert.True(Native.TryCreateKeypair(Context, Secret, out var keypair));
        var secret = new byte[32];

        Native.KeypairSecretKey(Context, in keypair, secret);
        var publicKey = Native.KeypairPublicKey(Context, in keypair);
        var xOnly = Native.KeypairXOnlyPublicKey(Context, in keypair, out var negated);
        var expectedXOnly = Native.XOnlyFromPublicKey(Context, in publicKey, out var expectedNegated);

        Assert.Equal(Secret, secret);
        Assert.Equal(Secp256k1Point.MultiplyBase(Secp256k1Scalar.FromBytesReduced(Secret)), new Secp256k1Point(publicKey));
        Assert.Equal(expectedNegated, negated);
        Assert.True(((ReadOnlySpan<byte>)xOnly).SequenceEqual(expectedXOnly));
        Assert.False(Native.TryCreateKeypair(Context, ToBytes(N), out _));
    }

    [Theory]
    [InlineData("BIP0340/challenge", "")]
    [InlineData("", "message")]
    [InlineData("TapTweak", "some longer message that spans more than one SHA-256 block of sixty-four bytes")]
    public void TaggedSha256_AnyTagAndMessage_IsBip340TaggedHash(string tag, string message)
    {
        var tagHash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tag));
        var expected = SHA256.HashData([.. tagHash, .. tagHash, .. System.Text.Encoding.UTF8.GetBytes(message)]);
        var actual = new byte[32];

        Native.TaggedSha256(Context, System.Text.Encoding.UTF8.GetBytes(tag), System.Text.Encoding.UTF8.GetBytes(message), actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EcdhSha256_DefaultHash_IsSha256OfCompressedPoint()
    {
        var peer = Secp256k1Point.MultiplyBase(Scalar(31337));
        var key = peer.NativeKey;
        var output = new byte[32];
        var shared = new byte[33];
        (peer * Secp256k1Scalar.FromBytesReduced(Secret)).Encode(shared);

        Assert.True(Native.TryEcdhSha256(Context, in key, Secret, output));
        Assert.Equal(SHA256.HashData(shared), output);
        Assert.False(Native.TryEcdhSha256(Context, in key, new byte[32], output));
        Assert.False(Native.TryEcdhCoordinates(Context, in key, ToBytes(N), new byte[64]));
    }

    [Fact]
    public void ParseDerSignature_BerOrTrailingBytes_ReturnsFalse()
    {
        Native.SignEcdsa(Context, Message, Secret, [], out var signature);
        var der = new byte[Native.MaxDerSignatureLength];
        var length = Native.SerializeDerSignature(Context, in signature, der);
        var strict = der[..length];
        byte[] longFormLength = [0x30, 0x81, .. strict[1..]];

        Assert.True(Native.TryParseDerSignature(Context, strict, out _));
        Assert.False(Native.TryParseDerSignature(Context, [.. strict, 0x00], out _));
        Assert.False(Native.TryParseDerSignature(Context, longFormLength, out _));
        Assert.False(Native.TryParseDerSignature(Context, [], out _));
        Assert.Throws<ArgumentException>(() => Native.SerializeDerSignature(Context, in signature, new byte[71]));
    }

    [Fact]
    public void ParseCompactSignature_ValueNotBelowN_ReturnsFalse()
    {
        Assert.False(Native.TryParseCompactSignature(Context, [.. ToBytes(1), .. ToBytes(N)], out _));
        Assert.False(Native.TryParseRecoverableSignature(Context, [.. ToBytes(N), .. ToBytes(1)], 0, out _));
        Assert.False(Native.TryParseRecoverableSignature(Context, [.. ToBytes(1), .. ToBytes(1)], 4, out _));
    }

    [Fact]
    public void VerifySecretKey_RangeEdges_AcceptsOnlyOneToNMinusOne()
    {
        Assert.True(Native.VerifySecretKey(Context, ToBytes(1)));
        Assert.True(Native.VerifySecretKey(Context, ToBytes(N - 1)));
        Assert.False(Native.VerifySecretKey(Context, ToBytes(0)));
        Assert.False(Native.VerifySecretKey(Context, ToBytes(N)));
        Assert.Throws<ArgumentException>(() => Native.VerifySecretKey(Context, new byte[33]));
    }
}
