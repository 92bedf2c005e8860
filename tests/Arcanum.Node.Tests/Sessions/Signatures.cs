using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Frost;
using Arcanum.Node.Sessions;
using Arcanum.TestKit.Verifiers;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Tests.Sessions;

/// <summary>Independent verification of reported signatures, and the key each scheme should report.</summary>
internal static class Signatures
{
    /// <summary>What a signing request carries for <paramref name="scheme"/>: a message, or a 32-byte digest.</summary>
    public static byte[] MessageFor(KeyScheme scheme, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return scheme is KeyScheme.FrostTaproot or KeyScheme.EcdsaSecp256K1 ? System.Security.Cryptography.SHA256.HashData(bytes) : bytes;
    }

    /// <summary>Verifies with libsodium (Ed25519), libsecp256k1 (BIP340, ECDSA), OpenSSL (ECDSA) or the RFC 9591 verifier (FROST secp256k1).</summary>
    public static bool Verify(KeyScheme scheme, SignatureResult result, byte[] message)
    {
        var signature = result.Signature.ToByteArray();
        var key = result.PublicKey.Span;
        switch (scheme)
        {
            case KeyScheme.FrostEd25519:
                return Ed25519PublicKey.FromBytes(key).Verify(message, signature);
            case KeyScheme.FrostSecp256K1:
                return Secp256k1Point.TryDecode(key, out var point) && FrostSecp256k1.Instance.Verify(point, message, signature);
            case KeyScheme.FrostTaproot:
                return Secp256k1XOnlyPublicKey.TryDecode(key, out var xOnly) && xOnly.Verify(message, signature);
            case KeyScheme.EcdsaSecp256K1:
                return Secp256k1Point.TryDecode(key, out var ecdsaKey)
                    && Secp256k1Ecdsa.Verify(ecdsaKey, message, signature)
                    && OpenSslEcdsa.Verify(ecdsaKey, message, signature);
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme));
        }
    }

    /// <summary>The public key a signature under <paramref name="key"/> (at <paramref name="path"/>) must report, derived here from public data only.</summary>
    public static byte[] ExpectedSigningKey(KeyScheme scheme, KeyResult key, uint[] path)
    {
        Assert.True(DerivationPath.TryCreate(path, out var parsed, out _));
        if (scheme == KeyScheme.FrostEd25519)
        {
            Assert.True(KeyResults.TryDecode<Ed25519Point, Ed25519Scalar>(key, out var edKey, out _));
            var child = KeyDerivation.Derive(Ed25519Additive.Instance, edKey, parsed!).Key!.GroupKey.PublicKey;
            var encoded = new byte[Ed25519Point.EncodedLength];
            child.Encode(encoded);
            return encoded;
        }

        Assert.True(KeyResults.TryDecode<Secp256k1Point, Secp256k1Scalar>(key, out var secpKey, out _));
        var derived = KeyDerivation.Derive(Bip32Secp256k1.Instance, secpKey, parsed!).Key!.GroupKey.PublicKey;
        if (scheme == KeyScheme.FrostTaproot)
        {
            return FrostSecp256k1Taproot.XOnly(derived);
        }

        var compressed = new byte[Secp256k1Point.CompressedLength];
        derived.Encode(compressed);
        return compressed;
    }
}
