using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// The durable name of one signing nonce pair: SHA-256 over the suite, the signer and its public
/// commitment (D, E). It is public and deterministic, so a node that persisted a nonce finds the
/// same id after a restart, and the <see cref="INonceLedger"/> never sees secret material.
/// </summary>
public readonly record struct NonceId(UInt128 High, UInt128 Low)
{
    public const int Length = 32;

    public static NonceId Of<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, SigningCommitment<TPoint, TScalar> commitment)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(commitment);
        var encoded = new byte[SigningCommitment<TPoint, TScalar>.EncodedLength];
        commitment.Encode(encoded);
        return Hash("arcanum/v1/frost/nonce-id", System.Text.Encoding.ASCII.GetBytes(suite.ContextString), encoded);
    }

    /// <summary>SHA-256 of the domain-separated <paramref name="fields"/>, as an id (also names ECDSA presignatures).</summary>
    internal static NonceId Hash(string label, params ReadOnlySpan<ReadOnlyMemory<byte>> fields)
    {
        Span<byte> digest = stackalloc byte[Length];
        SHA256.HashData(DomainSeparation.Encode(label, fields), digest);
        return new NonceId(BinaryPrimitives.ReadUInt128BigEndian(digest), BinaryPrimitives.ReadUInt128BigEndian(digest[16..]));
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(16), Low);
        return bytes;
    }

    public override string ToString() => Convert.ToHexStringLower(ToArray());
}
