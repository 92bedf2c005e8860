using System.Buffers;
using System.Buffers.Binary;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Proofs;

/// <summary>
/// The Fiat–Shamir input of a proof: each field written with a fixed-width big-endian u32 length
/// prefix (CONVENTIONS 9), so no two different field lists hash alike. The challenge is
/// <c>HashToScalar(domain, transcript)</c> with a domain naming the proof and its version.
/// </summary>
internal sealed class ProofTranscript
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ProofTranscript Append(ReadOnlySpan<byte> field)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), (uint)field.Length);
        _buffer.Advance(4);
        _buffer.Write(field);
        return this;
    }

    public ProofTranscript AppendPoint<TPoint, TScalar>(TPoint point)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        Span<byte> encoded = stackalloc byte[TPoint.EncodedLength];
        point.Encode(encoded);
        return Append(encoded);
    }

    public TScalar Challenge<TScalar>(ReadOnlySpan<byte> domain)
        where TScalar : struct, IScalar<TScalar> =>
        TScalar.HashToScalar(domain, _buffer.WrittenSpan);
}
