using System.Numerics;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>Every operation of <see cref="Ed25519Scalar"/> against a <see cref="BigInteger"/> oracle.</summary>
public sealed class Ed25519ScalarTests
{
    private static readonly BigInteger L = ScalarOracle.Order;

    /// <summary>Edge values 0, 1, 2, ℓ−2, ℓ−1, 2^252 and random values below ℓ.</summary>
    private static readonly BigInteger[] Values = BuildValues();

    [Fact]
    public void Add_AllPairs_MatchesOracle() => AssertBinary((a, b) => a + b, (a, b) => a + b);

    [Fact]
    public void Subtract_AllPairs_MatchesOracle() => AssertBinary((a, b) => a - b, (a, b) => a - b);

    [Fact]
    public void Multiply_AllPairs_MatchesOracle() => AssertBinary((a, b) => a * b, (a, b) => a * b);

    [Fact]
    public void Negate_EveryValue_MatchesOracle()
    {
        var failures = Values.Where(v => Oracle(-Scalar(v)) != ScalarOracle.Mod(-v)).Select(v => $"-{v}").ToList();

        Assert.Empty(failures);
    }

    [Fact]
    public void Invert_EveryNonZeroValue_MatchesOracleAndGivesOne()
    {
        var failures = new List<string>();
        foreach (var v in Values.Where(v => !v.IsZero))
        {
            var inverse = Scalar(v).Invert();
            if (Oracle(inverse) != BigInteger.ModPow(v, L - 2, L) || Scalar(v) * inverse != Ed25519Scalar.One)
            {
                failures.Add($"1/{v}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Invert_Zero_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => Ed25519Scalar.Zero.Invert());

    [Fact]
    public void EncodeThenTryDecode_EveryValue_RoundTrips()
    {
        var failures = new List<string>();
        foreach (var v in Values)
        {
            var encoded = new byte[Ed25519Scalar.EncodedLength];
            Scalar(v).Encode(encoded);
            if (!encoded.AsSpan().SequenceEqual(ScalarOracle.ToLittleEndian(v))
                || !Ed25519Scalar.TryDecode(encoded, out var decoded) || Oracle(decoded) != v)
            {
                failures.Add(v.ToString());
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("order+1")]
    [InlineData("2^255")]
    [InlineData("2^256-1")]
    public void TryDecode_ValueAtLeastOrder_ReturnsFalse(string name)
    {
        var value = name switch
        {
            "order" => L,
            "order+1" => L + 1,
            "2^255" => BigInteger.Pow(2, 255),
            _ => BigInteger.Pow(2, 256) - 1,
        };

        Assert.False(Ed25519Scalar.TryDecode(ScalarOracle.ToLittleEndian(value), out var scalar));
        Assert.True(scalar.IsZero);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void TryDecode_WrongLength_ReturnsFalse(int length) =>
        Assert.False(Ed25519Scalar.TryDecode(new byte[length], out _));

    [Fact]
    public void FromWideBytes_RandomAndMaximal_ReduceModOrder()
    {
        var inputs = Enumerable.Range(0, 32).Select(_ => RandomNumberGenerator.GetBytes(64)).Append(Enumerable.Repeat((byte)0xff, 64).ToArray());
        var failures = inputs
            .Where(wide => Oracle(Ed25519Scalar.FromWideBytes(wide)) != ScalarOracle.FromLittleEndian(wide) % L)
            .Select(Convert.ToHexStringLower)
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(65)]
    public void FromWideBytes_WrongLength_Throws(int length) =>
        Assert.Throws<ArgumentException>(() => Ed25519Scalar.FromWideBytes(new byte[length]));

    [Fact]
    public void HashToScalar_DomainAndMessage_IsSha512OfConcatenationModOrder()
    {
        var domain = "FROST-ED25519-SHA512-v1nonce"u8.ToArray();
        var message = RandomNumberGenerator.GetBytes(100);

        var scalar = Ed25519Scalar.HashToScalar(domain, message);

        var digest = SHA512.HashData([.. domain, .. message]);
        Assert.Equal(ScalarOracle.FromLittleEndian(digest) % L, Oracle(scalar));
    }

    [Fact]
    public void HashToScalar_EmptyDomain_HashesMessageAlone()
    {
        var message = "R || A || M"u8.ToArray();

        Assert.Equal(ScalarOracle.FromLittleEndian(SHA512.HashData(message)) % L, Oracle(Ed25519Scalar.HashToScalar([], message)));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(0x0102030405060708UL)]
    [InlineData(ulong.MaxValue)]
    public void FromUInt64_Value_EncodesLittleEndian(ulong value) =>
        Assert.Equal(new BigInteger(value), Oracle(Ed25519Scalar.FromUInt64(value)));

    [Fact]
    public void ZeroAndOne_Values_AreZeroAndOne()
    {
        Assert.True(Ed25519Scalar.Zero.IsZero);
        Assert.True(default(Ed25519Scalar).IsZero);
        Assert.False(Ed25519Scalar.One.IsZero);
        Assert.Equal(BigInteger.One, Oracle(Ed25519Scalar.One));
    }

    [Fact]
    public void Random_ScriptedZeroThenValue_RetriesAndReducesWideBytes()
    {
        var wide = Enumerable.Range(1, 64).Select(i => (byte)(i * 7)).ToArray();
        using var rng = new ScriptedRandomNumberGenerator(new byte[64], wide);

        var scalar = Ed25519Scalar.Random(rng);

        Assert.Equal(2, rng.Calls);
        Assert.Equal(ScalarOracle.FromLittleEndian(wide) % L, Oracle(scalar));
    }

    [Fact]
    public void Random_SodiumGenerator_GivesDistinctNonZeroScalars()
    {
        using var rng = new SodiumRandomNumberGenerator();

        var scalars = Enumerable.Range(0, 16).Select(_ => Ed25519Scalar.Random(rng)).ToList();

        Assert.All(scalars, s => Assert.False(s.IsZero));
        Assert.Equal(scalars.Count, scalars.Distinct().Count());
    }

    [Fact]
    public void Equality_EqualAndDifferentValues_ComparesByValue()
    {
        var a = Ed25519Scalar.FromUInt64(5);

        Assert.True(a == Ed25519Scalar.FromUInt64(2) + Ed25519Scalar.FromUInt64(3));
        Assert.True(a != Ed25519Scalar.FromUInt64(6));
        Assert.Equal(a.GetHashCode(), (Ed25519Scalar.One * a).GetHashCode());
        Assert.False(a.Equals((object)5UL));
    }

    [Fact]
    public void ToString_AnyScalar_IsRedacted() => Assert.Equal("[redacted]", Ed25519Scalar.FromUInt64(42).ToString());

    [Fact]
    public void Encode_ShortDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => Ed25519Scalar.One.Encode(new byte[31]));

    private static void AssertBinary(
        Func<Ed25519Scalar, Ed25519Scalar, Ed25519Scalar> operation, Func<BigInteger, BigInteger, BigInteger> expected)
    {
        var failures = new List<string>();
        foreach (var a in Values)
        {
            foreach (var b in Values)
            {
                if (Oracle(operation(Scalar(a), Scalar(b))) != ScalarOracle.Mod(expected(a, b)))
                {
                    failures.Add($"({a}, {b})");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static Ed25519Scalar Scalar(BigInteger value)
    {
        Assert.True(Ed25519Scalar.TryDecode(ScalarOracle.ToLittleEndian(value), out var scalar), $"{value} must decode");
        return scalar;
    }

    private static BigInteger Oracle(Ed25519Scalar scalar)
    {
        var encoded = new byte[Ed25519Scalar.EncodedLength];
        scalar.Encode(encoded);
        return ScalarOracle.FromLittleEndian(encoded);
    }

    private static BigInteger[] BuildValues()
    {
        var edges = new[] { BigInteger.Zero, BigInteger.One, new BigInteger(2), L - 2, L - 1, BigInteger.Pow(2, 252) };
        var random = Enumerable.Range(0, 12).Select(_ => ScalarOracle.FromLittleEndian(RandomNumberGenerator.GetBytes(32)) % L);
        return [.. edges, .. random];
    }
}
