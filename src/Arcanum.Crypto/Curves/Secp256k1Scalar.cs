using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An integer modulo the secp256k1 group order
/// n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141 (SEC 2 §2.4.1),
/// held as four 64-bit limbs, always fully reduced. Arithmetic is managed code that is constant-time
/// in the values: no branch or memory index depends on them, carries are computed with bit logic,
/// and every reduction runs a fixed number of steps. Multiplication reduces the 512-bit product
/// with n = 2^256 − c, c &lt; 2^129 (so 2^256 ≡ c mod n): four folds of the bits above 2^256 and
/// one masked subtraction. The canonical encoding is 32 bytes big-endian (RFC 9591
/// SerializeScalar for secp256k1).
/// </summary>
public readonly struct Secp256k1Scalar : IScalar<Secp256k1Scalar>
{
    /// <summary>Ns: the canonical encoding is 32 bytes.</summary>
    public const int Length = 32;

    /// <summary>The longest big-endian input <see cref="FromBytesReduced"/> accepts (512 bits).</summary>
    public const int MaxReducibleLength = 64;

    // RFC 9591 §6.5 / RFC 9380 §8.7: hash_to_field for secp256k1 reads L = ceil((ceil(log2(n)) + k) / 8) = 48 bytes (k = 128).
    private const int HashToFieldLength = 48;

    // n, little-endian limbs.
    private const ulong N0 = 0xBFD25E8CD0364141;
    private const ulong N1 = 0xBAAEDCE6AF48A03B;
    private const ulong N2 = 0xFFFFFFFFFFFFFFFE;
    private const ulong N3 = 0xFFFFFFFFFFFFFFFF;

    // c = 2^256 − n = 0x1_4551231950B75FC4_402DA1732FC9BEBF: limbs C0, C1 and a top limb of 1.
    private const ulong C0 = 0x402DA1732FC9BEBF;
    private const ulong C1 = 0x4551231950B75FC4;

    // The public exponent n − 2 (Fermat inversion), most significant limb first.
    private static ReadOnlySpan<ulong> InverseExponent => [N3, N2, N1, N0 - 2];

    private readonly Limbs _limbs;

    private Secp256k1Scalar(ReadOnlySpan<ulong> limbs) => limbs[..4].CopyTo(_limbs);

    public static int EncodedLength => Length;

    public static Secp256k1Scalar Zero => default;

    public static Secp256k1Scalar One => FromUInt64(1);

    public bool IsZero
    {
        get
        {
            ReadOnlySpan<ulong> a = _limbs;
            return (a[0] | a[1] | a[2] | a[3]) == 0;
        }
    }

    public static Secp256k1Scalar FromUInt64(ulong value) => new([value, 0, 0, 0]);

    /// <summary>Rejection sampling: 32 random bytes, retried until they encode a value in [1, n − 1].</summary>
    public static Secp256k1Scalar Random(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> candidate = stackalloc byte[Length];
        try
        {
            while (true)
            {
                rng.GetBytes(candidate);
                if (TryDecode(candidate, out var scalar) && !scalar.IsZero)
                {
                    return scalar;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(candidate);
        }
    }

    /// <summary>RFC 9591 DeserializeScalar: exactly 32 big-endian bytes of a value below n.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Secp256k1Scalar scalar)
    {
        scalar = default;
        if (encoded.Length != Length)
        {
            return false;
        }

        Span<ulong> value = stackalloc ulong[4];
        ReadBigEndian(encoded, value);
        var borrow = SubtractModulus(value, stackalloc ulong[4]);
        if (borrow == 0)
        {
            return false;
        }

        scalar = new Secp256k1Scalar(value);
        return true;
    }

    /// <summary>
    /// The big-endian integer <paramref name="bigEndian"/> (0 to 64 bytes) reduced mod n. BIP340
    /// reads its 32-byte challenge this way (e = int(hash) mod n); RFC 9380 §5.2 hash_to_field
    /// reads its 48-byte blocks this way (OS2IP(tv) mod p with p = n).
    /// </summary>
    public static Secp256k1Scalar FromBytesReduced(ReadOnlySpan<byte> bigEndian)
    {
        if (bigEndian.Length > MaxReducibleLength)
        {
            throw new ArgumentException($"At most {MaxReducibleLength} bytes can be reduced.", nameof(bigEndian));
        }

        Span<byte> padded = stackalloc byte[MaxReducibleLength];
        Span<ulong> wide = stackalloc ulong[8];
        try
        {
            padded.Clear();
            bigEndian.CopyTo(padded[(MaxReducibleLength - bigEndian.Length)..]);
            ReadBigEndian(padded, wide);
            return Reduce512(wide);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(wide));
        }
    }

    /// <summary>
    /// RFC 9591 H1/H3/H4/H5 for FROST(secp256k1, SHA-256): hash_to_field(message, 1) from RFC 9380
    /// §5.2 with expand_message_xmd(SHA-256), DST = <paramref name="domain"/>, L = 48, reduced mod n.
    /// </summary>
    public static Secp256k1Scalar HashToScalar(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> message)
    {
        Span<byte> uniform = stackalloc byte[HashToFieldLength];
        try
        {
            ExpandMessageXmd.Sha256(message, domain, uniform);
            return FromBytesReduced(uniform);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(uniform);
        }
    }

    /// <summary>RFC 9591 SerializeScalar: 32 bytes big-endian, written to the start of <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination must hold {Length} bytes.", nameof(destination));
        }

        ReadOnlySpan<ulong> a = _limbs;
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[((3 - i) * 8)..], a[i]);
        }
    }

    /// <summary>
    /// a^(n − 2) mod n (Fermat). The exponent is public, so the fixed 4-bit-window chain of 256
    /// squarings and at most 64 table multiplications does not depend on the secret.
    /// </summary>
    public Secp256k1Scalar Invert()
    {
        if (IsZero)
        {
            throw new InvalidOperationException("Zero has no inverse modulo n.");
        }

        Span<Secp256k1Scalar> powers = stackalloc Secp256k1Scalar[16];
        try
        {
            powers[0] = One;
            for (var i = 1; i < powers.Length; i++)
            {
                powers[i] = powers[i - 1] * this;
            }

            var result = One;
            foreach (var limb in InverseExponent)
            {
                for (var shift = 60; shift >= 0; shift -= 4)
                {
                    result = Square(Square(Square(Square(result))));
                    var digit = (int)((limb >> shift) & 0xF);
                    if (digit != 0)
                    {
                        result *= powers[digit];
                    }
                }
            }

            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(powers));
        }
    }

    public bool Equals(Secp256k1Scalar other)
    {
        ReadOnlySpan<ulong> a = _limbs;
        ReadOnlySpan<ulong> b = other._limbs;
        return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0;
    }

    public override bool Equals(object? obj) => obj is Secp256k1Scalar other && Equals(other);

    public override int GetHashCode()
    {
        ReadOnlySpan<ulong> a = _limbs;
        return HashCode.Combine(a[0], a[1], a[2], a[3]);
    }

    public static bool operator ==(Secp256k1Scalar left, Secp256k1Scalar right) => left.Equals(right);

    public static bool operator !=(Secp256k1Scalar left, Secp256k1Scalar right) => !left.Equals(right);

    /// <summary>a + b mod n: a 257-bit sum, then n subtracted under a mask if the sum is at least n.</summary>
    public static Secp256k1Scalar operator +(Secp256k1Scalar left, Secp256k1Scalar right)
    {
        ReadOnlySpan<ulong> a = left._limbs;
        ReadOnlySpan<ulong> b = right._limbs;
        Span<ulong> sum = stackalloc ulong[4];
        ulong carry = 0;
        for (var i = 0; i < 4; i++)
        {
            sum[i] = AddWithCarry(a[i], b[i], ref carry);
        }

        Span<ulong> reduced = stackalloc ulong[4];
        var borrow = SubtractModulus(sum, reduced);

        // Keep the sum only if it neither overflowed 2^256 nor reached n.
        var keepSum = 0 - (borrow & ~carry & 1);
        Select(keepSum, sum, reduced);
        return new Secp256k1Scalar(reduced);
    }

    /// <summary>a − b mod n: a 256-bit difference, then n added back under a mask if it borrowed.</summary>
    public static Secp256k1Scalar operator -(Secp256k1Scalar left, Secp256k1Scalar right)
    {
        ReadOnlySpan<ulong> a = left._limbs;
        ReadOnlySpan<ulong> b = right._limbs;
        Span<ulong> difference = stackalloc ulong[4];
        ulong borrow = 0;
        for (var i = 0; i < 4; i++)
        {
            difference[i] = SubtractWithBorrow(a[i], b[i], ref borrow);
        }

        var mask = 0 - borrow;
        ReadOnlySpan<ulong> modulus = [N0, N1, N2, N3];
        ulong carry = 0;
        for (var i = 0; i < 4; i++)
        {
            difference[i] = AddWithCarry(difference[i], modulus[i] & mask, ref carry);
        }

        return new Secp256k1Scalar(difference);
    }

    public static Secp256k1Scalar operator -(Secp256k1Scalar value) => Zero - value;

    /// <summary>a·b mod n: the 512-bit schoolbook product, reduced with 2^256 ≡ c (mod n).</summary>
    public static Secp256k1Scalar operator *(Secp256k1Scalar left, Secp256k1Scalar right)
    {
        ReadOnlySpan<ulong> a = left._limbs;
        ReadOnlySpan<ulong> b = right._limbs;
        Span<ulong> product = stackalloc ulong[8];
        product.Clear();
        for (var i = 0; i < 4; i++)
        {
            ulong carry = 0;
            for (var j = 0; j < 4; j++)
            {
                carry = MultiplyAdd(a[i], b[j], product[i + j], carry, out product[i + j]);
            }

            product[i + 4] = carry;
        }

        try
        {
            return Reduce512(product);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(product));
        }
    }

    private static Secp256k1Scalar Square(Secp256k1Scalar value) => value * value;

    /// <summary>
    /// Reduces a 512-bit value x mod n by folding: x = h·2^256 + l ≡ h·c + l. Starting below 2^512,
    /// the folds give values below 2^386, 2^260, 2^256 + 2^133 and finally 2^256; one masked
    /// subtraction of n then yields the canonical value.
    /// </summary>
    private static Secp256k1Scalar Reduce512(ReadOnlySpan<ulong> value)
    {
        Span<ulong> below386 = stackalloc ulong[7];
        Span<ulong> below260 = stackalloc ulong[5];
        Span<ulong> below257 = stackalloc ulong[5];
        try
        {
            FoldHighLimbs(value, below386);
            FoldHighLimbs(below386, below260);
            FoldHighLimbs(below260, below257);
            FoldHighLimbs(below257, below260);

            // below260 now holds the value below 2^256 (its fifth limb is zero); subtract n if it is at least n.
            Span<ulong> reduced = stackalloc ulong[4];
            var borrow = SubtractModulus(below260[..4], reduced);
            Select(0 - borrow, below260[..4], reduced);
            return new Secp256k1Scalar(reduced);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(below386));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(below260));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(below257));
        }
    }

    /// <summary>
    /// result = value[0..4] + value[4..]·c, where c = C0 + C1·2^64 + 2^128. The caller sizes
    /// <paramref name="result"/> so the sum fits; every carry is propagated through every limb.
    /// </summary>
    private static void FoldHighLimbs(ReadOnlySpan<ulong> value, Span<ulong> result)
    {
        ReadOnlySpan<ulong> c = [C0, C1, 1];
        result.Clear();
        value[..4].CopyTo(result);
        var high = value[4..];
        for (var i = 0; i < high.Length; i++)
        {
            ulong carry = 0;
            for (var j = 0; j < c.Length; j++)
            {
                carry = MultiplyAdd(high[i], c[j], result[i + j], carry, out result[i + j]);
            }

            for (var k = i + c.Length; k < result.Length; k++)
            {
                ulong next = 0;
                result[k] = AddWithCarry(result[k], carry, ref next);
                carry = next;
            }
        }
    }

    /// <summary>difference = value − n over 256 bits; returns the borrow (1 exactly when value &lt; n).</summary>
    private static ulong SubtractModulus(ReadOnlySpan<ulong> value, Span<ulong> difference)
    {
        ReadOnlySpan<ulong> modulus = [N0, N1, N2, N3];
        ulong borrow = 0;
        for (var i = 0; i < 4; i++)
        {
            difference[i] = SubtractWithBorrow(value[i], modulus[i], ref borrow);
        }

        return borrow;
    }

    /// <summary>destination = mask ? source : destination, for a mask of all ones or all zeros.</summary>
    private static void Select(ulong mask, ReadOnlySpan<ulong> source, Span<ulong> destination)
    {
        for (var i = 0; i < 4; i++)
        {
            destination[i] = (source[i] & mask) | (destination[i] & ~mask);
        }
    }

    /// <summary>a·b + x + y as a 128-bit value (it cannot overflow): returns the high limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong a, ulong b, ulong x, ulong y, out ulong low)
    {
        var high = Math.BigMul(a, b, out low);
        ulong carry = 0;
        low = AddWithCarry(low, x, ref carry);
        high += carry;
        carry = 0;
        low = AddWithCarry(low, y, ref carry);
        return high + carry;
    }

    /// <summary>a + b + carry; the carry out is computed from the operand bits, without comparisons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        var sum = a + b + carry;
        carry = ((a & b) | ((a | b) & ~sum)) >> 63;
        return sum;
    }

    /// <summary>a − b − borrow; the borrow out is computed from the operand bits, without comparisons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubtractWithBorrow(ulong a, ulong b, ref ulong borrow)
    {
        var difference = a - b - borrow;
        borrow = ((~a & b) | (~(a ^ b) & difference)) >> 63;
        return difference;
    }

    private static void ReadBigEndian(ReadOnlySpan<byte> bigEndian, Span<ulong> limbs)
    {
        for (var i = 0; i < limbs.Length; i++)
        {
            limbs[i] = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[((limbs.Length - 1 - i) * 8)..]);
        }
    }

    [InlineArray(4)]
    private struct Limbs
    {
        private ulong _element0;
    }
}
