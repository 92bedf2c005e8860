using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Ecdsa.Ot;

public sealed class BitMatrixTests
{
    [Fact]
    public void Transpose_RandomMatrix_MatchesBitByBitDefinition()
    {
        var rng = new DeterministicRandom(10);
        var columns = new ulong[OtParameters.Kappa * BitMatrix.ColumnWords];
        var bytes = new byte[columns.Length * 8];
        rng.GetBytes(bytes);
        Buffer.BlockCopy(bytes, 0, columns, 0, bytes.Length);
        var rows = new ulong[BitMatrix.PaddedRows * BitMatrix.RowWords];

        BitMatrix.Transpose(columns, rows);

        var ones = 0;
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            for (var j = 0; j < BitMatrix.PaddedRows; j++)
            {
                var inColumn = (columns[(i * BitMatrix.ColumnWords) + (j / 64)] >> (j % 64)) & 1;
                var inRow = (rows[(j * BitMatrix.RowWords) + (i / 64)] >> (i % 64)) & 1;
                Assert.Equal(inColumn, inRow);
                ones += (int)inRow;
            }
        }

        Assert.InRange(ones, 35_000, 47_000); // about half of the 81 920 bits: the matrix was not trivial
    }

    [Fact]
    public void Transpose64_Twice_IsTheIdentity()
    {
        var rng = new DeterministicRandom(11);
        var block = new ulong[64];
        var bytes = new byte[512];
        rng.GetBytes(bytes);
        Buffer.BlockCopy(bytes, 0, block, 0, bytes.Length);
        var original = (ulong[])block.Clone();

        BitMatrix.Transpose64(block);
        Assert.NotEqual(original, block);
        BitMatrix.Transpose64(block);

        Assert.Equal(original, block);
    }
}
