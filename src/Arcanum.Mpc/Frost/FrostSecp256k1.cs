using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Frost;

/// <summary>FROST(secp256k1, SHA-256), RFC 9591 §6.5: hash_to_field with expand_message_xmd(SHA-256).</summary>
public sealed class FrostSecp256k1 : FrostCiphersuite<Secp256k1Point, Secp256k1Scalar>
{
    private static readonly byte[] ChallengeTag = "FROST-secp256k1-SHA256-v1chal"u8.ToArray();

    private FrostSecp256k1()
        : base("FROST(secp256k1, SHA-256)", "FROST-secp256k1-SHA256-v1")
    {
    }

    public static FrostSecp256k1 Instance { get; } = new();

    /// <summary>§6.5 H2(m) = hash_to_field(m) with DST = contextString ‖ "chal".</summary>
    public override Secp256k1Scalar Challenge(Secp256k1Point groupCommitment, Secp256k1Point groupKey, ReadOnlySpan<byte> message) =>
        Secp256k1Scalar.HashToScalar(ChallengeTag, ChallengeInput(groupCommitment, groupKey, message));

    protected override byte[] Hash(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> message) => Sha256(tag, message);

    internal static byte[] Sha256(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> message)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(tag);
        sha.AppendData(message);
        return sha.GetHashAndReset();
    }
}
