using System.Numerics;
using System.Runtime.CompilerServices;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// The permutation Keccak-f[1600] = Keccak-p[1600, 24] (FIPS 202 §3.3–§3.4): 24 rounds of
/// Rnd(A, i_r) = ι(χ(π(ρ(θ(A)))), i_r) over a state of 25 lanes of w = 64 bits.
/// Lane <c>A[x, y]</c> is stored at index <c>x + 5·y</c> (FIPS 202 §3.1.2), bit z of a lane is
/// bit z of the <see cref="ulong"/>. The step mappings do not depend on the state's value, so the
/// permutation runs in time independent of the data.
/// </summary>
internal static class KeccakF1600
{
    public const int LaneCount = 25;

    private const int Rounds = 24;

    /// <summary>ρ offsets r[x, y] from FIPS 202 §3.2.2 Algorithm 2, indexed like the lanes.</summary>
    private static readonly byte[] RhoOffsets = ComputeRhoOffsets();

    /// <summary>
    /// π destination of each lane: π sets A′[x, y] = A[(x + 3y) mod 5, x] (FIPS 202 §3.2.3), which is
    /// the same as moving lane (x, y) to (y, (2x + 3y) mod 5).
    /// </summary>
    private static readonly byte[] PiDestinations = ComputePiDestinations();

    /// <summary>ι round constants RC[i_r] from FIPS 202 §3.2.5 Algorithms 5 and 6.</summary>
    private static readonly ulong[] RoundConstants = ComputeRoundConstants();

    [SkipLocalsInit]
    public static void Permute(Span<ulong> state)
    {
        if (state.Length != LaneCount)
        {
            throw new ArgumentException($"The Keccak-f[1600] state is {LaneCount} lanes.", nameof(state));
        }

        Span<ulong> moved = stackalloc ulong[LaneCount];
        for (var round = 0; round < Rounds; round++)
        {
            Theta(state);
            RhoPi(state, moved);
            Chi(moved, state);
            state[0] ^= RoundConstants[round];
        }
    }

    /// <summary>θ (§3.2.1): C[x] = ⊕_y A[x, y]; D[x] = C[x−1] ⊕ rot(C[x+1], 1); A[x, y] ^= D[x].</summary>
    private static void Theta(Span<ulong> a)
    {
        var c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
        var c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
        var c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
        var c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
        var c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
        var d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
        var d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
        var d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
        var d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
        var d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
        for (var y = 0; y < LaneCount; y += 5)
        {
            a[y] ^= d0;
            a[y + 1] ^= d1;
            a[y + 2] ^= d2;
            a[y + 3] ^= d3;
            a[y + 4] ^= d4;
        }
    }

    /// <summary>ρ (§3.2.2) rotates each lane by its offset, then π (§3.2.3) moves it; written into <paramref name="b"/>.</summary>
    private static void RhoPi(ReadOnlySpan<ulong> a, Span<ulong> b)
    {
        for (var i = 0; i < LaneCount; i++)
        {
            b[PiDestinations[i]] = BitOperations.RotateLeft(a[i], RhoOffsets[i]);
        }
    }

    /// <summary>χ (§3.2.4): A′[x, y] = A[x, y] ⊕ (¬A[x+1, y] ∧ A[x+2, y]), row by row.</summary>
    private static void Chi(ReadOnlySpan<ulong> b, Span<ulong> a)
    {
        for (var y = 0; y < LaneCount; y += 5)
        {
            ulong b0 = b[y], b1 = b[y + 1], b2 = b[y + 2], b3 = b[y + 3], b4 = b[y + 4];
            a[y] = b0 ^ (~b1 & b2);
            a[y + 1] = b1 ^ (~b2 & b3);
            a[y + 2] = b2 ^ (~b3 & b4);
            a[y + 3] = b3 ^ (~b4 & b0);
            a[y + 4] = b4 ^ (~b0 & b1);
        }
    }

    /// <summary>
    /// Algorithm 2: r[0, 0] = 0; starting from (x, y) = (1, 0), for t = 0..23 the lane (x, y) is
    /// rotated by (t + 1)(t + 2)/2 mod 64, then (x, y) ← (y, (2x + 3y) mod 5).
    /// </summary>
    private static byte[] ComputeRhoOffsets()
    {
        var offsets = new byte[LaneCount];
        int x = 1, y = 0;
        for (var t = 0; t < 24; t++)
        {
            offsets[x + (5 * y)] = (byte)((t + 1) * (t + 2) / 2 % 64);
            (x, y) = (y, ((2 * x) + (3 * y)) % 5);
        }

        return offsets;
    }

    private static byte[] ComputePiDestinations()
    {
        var destinations = new byte[LaneCount];
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 5; x++)
            {
                destinations[x + (5 * y)] = (byte)(y + (5 * (((2 * x) + (3 * y)) % 5)));
            }
        }

        return destinations;
    }

    /// <summary>Algorithm 6: RC[2^j − 1] = rc(j + 7·i_r) for j = 0..ℓ (ℓ = 6 for w = 64).</summary>
    private static ulong[] ComputeRoundConstants()
    {
        var constants = new ulong[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            for (var j = 0; j <= 6; j++)
            {
                constants[round] |= (ulong)LinearFeedbackBit(j + (7 * round)) << ((1 << j) - 1);
            }
        }

        return constants;
    }

    /// <summary>
    /// Algorithm 5, rc(t): the output of an 8-bit LFSR. R is kept as an integer whose bit i is R[i];
    /// "R = 0 ‖ R" is a left shift, the feedback taps are R[0], R[4], R[5], R[6] from R[8].
    /// </summary>
    private static int LinearFeedbackBit(int t)
    {
        var r = 1;
        for (var i = 1; i <= t % 255; i++)
        {
            r <<= 1;
            var feedback = (r >> 8) & 1;
            r ^= feedback | (feedback << 4) | (feedback << 5) | (feedback << 6);
            r &= 0xFF;
        }

        return r & 1;
    }
}
