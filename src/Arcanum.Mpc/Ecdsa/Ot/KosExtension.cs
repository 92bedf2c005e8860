using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// A test-only deviation of the extension receiver: rewrites its matrix U after it was computed
/// honestly and before the challenges and check values are derived from it, i.e. a receiver whose
/// columns encode choice strings other than its own (the attack KOS15's check exists for).
/// </summary>
internal delegate void MatrixDeviation(Span<byte> matrix);

/// <summary>
/// KOS15 OT extension (Keller–Orsini–Scholl, ePrint 2015/546, corrected version, Fig. 10) for
/// ℓ' = ξ + κ + s correlated OTs with κ = 128, its consistency check made non-interactive as in
/// DKLs23 §5: the challenges χ_j are hashed from the session key (transcript and the receiver's
/// fresh salt) and the whole matrix U, so the receiver sends U and its check values (x̃, t̃) in one
/// message. Rows are κ-bit values: the receiver gets t_j, the sender q_j = t_j ⊕ x_j·Δ.
/// </summary>
internal static class KosExtension
{
    /// <summary>|U|: κ columns of ℓ' bits.</summary>
    public const int MatrixLength = OtParameters.Kappa * OtParameters.ExtendedBatchBytes;

    /// <summary>x̃ ‖ t̃, one field element each.</summary>
    public const int CheckLength = 2 * OtParameters.KappaBytes;

    private const int ChallengesLength = OtParameters.ExtendedBatchSize * OtParameters.KappaBytes;
    private const int ColumnBytes = BitMatrix.ColumnWords * sizeof(ulong);

    /// <summary>A buffer for the rows <see cref="Receive"/> and <see cref="TrySend"/> write.</summary>
    public static ulong[] NewRows() => new ulong[BitMatrix.PaddedRows * BitMatrix.RowWords];

    /// <summary>
    /// Receiver, Fig. 10 "Extend" steps 2–4 and "Consistency check" step 2: from the extended choice
    /// string x (ℓ' bits) computes U (u_i = G(k⁰_i) ⊕ G(k¹_i) ⊕ x), the rows t_j of T = [G(k⁰_i)]ᵀ and
    /// the check values x̃ = Σ x_j·χ_j, t̃ = Σ t_j·χ_j.
    /// </summary>
    public static void Receive(
        OtExtensionReceiverSetup setup, ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> choices, Span<byte> matrix, Span<ulong> rows,
        Span<byte> check, MatrixDeviation? deviation)
    {
        var columns = new ulong[OtParameters.Kappa * BitMatrix.ColumnWords];
        Span<byte> zero = stackalloc byte[ColumnBytes];
        Span<byte> one = stackalloc byte[ColumnBytes];
        zero.Clear();
        one.Clear();
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            OtHash.Prg(sessionKey, i, setup.Seed(i, 0), zero[..OtParameters.ExtendedBatchBytes]);
            OtHash.Prg(sessionKey, i, setup.Seed(i, 1), one[..OtParameters.ExtendedBatchBytes]);
            var column = matrix.Slice(i * OtParameters.ExtendedBatchBytes, OtParameters.ExtendedBatchBytes);
            for (var k = 0; k < column.Length; k++)
            {
                column[k] = (byte)(zero[k] ^ one[k] ^ choices[k]);
            }

            ReadColumn(zero, columns.AsSpan(i * BitMatrix.ColumnWords, BitMatrix.ColumnWords));
        }

        CryptographicOperations.ZeroMemory(zero);
        CryptographicOperations.ZeroMemory(one);
        deviation?.Invoke(matrix);
        BitMatrix.Transpose(columns, rows);
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(columns.AsSpan()));

        var challenges = new byte[ChallengesLength];
        OtHash.KosChallenges(sessionKey, matrix, challenges);
        var choiceSum = Gf128.Zero;
        for (var j = 0; j < OtParameters.ExtendedBatchSize; j++)
        {
            var bit = (ulong)((choices[j / 8] >> (j % 8)) & 1);
            choiceSum ^= Challenge(challenges, j) & (0 - bit);
        }

        Write(choiceSum, check);
        Write(SumOfProducts(rows, challenges), check[OtParameters.KappaBytes..]);
    }

    /// <summary>
    /// Sender, Fig. 10 "Extend" step 4 (q_i = G(k^{Δ_i}_i) ⊕ Δ_i·u_i, taken under a mask) and
    /// "Consistency check" step 3: accepts exactly when Σ q_j·χ_j = t̃ ⊕ x̃·Δ. Writes the rows q_j.
    /// </summary>
    public static bool TrySend(OtExtensionSenderSetup setup, ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> matrix, ReadOnlySpan<byte> check, Span<ulong> rows)
    {
        var columns = new ulong[OtParameters.Kappa * BitMatrix.ColumnWords];
        Span<byte> column = stackalloc byte[ColumnBytes];
        column.Clear();
        for (var i = 0; i < OtParameters.Kappa; i++)
        {
            var prg = column[..OtParameters.ExtendedBatchBytes];
            OtHash.Prg(sessionKey, i, setup.Seed(i), prg);
            var mask = (byte)(0 - setup.DeltaBit(i));
            var u = matrix.Slice(i * OtParameters.ExtendedBatchBytes, OtParameters.ExtendedBatchBytes);
            for (var k = 0; k < prg.Length; k++)
            {
                prg[k] ^= (byte)(u[k] & mask);
            }

            ReadColumn(column, columns.AsSpan(i * BitMatrix.ColumnWords, BitMatrix.ColumnWords));
        }

        CryptographicOperations.ZeroMemory(column);
        BitMatrix.Transpose(columns, rows);
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(columns.AsSpan()));

        var challenges = new byte[ChallengesLength];
        OtHash.KosChallenges(sessionKey, matrix, challenges);
        var expected = Read(check[OtParameters.KappaBytes..]) ^ Gf128.Multiply(Read(check), Delta(setup));
        return SumOfProducts(rows, challenges).FixedTimeEquals(expected);
    }

    /// <summary>Δ as a field element (bit i = base OT i), the offset between the sender's two pads of every row.</summary>
    public static Gf128 Delta(OtExtensionSenderSetup setup) => Read(setup.Delta);

    /// <summary>Row j as a field element (bit i = base OT i).</summary>
    public static Gf128 Row(ReadOnlySpan<ulong> rows, int j) => new(rows[j * BitMatrix.RowWords], rows[(j * BitMatrix.RowWords) + 1]);

    /// <summary>Σ_{j &lt; ℓ'} row_j · χ_j.</summary>
    private static Gf128 SumOfProducts(ReadOnlySpan<ulong> rows, ReadOnlySpan<byte> challenges)
    {
        var sum = Gf128.Zero;
        for (var j = 0; j < OtParameters.ExtendedBatchSize; j++)
        {
            sum ^= Gf128.Multiply(Row(rows, j), Challenge(challenges, j));
        }

        return sum;
    }

    private static Gf128 Challenge(ReadOnlySpan<byte> challenges, int j) => Read(challenges.Slice(j * OtParameters.KappaBytes, OtParameters.KappaBytes));

    private static Gf128 Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));

    private static void Write(Gf128 value, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, value.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], value.High);
    }

    /// <summary>A column's bytes (bit j at byte j / 8, bit j % 8) as little-endian words.</summary>
    private static void ReadColumn(ReadOnlySpan<byte> bytes, Span<ulong> words)
    {
        for (var w = 0; w < words.Length; w++)
        {
            words[w] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(w * sizeof(ulong))..]);
        }
    }
}
