using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Bitcoin;

/// <summary>A taproot output key Q with its y parity and the tweak t such that Q = P + t·G.</summary>
public sealed record TaprootOutputKey(Secp256k1XOnlyPublicKey OutputKey, bool HasOddY, byte[] Tweak);

/// <summary>BIP341 taproot_tweak_pubkey and the BIP86 rule (no script tree: t = hash_TapTweak(P)).</summary>
public static class Taproot
{
    /// <summary>
    /// BIP341 taproot_tweak_pubkey: t = hash_TapTweak(P ‖ merkle_root), or hash_TapTweak(P) when
    /// <paramref name="merkleRoot"/> is empty (BIP86 key-path only); Q = P + t·G.
    /// False if the root is not 32 bytes, t ≥ n, or Q is the identity.
    /// </summary>
    public static bool TryTweak(Secp256k1XOnlyPublicKey internalKey, ReadOnlySpan<byte> merkleRoot, out TaprootOutputKey? outputKey)
    {
        ArgumentNullException.ThrowIfNull(internalKey);
        outputKey = null;
        if (merkleRoot.Length is not (0 or 32))
        {
            return false;
        }

        Span<byte> p = stackalloc byte[Secp256k1XOnlyPublicKey.Length];
        internalKey.Encode(p);
        var tweak = new byte[TaggedHash.HashSizeInBytes];
        TaggedHash.TapTweak.Hash(p, merkleRoot, tweak);
        if (!internalKey.TryTweakAdd(tweak, out Secp256k1Point q))
        {
            return false;
        }

        outputKey = new TaprootOutputKey(Secp256k1XOnlyPublicKey.FromPoint(q, out var odd), odd, tweak);
        return true;
    }

    /// <summary>The BIP86 output key of <paramref name="internalKey"/> (no script tree).</summary>
    public static TaprootOutputKey Bip86(Secp256k1XOnlyPublicKey internalKey) =>
        TryTweak(internalKey, default, out var outputKey)
            ? outputKey!
            : throw new InvalidOperationException("hash_TapTweak(P) ≥ n or Q = ∞: probability negligible (BIP341).");
}
