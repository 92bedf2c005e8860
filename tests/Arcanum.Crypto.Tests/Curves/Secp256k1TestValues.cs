using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>
/// secp256k1 constants (SEC 2 §2.4.1) as BigIntegers — the independent oracle the managed scalar
/// arithmetic is checked against — and conversions between them and the types under test.
/// </summary>
internal static class Secp256k1TestValues
{
    /// <summary>The group order n.</summary>
    public static readonly BigInteger N = Hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

    /// <summary>The field prime p = 2^256 − 2^32 − 977.</summary>
    public static readonly BigInteger P = Hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F");

    public static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>The compressed encoding of G.</summary>
    public const string GeneratorCompressedHex = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    /// <summary>Scalars at the edges of the arithmetic: around 0, n/2, 2^128, c = 2^256 − n and n.</summary>
    public static IReadOnlyList<BigInteger> EdgeScalars { get; } =
    [
        0, 1, 2, 3, N - 1, N - 2, N - 3, (N - 1) / 2, (N + 1) / 2, BigInteger.One << 64, (BigInteger.One << 128) - 1,
        BigInteger.One << 128, BigInteger.One << 255, TwoTo256 - N, N - (TwoTo256 - N), ulong.MaxValue,
    ];

    public static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static BigInteger ToBigInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static BigInteger ToBigInteger(Secp256k1Scalar scalar)
    {
        var bytes = new byte[32];
        scalar.Encode(bytes);
        return ToBigInteger(bytes);
    }

    /// <summary>The value as exactly <paramref name="length"/> big-endian bytes (it must fit).</summary>
    public static byte[] ToBytes(BigInteger value, int length = 32)
    {
        var minimal = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[length];
        minimal.CopyTo(bytes, length - minimal.Length);
        return bytes;
    }

    public static Secp256k1Scalar Scalar(BigInteger value) =>
        Secp256k1Scalar.TryDecode(ToBytes(value), out var scalar) ? scalar : throw new ArgumentOutOfRangeException(nameof(value));

    /// <summary>A uniformly random value in [0, n) from a seeded generator.</summary>
    public static BigInteger RandomBelowN(Random random)
    {
        var bytes = new byte[40];
        random.NextBytes(bytes);
        return ToBigInteger(bytes) % N;
    }

    /// <summary>A reproducible <see cref="RandomNumberGenerator"/> for tests (System.Random with a seed); never for keys.</summary>
    public static RandomNumberGenerator SeededRng(int seed) => new SeededRandomNumberGenerator(seed);

    private sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
    {
        private readonly Random _random = new(seed);

        public override void GetBytes(byte[] data) => _random.NextBytes(data);

        public override void GetBytes(Span<byte> data) => _random.NextBytes(data);

        public override void GetBytes(byte[] data, int offset, int count) => _random.NextBytes(data.AsSpan(offset, count));
    }
}
