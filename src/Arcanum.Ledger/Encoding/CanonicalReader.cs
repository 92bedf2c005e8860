using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Ledger.Encoding;

/// <summary>
/// Reads the canonical binary form written by <see cref="CanonicalWriter"/>, strictly: a length is
/// checked against the bytes that remain and a caller's bound before anything is allocated, a boolean
/// is 0 or 1, text is well-formed UTF-8, and <see cref="IsAtEnd"/> lets the caller refuse trailing bytes.
/// Every method returns false on bad input and never throws.
/// </summary>
public ref struct CanonicalReader(ReadOnlySpan<byte> input)
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _input = input;
    private int _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position == _input.Length;

    /// <summary>Reads one byte.</summary>
    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (_input.Length - _position < 1)
        {
            return false;
        }
        value = _input[_position++];
        return true;
    }

    /// <summary>Reads a boolean; false unless the byte is 0 or 1.</summary>
    public bool TryReadBool(out bool value)
    {
        value = false;
        if (!TryReadByte(out var b) || b > 1)
        {
            return false;
        }
        value = b == 1;
        return true;
    }

    /// <summary>Reads a 4-byte big-endian unsigned integer.</summary>
    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (!TryTake(4, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    /// <summary>Reads an 8-byte big-endian unsigned integer.</summary>
    public bool TryReadUInt64(out ulong value)
    {
        value = 0;
        if (!TryTake(8, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return true;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes with no prefix.</summary>
    public bool TryReadFixed(int length, [NotNullWhen(true)] out byte[]? value)
    {
        value = TryTake(length, out var bytes) ? bytes.ToArray() : null;
        return value is not null;
    }

    /// <summary>Reads a length-prefixed byte string of at most <paramref name="maxLength"/> bytes.</summary>
    public bool TryReadBytes(int maxLength, [NotNullWhen(true)] out byte[]? value)
    {
        value = null;
        return TryReadUInt32(out var length) && length <= (uint)maxLength && TryReadFixed((int)length, out value);
    }

    /// <summary>Reads length-prefixed UTF-8 text of at most <paramref name="maxBytes"/> bytes; false for malformed UTF-8.</summary>
    public bool TryReadString(int maxBytes, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (!TryReadUInt32(out var length) || length > (uint)maxBytes || !TryTake((int)length, out var bytes))
        {
            return false;
        }
        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private bool TryTake(int length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (length < 0 || _input.Length - _position < length)
        {
            return false;
        }
        bytes = _input.Slice(_position, length);
        _position += length;
        return true;
    }
}
