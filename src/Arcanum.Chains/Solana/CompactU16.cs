namespace Arcanum.Chains.Solana;

/// <summary>
/// Solana's "compact-u16" length prefix (Solana docs, "Transactions › Compact-Array Format"): a little-endian
/// base-128 varint of 1–3 bytes holding 0–65535. Only the shortest encoding is accepted, as the Solana
/// runtime's <c>short_vec</c> decoder requires.
/// </summary>
internal static class CompactU16
{
    /// <summary>The most bytes an encoding takes.</summary>
    public const int MaxLength = 3;

    /// <summary>Appends the encoding of <paramref name="value"/>.</summary>
    public static void Write(Stream destination, int value)
    {
        if (value is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A compact-u16 holds 0–65535.");
        }

        while (value >= 0x80)
        {
            destination.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        destination.WriteByte((byte)value);
    }

    /// <summary>
    /// Reads one value at <paramref name="offset"/>; false for a truncated, over-long (above 65535) or
    /// non-minimal encoding (a last byte of zero after the first).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int offset, out int value)
    {
        value = 0;
        for (var i = 0; i < MaxLength; i++)
        {
            if (offset + i >= source.Length)
            {
                return false;
            }

            var b = source[offset + i];
            if (i == MaxLength - 1 && b > 0x03)
            {
                return false;
            }

            value |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (i > 0 && b == 0)
                {
                    return false;
                }

                offset += i + 1;
                return true;
            }
        }

        return false;
    }
}
