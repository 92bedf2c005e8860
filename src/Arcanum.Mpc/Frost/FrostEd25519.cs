using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// FROST(Ed25519, SHA-512), RFC 9591 §6.1. H2 is SHA-512(m) without a tag, so the aggregate
/// signature is an ordinary RFC 8032 Ed25519 signature that libsodium (and Solana) verify.
/// </summary>
public sealed class FrostEd25519 : FrostCiphersuite<Ed25519Point, Ed25519Scalar>
{
    private FrostEd25519()
        : base("FROST(Ed25519, SHA-512)", "FROST-ED25519-SHA512-v1")
    {
    }

    public static FrostEd25519 Instance { get; } = new();

    /// <summary>§6.1 H2(m) = SHA-512(m) mod ℓ, with m = R ‖ PK ‖ msg (RFC 8032 §5.1.7's k).</summary>
    public override Ed25519Scalar Challenge(Ed25519Point groupCommitment, Ed25519Point groupKey, ReadOnlySpan<byte> message) =>
        Ed25519Scalar.HashToScalar([], ChallengeInput(groupCommitment, groupKey, message));

    protected override byte[] Hash(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> message)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        sha.AppendData(tag);
        sha.AppendData(message);
        return sha.GetHashAndReset();
    }
}
