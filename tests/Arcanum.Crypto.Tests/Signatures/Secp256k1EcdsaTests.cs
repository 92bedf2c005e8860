using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;

namespace Arcanum.Crypto.Tests.Signatures;

public sealed class Secp256k1EcdsaTests
{
    private static readonly byte[] Hash = SHA256.HashData("transfer 1 BTC"u8);

    [Fact]
    public void Verify_TamperedInputs_ReturnsFalse()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(1234567));
        var signature = Sign(key, out _);
        var otherHash = SHA256.HashData("transfer 2 BTC"u8);
        var flipped = (byte[])signature.Clone();
        flipped[10] ^= 0x40;

        Assert.True(Secp256k1Ecdsa.Verify(key.PublicKey, Hash, signature));
        Assert.False(Secp256k1Ecdsa.Verify(key.PublicKey, otherHash, signature));
        Assert.False(Secp256k1Ecdsa.Verify(key.PublicKey, Hash, flipped));
        Assert.False(Secp256k1Ecdsa.Verify(-key.PublicKey, Hash, signature));
        Assert.False(Secp256k1Ecdsa.Verify(Secp256k1Point.Identity, Hash, signature));
        Assert.False(Secp256k1Ecdsa.Verify(key.PublicKey, Hash, signature[..63]));
        Assert.Throws<ArgumentException>(() => Secp256k1Ecdsa.Verify(key.PublicKey, Hash[..31], signature));
    }

    [Fact]
    public void Verify_HighSForm_DependsOnPolicy()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(42));
        var signature = Sign(key, out var recoveryId);
        var highS = WithHighS(signature);

        Assert.False(Secp256k1Ecdsa.Verify(key.PublicKey, Hash, highS));
        Assert.True(Secp256k1Ecdsa.Verify(key.PublicKey, Hash, highS, EcdsaHighSPolicy.Accept));
        Assert.True(Secp256k1Ecdsa.Verify(key.PublicKey, Hash, signature, EcdsaHighSPolicy.Accept));

        // Negating s negates R's role: the recovery id's parity bit flips.
        Assert.False(Secp256k1Ecdsa.TryRecover(Hash, highS, recoveryId ^ 1, out _));
        Assert.True(Secp256k1Ecdsa.TryRecover(Hash, highS, recoveryId ^ 1, out var recovered, EcdsaHighSPolicy.Accept));
        Assert.Equal(key.PublicKey, recovered);
    }

    [Fact]
    public void TryRecover_WrongOrInvalidRecoveryId_DoesNotReturnTheSigner()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(77));
        var signature = Sign(key, out var recoveryId);

        Assert.True(Secp256k1Ecdsa.TryRecover(Hash, signature, recoveryId, out var recovered));
        Assert.Equal(key.PublicKey, recovered);
        Assert.False(Secp256k1Ecdsa.TryRecover(Hash, signature, recoveryId ^ 1, out var other) && other == key.PublicKey);
        Assert.False(Secp256k1Ecdsa.TryRecover(Hash, signature, 4, out _));
        Assert.False(Secp256k1Ecdsa.TryRecover(Hash, signature, -1, out _));
        Assert.False(Secp256k1Ecdsa.TryRecover(Hash, signature[..32], recoveryId, out _));
    }

    [Fact]
    public void DerConversion_SignedSignature_RoundTripsAndVerifies()
    {
        using var key = Secp256k1PrivateKey.Import(ToBytes(99));
        var signature = Sign(key, out _);
        var der = new byte[Secp256k1Ecdsa.MaxDerSignatureLength];

        Assert.True(Secp256k1Ecdsa.TryConvertCompactToDer(signature, der, out var length));
        Assert.True(Secp256k1Ecdsa.VerifyDer(key.PublicKey, Hash, der.AsSpan(0, length)));
        var compact = new byte[64];
        Assert.True(Secp256k1Ecdsa.TryConvertDerToCompact(der.AsSpan(0, length), compact));
        Assert.Equal(signature, compact);

        Assert.False(Secp256k1Ecdsa.VerifyDer(key.PublicKey, Hash, [.. der.AsSpan(0, length), 0x00]));
        Assert.False(Secp256k1Ecdsa.TryConvertDerToCompact([.. der.AsSpan(0, length), 0x00], compact));
        Assert.False(Secp256k1Ecdsa.TryConvertCompactToDer(signature, new byte[length - 1], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryConvertDerToCompact_ZeroOrOutOfRangeInteger_ReturnsFalse()
    {
        // SEQUENCE { INTEGER 0, INTEGER 1 } and SEQUENCE { INTEGER n, INTEGER 1 }.
        byte[] zeroR = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01];
        byte[] rIsN = [0x30, 0x26, 0x02, 0x21, 0x00, .. ToBytes(N), 0x02, 0x01, 0x01];
        var compact = new byte[64];

        Assert.False(Secp256k1Ecdsa.TryConvertDerToCompact(zeroR, compact));
        Assert.False(Secp256k1Ecdsa.TryConvertDerToCompact(rIsN, compact));
        Assert.All(compact, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryConvertCompactToDer_ValueNotBelowN_ReturnsFalse()
    {
        Assert.False(Secp256k1Ecdsa.TryConvertCompactToDer([.. ToBytes(N), .. ToBytes(1)], new byte[72], out _));
    }

    private static byte[] Sign(Secp256k1PrivateKey key, out int recoveryId)
    {
        var signature = new byte[Secp256k1Ecdsa.SignatureLength];
        recoveryId = key.SignEcdsa(Hash, signature);
        return signature;
    }

    private static byte[] WithHighS(byte[] signature) =>
        [.. signature[..32], .. ToBytes(N - ToBigInteger(signature.AsSpan(32)))];
}
