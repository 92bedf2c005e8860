using System.Runtime.Intrinsics.X86;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Ecdsa.Ot;

public sealed class Gf128Tests
{
    private static readonly Gf128 One = new(1, 0);

    /// <summary>The portable product always; the instruction where the processor has it.</summary>
    public static TheoryData<string> Implementations =>
        Pclmulqdq.IsSupported ? new TheoryData<string> { "portable", "pclmulqdq" } : new TheoryData<string> { "portable" };

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Multiply_KnownProducts_MatchTheReductionPolynomial(string implementation)
    {
        var multiply = Select(implementation);
        var x = new Gf128(2, 0);
        var x64 = new Gf128(0, 1);
        var x127 = new Gf128(0, 1UL << 63);

        // x^127 · x = x^128 ≡ x^7 + x^2 + x + 1 (0x87).
        Assert.Equal((0x87UL, 0UL), Pair(multiply(x127, x)));
        Assert.Equal((0x87UL, 0UL), Pair(multiply(x64, x64)));

        // x^254 = x^126 · (x^7 + x^2 + x + 1) ≡ x^127 + x^126 + x^12 + x^6 + x^5 + x^2 + x + 1.
        Assert.Equal((0x1067UL, 0xC000_0000_0000_0000UL), Pair(multiply(x127, x127)));

        // (x + 1)(x + 1) = x^2 + 1 in characteristic 2.
        Assert.Equal((5UL, 0UL), Pair(multiply(new Gf128(3, 0), new Gf128(3, 0))));
    }

    [Fact]
    public void Multiply_PortableAndInstruction_Agree()
    {
        if (!Pclmulqdq.IsSupported)
        {
            return; // nothing to compare on this processor: Multiply always takes the portable path
        }

        var rng = new DeterministicRandom(1);
        for (var n = 0; n < 2000; n++)
        {
            var a = RandomElement(rng);
            var b = RandomElement(rng);
            Assert.Equal(Pair(Gf128.MultiplyPortable(a, b)), Pair(Gf128.MultiplyCarrylessInstruction(a, b)));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Multiply_FieldLaws_Hold(string implementation)
    {
        var multiply = Select(implementation);
        var rng = new DeterministicRandom(2);
        for (var n = 0; n < 300; n++)
        {
            var a = RandomElement(rng);
            var b = RandomElement(rng);
            var c = RandomElement(rng);
            Assert.Equal(Pair(multiply(a, b)), Pair(multiply(b, a)));
            Assert.Equal(Pair(multiply(multiply(a, b), c)), Pair(multiply(a, multiply(b, c))));
            Assert.Equal(Pair(multiply(a, b ^ c)), Pair(multiply(a, b) ^ multiply(a, c)));
            Assert.Equal(Pair(a), Pair(multiply(a, One)));
            Assert.Equal((0UL, 0UL), Pair(multiply(a, Gf128.Zero)));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Multiply_NonZeroElement_HasAnInverse(string implementation)
    {
        // a^(2^128 − 2) = a^-1: 127 squarings interleaved with products; a · a^-1 must be 1 (no zero divisors).
        var multiply = Select(implementation);
        var a = RandomElement(new DeterministicRandom(3));
        var power = a;
        var inverse = One;
        for (var k = 1; k < 128; k++)
        {
            power = multiply(power, power);
            inverse = multiply(inverse, power);
        }

        Assert.Equal((1UL, 0UL), Pair(multiply(a, inverse)));
    }

    private static Func<Gf128, Gf128, Gf128> Select(string implementation) =>
        implementation == "pclmulqdq" ? Gf128.MultiplyCarrylessInstruction : Gf128.MultiplyPortable;

    private static Gf128 RandomElement(DeterministicRandom rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.GetBytes(bytes);
        return new Gf128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }

    private static (ulong Low, ulong High) Pair(Gf128 value) => (value.Low, value.High);
}
