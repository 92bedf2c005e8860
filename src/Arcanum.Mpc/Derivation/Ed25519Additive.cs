using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Mpc.Derivation;

/// <summary>
/// Arcanum's non-hardened derivation for Ed25519 threshold keys (no standard fits: SLIP-0010
/// defines only hardened Ed25519 derivation, which needs the whole private key). Specified in
/// docs/derivation.md:
/// I_L = SHA-512(E("arcanum/v1/derivation/ed25519/tweak", c_par, K_par, ser32(i))) read
/// little-endian mod ℓ (a 512-bit value, so the bias is below 2^-259), child key K_par + I_L·B,
/// child chain code = SHA-512(E("arcanum/v1/derivation/ed25519/chain-code", c_par, K_par, ser32(i)))[0..32],
/// where E is <see cref="DomainSeparation.Encode"/>. The chain code comes from a separately
/// labelled hash so that it reveals nothing about I_L.
/// </summary>
public sealed class Ed25519Additive : IDerivationScheme<Ed25519Point, Ed25519Scalar>
{
    public const string TweakLabel = "arcanum/v1/derivation/ed25519/tweak";

    public const string ChainCodeLabel = "arcanum/v1/derivation/ed25519/chain-code";

    private Ed25519Additive()
    {
    }

    public static Ed25519Additive Instance { get; } = new();

    public bool TryDeriveStep(Ed25519Point parentKey, ReadOnlySpan<byte> chainCode, uint index, out Ed25519Scalar tweak, Span<byte> childChainCode)
    {
        DerivationPath.EnsureNonHardened(index);
        var key = new byte[Ed25519Point.EncodedLength];
        parentKey.Encode(key);
        var serializedIndex = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(serializedIndex, index);
        var chain = chainCode.ToArray();

        tweak = Ed25519Scalar.HashToScalar([], DomainSeparation.Encode(TweakLabel, chain, key, serializedIndex));
        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(DomainSeparation.Encode(ChainCodeLabel, chain, key, serializedIndex), digest);
        digest[..childChainCode.Length].CopyTo(childChainCode);

        // A zero tweak would make the child equal the parent; like BIP32's I_L ≥ n it is treated
        // as an invalid index (probability 2^-252).
        return !tweak.IsZero;
    }
}
