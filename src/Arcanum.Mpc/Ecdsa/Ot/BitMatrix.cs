namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// The transposition at the heart of IKNP/KOS15 (ePrint 2015/546, Fig. 10, "Extend" step 3: the
/// κ columns the parties expand from the base-OT seeds become ℓ' rows of κ bits, one per extended
/// OT). A column is a bit string over the extended OTs j (bit j at word j / 64, bit j % 64); a row
/// is κ = 128 bits over the base OTs i, held as two words. The work is data-independent (64×64
/// block transposes by masked swaps), so secret matrices are transposed in constant time.
/// </summary>
internal static class BitMatrix
{
    /// <summary>Words per column: ℓ' = 624 bits rounded up to 640.</summary>
    public const int ColumnWords = (OtParameters.ExtendedBatchSize + 63) / 64;

    /// <summary>The number of rows <see cref="Transpose"/> writes (ℓ' rounded up to a multiple of 64).</summary>
    public const int PaddedRows = ColumnWords * 64;

    /// <summary>Words per row: κ = 128 bits.</summary>
    public const int RowWords = OtParameters.Kappa / 64;

    /// <summary>
    /// <paramref name="columns"/>: κ columns of <see cref="ColumnWords"/> words; <paramref name="rows"/>:
    /// <see cref="PaddedRows"/> rows of <see cref="RowWords"/> words. Bit i of row j = bit j of column i.
    /// </summary>
    public static void Transpose(ReadOnlySpan<ulong> columns, Span<ulong> rows)
    {
        if (columns.Length != OtParameters.Kappa * ColumnWords || rows.Length != PaddedRows * RowWords)
        {
            throw new ArgumentException("The matrix dimensions do not match κ × ℓ'.");
        }

        Span<ulong> block = stackalloc ulong[64];
        for (var rowWord = 0; rowWord < RowWords; rowWord++)
        {
            for (var columnWord = 0; columnWord < ColumnWords; columnWord++)
            {
                for (var r = 0; r < 64; r++)
                {
                    block[r] = columns[((rowWord * 64) + r) * ColumnWords + columnWord];
                }

                Transpose64(block);
                for (var c = 0; c < 64; c++)
                {
                    rows[((columnWord * 64) + c) * RowWords + rowWord] = block[c];
                }
            }
        }

        block.Clear();
    }

    /// <summary>
    /// Transposes a 64×64 bit matrix in place (entry (r, c) is bit c of word r): six rounds that swap
    /// the off-diagonal sub-blocks of width 32, 16, …, 1 under masks (Hacker's Delight §7-3).
    /// </summary>
    internal static void Transpose64(Span<ulong> block)
    {
        var mask = 0x0000_0000_FFFF_FFFFUL;
        for (var width = 32; width != 0; width >>= 1, mask ^= mask << width)
        {
            for (var k = 0; k < 64; k = ((k | width) + 1) & ~width)
            {
                var swap = ((block[k] >> width) ^ block[k | width]) & mask;
                block[k] ^= swap << width;
                block[k | width] ^= swap;
            }
        }
    }
}
