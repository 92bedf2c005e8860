using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Frost;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Checks a signature the cluster returned with libraries other than the protocol code: libsodium
/// (Ed25519), libsecp256k1 (BIP340, ECDSA and key recovery), .NET ECDsa/OpenSSL (ECDSA); the RFC 9591
/// verification equation for FROST secp256k1. Child keys are recomputed from the parent's public key
/// and chain code (BIP32 CKDpub).
/// </summary>
internal static class IndependentVerifier
{
    public static void AssertValid(string scheme, byte[] payload, SignResponse response)
    {
        var publicKey = Convert.FromHexString(response.PublicKey);
        var signature = Convert.FromHexString(response.Signature);
        switch (scheme)
        {
            case KeySchemes.FrostEd25519:
                Assert.True(Ed25519PublicKey.FromBytes(publicKey).Verify(payload, signature), "libsodium rejects the Ed25519 signature");
                break;
            case KeySchemes.FrostTaproot:
                Assert.True(Secp256k1XOnlyPublicKey.TryDecode(publicKey, out var xOnly) && xOnly.Verify(payload, signature), "libsecp256k1 rejects the BIP340 signature");
                break;
            case KeySchemes.FrostSecp256k1:
                Assert.Equal(65, signature.Length);
                Assert.True(Secp256k1Point.TryDecode(publicKey, out var frostKey) && FrostSecp256k1.Instance.Verify(frostKey, payload, signature),
                    "the RFC 9591 check rejects the FROST secp256k1 signature");
                break;
            case KeySchemes.EcdsaSecp256k1:
                Assert.True(Secp256k1Point.TryDecode(publicKey, out var ecdsaKey));
                Assert.True(Secp256k1Ecdsa.Verify(ecdsaKey, payload, signature), "libsecp256k1 rejects the ECDSA signature");
                Assert.True(OpenSslEcdsa.Verify(ecdsaKey, payload, signature), ".NET ECDsa rejects the ECDSA signature");
                Assert.True(Secp256k1Ecdsa.TryRecover(payload, signature, response.RecoveryId!.Value, out var recovered) && recovered == ecdsaKey,
                    "the recovery id does not recover the key");
                Assert.Equal(response.R + response.S, response.Signature);
                Assert.True(Secp256k1Ecdsa.VerifyDer(ecdsaKey, payload, Convert.FromHexString(response.Der!)), "the DER form does not verify");
                break;
            default:
                Assert.Fail($"unknown scheme {scheme}");
                break;
        }
    }

    /// <summary>The BIP32-style child of <paramref name="key"/> at <paramref name="path"/>, computed from public data only.</summary>
    public static string ChildPublicKey(KeyInfo key, string path)
    {
        Assert.True(DerivationPath.TryParse(path, out var parsed, out var error), error);
        return key.Scheme == KeySchemes.FrostEd25519
            ? Child<Ed25519Point, Ed25519Scalar>(key, Ed25519Additive.Instance, parsed!)
            : Child<Secp256k1Point, Secp256k1Scalar>(key, Bip32Secp256k1.Instance, parsed!);
    }

    private static string Child<TPoint, TScalar>(KeyInfo key, IDerivationScheme<TPoint, TScalar> scheme, DerivationPath path)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.True(TPoint.TryDecode(Convert.FromHexString(key.PublicKey), out var point));
        var chainCode = Convert.FromHexString(key.ChainCode);
        var childChainCode = new byte[32];
        foreach (var index in path.Indices)
        {
            Assert.True(scheme.TryDeriveStep(point, chainCode, index, out var tweak, childChainCode));
            point += TPoint.MultiplyBase(tweak);
            (chainCode, childChainCode) = (childChainCode, chainCode);
        }

        var encoded = new byte[TPoint.EncodedLength];
        point.Encode(encoded);
        return Convert.ToHexStringLower(encoded);
    }
}

/// <summary>Key records compared by value (the API returns the parties as a list).</summary>
internal static class KeyAssert
{
    public static void Same(KeyInfo expected, KeyInfo actual)
    {
        Assert.Equal(expected with { Parties = [] }, actual with { Parties = [] });
        Assert.Equal(expected.Parties, actual.Parties);
    }
}
