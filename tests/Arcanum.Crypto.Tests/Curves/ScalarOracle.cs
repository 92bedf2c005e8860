using System.Numerics;

namespace Arcanum.Crypto.Tests.Curves;

/// <summary>Arithmetic modulo ℓ with <see cref="BigInteger"/>, as an independent check of libsodium's.</summary>
internal static class ScalarOracle
{
    /// <summary>ℓ = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1).</summary>
    public static readonly BigInteger Order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    public static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    /// <summary>The 32-byte little-endian encoding of a value below 2^256.</summary>
    public static byte[] ToLittleEndian(BigInteger value)
    {
        var bytes = new byte[32];
        Assert.True(value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false));
        return bytes;
    }

    public static BigInteger Mod(BigInteger value) => ((value % Order) + Order) % Order;
}
