using System.Buffers.Binary;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// Strict little-endian reader for Bitcoin's wire encodings. Every read names the field it reads, so
/// a failure leaves a sentence in <see cref="Error"/> saying which field and at which byte offset;
/// nothing here throws on bad input. CompactSize integers must use their shortest form (Bitcoin
/// Core's ReadCompactSize with range check) and never exceed <see cref="MaxCompactSize"/>.
/// </summary>
internal ref struct BitcoinReader(ReadOnlySpan<byte> data)
{
    /// <summary>Bitcoin Core's MAX_SIZE: no length or count on the wire is larger than 32 MiB.</summary>
    public const ulong MaxCompactSize = 0x0200_0000;

    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly bool IsAtEnd => Position == _data.Length;

    public string Error { get; private set; } = "";

    public bool Fail(string message)
    {
        Error = $"{message} (at byte {Position})";
        return false;
    }

    public bool TryReadBytes(int count, string field, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (count > Remaining)
        {
            return Fail($"{field} is truncated: {count} bytes needed, {Remaining} left");
        }

        bytes = _data.Slice(Position, count);
        Position += count;
        return true;
    }

    public bool TryReadByte(string field, out byte value)
    {
        value = 0;
        if (!TryReadBytes(1, field, out var bytes))
        {
            return false;
        }

        value = bytes[0];
        return true;
    }

    public readonly bool TryPeekByte(out byte value)
    {
        value = Remaining > 0 ? _data[Position] : (byte)0;
        return Remaining > 0;
    }

    public bool TryReadUInt32(string field, out uint value)
    {
        value = 0;
        if (!TryReadBytes(4, field, out var bytes))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return true;
    }

    public bool TryReadUInt64(string field, out ulong value)
    {
        value = 0;
        if (!TryReadBytes(8, field, out var bytes))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return true;
    }

    /// <summary>
    /// Reads a CompactSize (0–0xFC in one byte, then 0xFD+2, 0xFE+4, 0xFF+8 bytes); rejects a value that
    /// a shorter form could hold and a value above <paramref name="max"/>.
    /// </summary>
    public bool TryReadCompactSize(string field, ulong max, out ulong value)
    {
        value = 0;
        var start = Position;
        if (!TryReadByte(field, out var prefix))
        {
            return false;
        }

        (int width, ulong minimum) = prefix switch
        {
            0xFD => (2, 0xFDUL),
            0xFE => (4, 0x1_0000UL),
            0xFF => (8, 0x1_0000_0000UL),
            _ => (0, 0UL),
        };
        if (width == 0)
        {
            value = prefix;
        }
        else
        {
            if (!TryReadBytes(width, field, out var bytes))
            {
                return false;
            }

            Span<byte> padded = stackalloc byte[8];
            bytes.CopyTo(padded);
            value = BinaryPrimitives.ReadUInt64LittleEndian(padded);
            if (value < minimum)
            {
                Position = start;
                return Fail($"{field} uses a non-canonical CompactSize encoding ({value} in {width + 1} bytes)");
            }
        }

        if (value > max)
        {
            Position = start;
            return Fail($"{field} is {value}, above the limit of {max}");
        }

        return true;
    }

    /// <summary>Reads a CompactSize length and that many bytes (a script, a witness item, a PSBT key or value).</summary>
    public bool TryReadVarBytes(string field, ulong maxLength, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        return TryReadCompactSize($"{field} length", Math.Min(maxLength, MaxCompactSize), out var length)
            && TryReadBytes((int)length, field, out bytes);
    }

    /// <summary>
    /// Reads the element count of a list whose elements take at least <paramref name="minElementSize"/>
    /// bytes each, so a count that cannot fit in what is left fails before anything is allocated.
    /// </summary>
    public bool TryReadCount(string field, int minElementSize, out int count)
    {
        count = 0;
        var start = Position;
        if (!TryReadCompactSize(field, MaxCompactSize, out var value))
        {
            return false;
        }

        if (value * (ulong)minElementSize > (ulong)Remaining)
        {
            Position = start;
            return Fail($"{field} is {value}, more than the {Remaining} remaining bytes can hold");
        }

        count = (int)value;
        return true;
    }
}
