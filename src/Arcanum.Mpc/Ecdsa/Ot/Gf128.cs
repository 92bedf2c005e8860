using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// An element of GF(2^128) = GF(2)[x] / (x^128 + x^7 + x^2 + x + 1), the field of the KOS15
/// consistency check (ePrint 2015/546, Fig. 10, "Check correlation": F_{2^κ} with κ = 128). Bit k
/// of (<see cref="Low"/>, <see cref="High"/>) is the coefficient of x^k (natural bit order, not
/// GCM's reflected one). Multiplication is constant-time: PCLMULQDQ when the processor has it,
/// otherwise a masked shift-and-xor carry-less product; both reduce the same way.
/// </summary>
internal readonly struct Gf128(ulong low, ulong high)
{
    /// <summary>Coefficients of x^0 … x^63.</summary>
    public ulong Low { get; } = low;

    /// <summary>Coefficients of x^64 … x^127.</summary>
    public ulong High { get; } = high;

    public static Gf128 Zero => default;

    public static Gf128 operator ^(Gf128 left, Gf128 right) => new(left.Low ^ right.Low, left.High ^ right.High);

    public static Gf128 operator &(Gf128 value, ulong mask) => new(value.Low & mask, value.High & mask);

    /// <summary>The product, by the fastest constant-time path this processor has.</summary>
    public static Gf128 Multiply(Gf128 left, Gf128 right) =>
        Pclmulqdq.IsSupported ? MultiplyCarrylessInstruction(left, right) : MultiplyPortable(left, right);

    /// <summary>The product through PCLMULQDQ; callers check <see cref="Pclmulqdq.IsSupported"/>.</summary>
    internal static Gf128 MultiplyCarrylessInstruction(Gf128 left, Gf128 right)
    {
        var a = Vector128.Create(left.Low, left.High);
        var b = Vector128.Create(right.Low, right.High);
        var low = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        var high = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        var middle = Pclmulqdq.CarrylessMultiply(a, b, 0x01) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x10);
        return Reduce(
            low.GetElement(0),
            low.GetElement(1) ^ middle.GetElement(0),
            high.GetElement(0) ^ middle.GetElement(1),
            high.GetElement(1));
    }

    /// <summary>The product by four masked 64×64-bit carry-less products (no branch or index on the values).</summary>
    internal static Gf128 MultiplyPortable(Gf128 left, Gf128 right)
    {
        var ll = CarrylessMultiply(left.Low, right.Low);
        var hh = CarrylessMultiply(left.High, right.High);
        var middle = CarrylessMultiply(left.Low, right.High) ^ CarrylessMultiply(left.High, right.Low);
        return Reduce(ll.Low, ll.High ^ middle.Low, hh.Low ^ middle.High, hh.High);
    }

    /// <summary>Constant-time equality (the check values derive from Δ and the receiver's choices).</summary>
    public bool FixedTimeEquals(Gf128 other) => ((Low ^ other.Low) | (High ^ other.High)) == 0;

    /// <summary>
    /// p0 + p1·x^64 + p2·x^128 + p3·x^192 mod f: since x^128 ≡ x^7 + x^2 + x + 1, the high half h
    /// contributes h·(x^7 + x^2 + x + 1); the at most 7 bits that product pushes past x^127 are
    /// folded the same way once more (they cannot overflow again).
    /// </summary>
    private static Gf128 Reduce(ulong p0, ulong p1, ulong p2, ulong p3)
    {
        var overflow = (p3 >> 63) ^ (p3 >> 62) ^ (p3 >> 57);
        var low = p0 ^ p2 ^ (p2 << 1) ^ (p2 << 2) ^ (p2 << 7)
            ^ overflow ^ (overflow << 1) ^ (overflow << 2) ^ (overflow << 7);
        var high = p1 ^ p3 ^ (p3 << 1) ^ (p2 >> 63) ^ (p3 << 2) ^ (p2 >> 62) ^ (p3 << 7) ^ (p2 >> 57);
        return new Gf128(low, high);
    }

    /// <summary>The 128-bit carry-less product of two 64-bit polynomials, one masked xor per bit of <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Gf128 CarrylessMultiply(ulong a, ulong b)
    {
        var low = a & (0 - (b & 1));
        ulong high = 0;
        for (var i = 1; i < 64; i++)
        {
            var mask = 0 - ((b >> i) & 1);
            low ^= (a << i) & mask;
            high ^= (a >> (64 - i)) & mask;
        }

        return new Gf128(low, high);
    }
}
