using System.Numerics;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.SafeHandles;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Tests.Curves;

public sealed class Secp256k1ScalarTests
{
    private const int RandomPairs = 300;

    [Fact]
    public void Arithmetic_EdgeAndRandomOperands_MatchesBigIntegerOracle()
    {
        var failures = new List<string>();
        foreach (var (a, b) in OperandPairs())
        {
            var x = Scalar(a);
            var y = Scalar(b);
            Expect(failures, "add", a, b, x + y, (a + b) % N);
            Expect(failures, "sub", a, b, x - y, ((a - b) % N + N) % N);
            Expect(failures, "mul", a, b, x * y, a * b % N);
            Expect(failures, "neg", a, b, -x, (N - a) % N);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Arithmetic_RandomOperands_MatchesLibsecp256k1()
    {
        // An independent implementation of the same field: libsecp256k1's secret-key tweaks.
        var context = Secp256k1ContextHandle.Default;
        var random = new Random(7);
        for (var i = 0; i < RandomPairs; i++)
        {
            var a = Scalar(RandomBelowN(random));
            var b = Scalar(RandomBelowN(random));
            if (a.IsZero || b.IsZero)
            {
                continue;
            }

            var sum = Encode(a);
            Assert.True(Native.TryTweakAddSecretKey(context, sum, Encode(b)));
            Assert.Equal(sum, Encode(a + b));

            var product = Encode(a);
            Assert.True(Native.TryTweakMulSecretKey(context, product, Encode(b)));
            Assert.Equal(product, Encode(a * b));

            var negation = Encode(a);
            Assert.True(Native.TryNegateSecretKey(context, negation));
            Assert.Equal(negation, Encode(-a));
        }
    }

    [Fact]
    public void Invert_EdgeAndRandomValues_IsTheModularInverse()
    {
        var random = new Random(11);
        var values = EdgeScalars.Where(v => !v.IsZero).Concat(Enumerable.Range(0, 40).Select(_ => RandomBelowN(random))).Where(v => !v.IsZero);
        foreach (var value in values)
        {
            var scalar = Scalar(value);
            var inverse = scalar.Invert();

            Assert.Equal(BigInteger.ModPow(value, N - 2, N), ToBigInteger(inverse));
            Assert.Equal(Secp256k1Scalar.One, scalar * inverse);
        }
    }

    [Fact]
    public void Invert_Zero_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Secp256k1Scalar.Zero.Invert());
    }

    [Fact]
    public void EncodeDecode_EdgeValues_RoundTrip()
    {
        foreach (var value in EdgeScalars)
        {
            var bytes = ToBytes(value);
            Assert.True(Secp256k1Scalar.TryDecode(bytes, out var scalar));
            var encoded = new byte[Secp256k1Scalar.Length];
            scalar.Encode(encoded);
            Assert.Equal(bytes, encoded);
            Assert.Equal(value, ToBigInteger(scalar));
        }
    }

    [Theory]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")] // n
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364142")] // n + 1
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFBAAEDCE6AF48A03BBFD25E8CD0364140")] // n − 1 + 2^128
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")] // 2^256 − 1
    public void TryDecode_ValueAtLeastN_ReturnsFalse(string hex)
    {
        Assert.False(Secp256k1Scalar.TryDecode(Convert.FromHexString(hex), out var scalar));
        Assert.True(scalar.IsZero);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void TryDecode_WrongLength_ReturnsFalse(int length)
    {
        Assert.False(Secp256k1Scalar.TryDecode(new byte[length], out _));
    }

    [Fact]
    public void FromBytesReduced_ValuesUpTo512Bits_ReducesModN()
    {
        var random = new Random(3);
        var inputs = new List<byte[]>
        {
            Array.Empty<byte>(),
            ToBytes(N),
            ToBytes(TwoTo256 - 1),
            ToBytes(N + 12345),
            ToBytes(TwoTo256 - 2),
            ToBytes((BigInteger.One << 384) - 1, 48),
            ToBytes((BigInteger.One << 512) - 1, 64),
            ToBytes(N * N, 64),
        };
        foreach (var length in new[] { 1, 17, 32, 48, 63, 64 })
        {
            for (var i = 0; i < 20; i++)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                inputs.Add(bytes);
            }
        }

        foreach (var input in inputs)
        {
            Assert.Equal(ToBigInteger(input) % N, ToBigInteger(Secp256k1Scalar.FromBytesReduced(input)));
        }
    }

    [Fact]
    public void FromBytesReduced_MoreThan64Bytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1Scalar.FromBytesReduced(new byte[65]));
    }

    [Fact]
    public void Random_GeneratorOffersOutOfRangeThenZeroThenValid_RejectsUntilValid()
    {
        var valid = ToBytes(N - 5);
        using var rng = new ScriptedRandomNumberGenerator([ToBytes(TwoTo256 - 1), ToBytes(N), new byte[32], valid]);

        var scalar = Secp256k1Scalar.Random(rng);

        Assert.Equal(N - 5, ToBigInteger(scalar));
        Assert.Equal(4, rng.Calls);
    }

    [Fact]
    public void Random_SeededGenerator_ReturnsDistinctNonZeroScalars()
    {
        using var rng = SeededRng(5);
        var drawn = Enumerable.Range(0, 64).Select(_ => Secp256k1Scalar.Random(rng)).ToList();

        Assert.All(drawn, s => Assert.False(s.IsZero));
        Assert.Equal(drawn.Count, drawn.Distinct().Count());
    }

    [Fact]
    public void Equality_SameAndDifferentValues_ComparesByValue()
    {
        var a = Secp256k1Scalar.FromUInt64(42);
        var b = Scalar(42);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != Secp256k1Scalar.One);
        Assert.False(a.Equals((object)42UL));
        Assert.True(default(Secp256k1Scalar).IsZero);
        Assert.Equal(Secp256k1Scalar.Zero, Secp256k1Scalar.One - Secp256k1Scalar.One);
    }

    [Fact]
    public void Encode_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1Scalar.One.Encode(new byte[31]));
    }

    private static IEnumerable<(BigInteger, BigInteger)> OperandPairs()
    {
        foreach (var a in EdgeScalars)
        {
            foreach (var b in EdgeScalars)
            {
                yield return (a, b);
            }
        }

        var random = new Random(1);
        for (var i = 0; i < RandomPairs; i++)
        {
            yield return (RandomBelowN(random), RandomBelowN(random));
        }
    }

    private static void Expect(List<string> failures, string operation, BigInteger a, BigInteger b, Secp256k1Scalar actual, BigInteger expected)
    {
        if (ToBigInteger(actual) != expected)
        {
            failures.Add($"{operation}({a:X}, {b:X}) = {ToBigInteger(actual):X}, expected {expected:X}");
        }
    }

    private static byte[] Encode(Secp256k1Scalar scalar)
    {
        var bytes = new byte[Secp256k1Scalar.Length];
        scalar.Encode(bytes);
        return bytes;
    }

    /// <summary>Hands out the given 32-byte blocks in order, counting the calls.</summary>
    private sealed class ScriptedRandomNumberGenerator(IReadOnlyList<byte[]> blocks) : RandomNumberGenerator
    {
        public int Calls { get; private set; }

        public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

        public override void GetBytes(Span<byte> data) => blocks[Calls++].CopyTo(data);
    }
}
