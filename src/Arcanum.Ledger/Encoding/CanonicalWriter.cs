using System.Buffers.Binary;

namespace Arcanum.Ledger.Encoding;

/// <summary>
/// Writes the ledger's canonical binary form: integers big-endian and fixed width, byte strings and
/// text as a 4-byte big-endian length followed by the bytes (text in UTF-8), booleans and presence
/// flags as one byte 0 or 1. Every value has exactly one encoding, which <see cref="CanonicalReader"/>
/// enforces on the way back.
/// </summary>
public sealed class CanonicalWriter
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Appends one byte.</summary>
    public CanonicalWriter WriteByte(byte value)
    {
        _buffer.WriteByte(value);
        return this;
    }

    /// <summary>Appends a boolean as 0 or 1.</summary>
    public CanonicalWriter WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Appends a 4-byte big-endian unsigned integer.</summary>
    public CanonicalWriter WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Appends an 8-byte big-endian unsigned integer.</summary>
    public CanonicalWriter WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Appends bytes of a length both sides know (keys, hashes, signatures): no prefix.</summary>
    public CanonicalWriter WriteFixed(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Appends a 4-byte length and the bytes.</summary>
    public CanonicalWriter WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        return WriteFixed(bytes);
    }

    /// <summary>Appends a 4-byte length and the UTF-8 bytes of <paramref name="text"/>.</summary>
    public CanonicalWriter WriteString(string text) => WriteBytes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();
}
