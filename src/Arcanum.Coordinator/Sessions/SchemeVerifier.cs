using Arcanum.Chains.Bitcoin;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Storage;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Sessions;

/// <summary>
/// The coordinator's own check of what nodes return (issue: "the coordinator verifies every
/// signature against the (derived) public key before returning it"): it rebuilds the key from the
/// stored <see cref="KeyResult"/>, derives the child along the path itself, and verifies the
/// signature with an implementation independent of the protocol code (libsodium for Ed25519,
/// libsecp256k1 for BIP340 and ECDSA; the RFC 9591 suite check for FROST secp256k1).
/// </summary>
internal static class SchemeVerifier
{
    /// <summary>The public key, in the API's encoding, that signatures at <paramref name="path"/> verify under; null when the path has no valid child.</summary>
    public static byte[]? DerivedPublicKey(KeyRecord key, IReadOnlyList<uint> path) => key.Scheme switch
    {
        KeySchemes.FrostEd25519 => Derive<Ed25519Point, Ed25519Scalar>(key, Ed25519Additive.Instance, path),
        KeySchemes.FrostTaproot => Derive<Secp256k1Point, Secp256k1Scalar>(key, Bip32Secp256k1.Instance, path) is { } compressed ? compressed[1..] : null,
        _ => Derive<Secp256k1Point, Secp256k1Scalar>(key, Bip32Secp256k1.Instance, path),
    };

    /// <summary>
    /// The BIP341 output key Q = P + hash_TapTweak(P ‖ merkle root)·G of the x-only
    /// <paramref name="internalKey"/> (as <see cref="DerivedPublicKey"/> returns it for frost-taproot),
    /// computed with the chain adapter's own tweak (not the signers' code); null for other schemes.
    /// </summary>
    public static byte[]? TaprootOutputKey(string scheme, byte[] internalKey, TaprootTweak tweak)
    {
        if (scheme != KeySchemes.FrostTaproot
            || !Secp256k1XOnlyPublicKey.TryDecode(internalKey, out var xOnly)
            || !Taproot.TryTweak(xOnly, tweak.MerkleRoot.Span, out var output))
        {
            return null;
        }

        var encoded = new byte[Secp256k1XOnlyPublicKey.Length];
        output!.OutputKey.Encode(encoded);
        return encoded;
    }

    /// <summary>True iff <paramref name="signature"/> verifies over <paramref name="payload"/> under <paramref name="publicKey"/> (as <see cref="DerivedPublicKey"/> returns it).</summary>
    public static bool Verify(string scheme, byte[] publicKey, byte[] payload, byte[] signature) => scheme switch
    {
        KeySchemes.FrostEd25519 => publicKey.Length == Ed25519PublicKey.Length && signature.Length == Ed25519PublicKey.SignatureLength
            && Ed25519PublicKey.FromBytes(publicKey).Verify(payload, signature),
        KeySchemes.FrostSecp256k1 => Secp256k1Point.TryDecode(publicKey, out var point) && FrostSecp256k1.Instance.Verify(point, payload, signature),
        KeySchemes.FrostTaproot => Secp256k1XOnlyPublicKey.TryDecode(publicKey, out var xOnly) && signature.Length == 64 && xOnly.Verify(payload, signature),
        KeySchemes.EcdsaSecp256k1 => Secp256k1Point.TryDecode(publicKey, out var point) && payload.Length == Secp256k1Ecdsa.HashLength
            && Secp256k1Ecdsa.Verify(point, payload, signature),
        _ => false,
    };

    /// <summary>The key's group public data decoded strictly from the stored KeyResult (the same checks as a node's share decoder); null if it does not decode.</summary>
    public static GroupKey<TPoint, TScalar>? GroupKeyOf<TPoint, TScalar>(KeyRecord key)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        if (!WireDecoding.TryParse(key.VerificationShares, KeyResult.Parser, out var result))
        {
            return null;
        }

        var shares = result.VerificationShares.Select(s => (s.Party, (ReadOnlyMemory<byte>)s.Point.Memory)).ToList();
        return KeyShareCodec.TryReadGroupKey<TPoint, TScalar>(result.PublicKey.Span, shares, result.Threshold, result.ChainCode.Span, out var groupKey, out _)
            ? groupKey
            : null;
    }

    private static byte[]? Derive<TPoint, TScalar>(KeyRecord key, IDerivationScheme<TPoint, TScalar> scheme, IReadOnlyList<uint> path)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        if (GroupKeyOf<TPoint, TScalar>(key) is not { } groupKey)
        {
            return null;
        }

        if (path.Count == 0)
        {
            return PointEncoding.ToArray<TPoint, TScalar>(groupKey.PublicKey);
        }

        return DerivationPath.TryCreate(path, out var derivationPath, out _)
            && KeyDerivation.Derive(scheme, groupKey, derivationPath!) is { Succeeded: true } result
            ? PointEncoding.ToArray<TPoint, TScalar>(result.Key!.GroupKey.PublicKey)
            : null;
    }
}
