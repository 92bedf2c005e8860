using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.TestKit.Verifiers;

/// <summary>
/// ECDSA verification by .NET's <see cref="ECDsa"/> on the named curve secp256k1 (OpenSSL on
/// Linux): an implementation independent of libsecp256k1, for checking signatures in tests.
/// </summary>
public static class OpenSslEcdsa
{
    private static readonly ECCurve Secp256k1 = ECCurve.CreateFromFriendlyName("secp256k1");

    /// <summary>True when the 64-byte r ‖ s signature verifies for <paramref name="digest"/> under <paramref name="publicKey"/>.</summary>
    public static bool Verify(Secp256k1Point publicKey, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> compactSignature)
    {
        Span<byte> uncompressed = stackalloc byte[Secp256k1Point.UncompressedLength];
        publicKey.EncodeUncompressed(uncompressed);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = Secp256k1,
            Q = new ECPoint { X = uncompressed[1..33].ToArray(), Y = uncompressed[33..].ToArray() },
        });
        return ecdsa.VerifyHash(digest, compactSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
