using System.Numerics;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>
/// Affine edwards25519 arithmetic with <see cref="BigInteger"/> (RFC 8032 §5.1), written from the RFC
/// as an independent check of libsodium: decoding per §5.1.3, encoding per §5.1.2, and the addition
/// law of the twisted Edwards curve −x² + y² = 1 + d·x²·y².
/// </summary>
internal static class EdwardsOracle
{
    public static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));

    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

    /// <summary>RFC 8032 §5.1.3 decoding; null when y ≥ p, when x² has no root, or when x = 0 with the sign bit set.</summary>
    public static (BigInteger X, BigInteger Y)? Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.ToArray();
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7f;
        var y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        if (y >= P)
        {
            return null;
        }

        var x = RecoverX(y);
        if (x is null || (x.Value.IsZero && sign == 1))
        {
            return null;
        }

        return ((int)(x.Value % 2) == sign ? x.Value : P - x.Value, y);
    }

    /// <summary>The root of x² = (y² − 1)/(d·y² + 1) with x even, or null when there is none (y is off the curve).</summary>
    public static BigInteger? RecoverX(BigInteger y)
    {
        var u = Mod((y * y) - 1);
        var v = Mod((D * y * y) + 1);
        var ratio = Mod(u * Inverse(v));
        var x = BigInteger.ModPow(ratio, (P + 3) / 8, P);
        if (Mod(x * x) != ratio)
        {
            x = Mod(x * SqrtMinusOne);
        }

        if (Mod(x * x) != ratio)
        {
            return null;
        }

        return x.IsEven ? x : P - x;
    }

    /// <summary>RFC 8032 §5.1.2: y little-endian with the low bit of x in bit 255.</summary>
    public static byte[] Encode((BigInteger X, BigInteger Y) point)
    {
        var bytes = new byte[32];
        Assert.True(point.Y.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false));
        bytes[31] |= (byte)(point.X.IsEven ? 0 : 0x80);
        return bytes;
    }

    public static (BigInteger X, BigInteger Y) Add((BigInteger X, BigInteger Y) a, (BigInteger X, BigInteger Y) b)
    {
        var t = Mod(D * a.X * b.X * a.Y * b.Y);
        var x = Mod(((a.X * b.Y) + (b.X * a.Y)) * Inverse(1 + t));
        var y = Mod(((a.Y * b.Y) + (a.X * b.X)) * Inverse(1 - t));
        return (x, y);
    }

    private static BigInteger Mod(BigInteger value) => ((value % P) + P) % P;

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);
}
