using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An integer modulo ℓ = 2^252 + 27742317777372353535851937790883648493, the order of the prime-order
/// subgroup of edwards25519 and of ristretto255 (RFC 8032 §5.1, RFC 9496 §4). Stored as its canonical
/// 32-byte little-endian encoding, always smaller than ℓ; <c>default</c> is zero. Arithmetic runs in
/// libsodium's constant-time <c>crypto_core_ed25519_scalar_*</c> functions.
/// </summary>
public readonly struct Ed25519Scalar : IScalar<Ed25519Scalar>
{
    /// <summary>Length of the wide input of <see cref="FromWideBytes"/>: 64 bytes, as SHA-512 produces.</summary>
    public const int WideLength = 64;

    private readonly Curve25519Bytes _bytes;

    private Ed25519Scalar(in Curve25519Bytes bytes) => _bytes = bytes;

    /// <summary>32 (RFC 9591 Ns for both FROST(Ed25519, SHA-512) and FROST(ristretto255, SHA-512)).</summary>
    public static int EncodedLength => Curve25519Bytes.Length;

    public static Ed25519Scalar Zero => default;

    public static Ed25519Scalar One => FromUInt64(1);

    /// <summary>True for zero; decided without branching on the value.</summary>
    public bool IsZero
    {
        get
        {
            ReadOnlySpan<byte> bytes = _bytes;
            var accumulated = 0;
            foreach (var b in bytes)
            {
                accumulated |= b;
            }

            return accumulated == 0;
        }
    }

    /// <summary>The canonical little-endian bytes, for the curve types of this assembly to hand to native code.</summary>
    [UnscopedRef]
    internal ReadOnlySpan<byte> Bytes => _bytes;

    public static Ed25519Scalar FromUInt64(ulong value)
    {
        var bytes = default(Curve25519Bytes);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return new Ed25519Scalar(bytes);
    }

    /// <summary>
    /// A uniformly random non-zero scalar: 64 bytes from <paramref name="rng"/> reduced modulo ℓ (the
    /// bias is below 2^-259), drawn again in the negligible case that the result is zero.
    /// </summary>
    public static Ed25519Scalar Random(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> wide = stackalloc byte[WideLength];
        try
        {
            while (true)
            {
                rng.GetBytes(wide);
                var scalar = FromWideBytes(wide);
                if (!scalar.IsZero)
                {
                    return scalar;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wide);
        }
    }

    /// <summary>
    /// RFC 9591 DeserializeScalar for both ciphersuites: exactly 32 bytes, read little-endian, and
    /// smaller than ℓ. The range test reduces the value and compares in constant time.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Ed25519Scalar scalar)
    {
        scalar = default;
        if (encoded.Length != EncodedLength)
        {
            return false;
        }

        Span<byte> wide = stackalloc byte[WideLength];
        wide.Clear();
        encoded.CopyTo(wide);
        var reduced = FromWideBytes(wide);
        CryptographicOperations.ZeroMemory(wide);
        if (!CryptographicOperations.FixedTimeEquals(reduced.Bytes, encoded))
        {
            return false;
        }

        scalar = reduced;
        return true;
    }

    /// <summary>
    /// SHA-512(<paramref name="domain"/> ‖ <paramref name="message"/>) read little-endian modulo ℓ.
    /// With domain = contextString ‖ tag this is H1 ("rho"), H3 ("nonce"), H4 ("msg") and H5 ("com")
    /// of RFC 9591 §6.5 (FROST(ristretto255, SHA-512)) and §6.1 (FROST(Ed25519, SHA-512)); with an
    /// empty domain it is the Ed25519 H2, the RFC 8032 §5.1.7 challenge SHA-512(R ‖ A ‖ M) mod ℓ.
    /// </summary>
    public static Ed25519Scalar HashToScalar(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> message)
    {
        Span<byte> digest = stackalloc byte[WideLength];
        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        sha512.AppendData(domain);
        sha512.AppendData(message);
        sha512.GetHashAndReset(digest);
        var scalar = FromWideBytes(digest);
        CryptographicOperations.ZeroMemory(digest);
        return scalar;
    }

    /// <summary>
    /// A 64-byte little-endian integer reduced modulo ℓ (<c>crypto_core_ed25519_scalar_reduce</c>),
    /// as RFC 8032 §5.1.6 and RFC 9591 §6.1 do with a SHA-512 digest.
    /// </summary>
    public static Ed25519Scalar FromWideBytes(ReadOnlySpan<byte> le64)
    {
        if (le64.Length != WideLength)
        {
            throw new ArgumentException($"A wide scalar takes exactly {WideLength} bytes.", nameof(le64));
        }

        var reduced = default(Curve25519Bytes);
        Sodium.Ed25519ScalarReduce(reduced, le64);
        return new Ed25519Scalar(reduced);
    }

    /// <summary>RFC 9591 SerializeScalar: the 32-byte little-endian encoding.</summary>
    public void Encode(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException($"The destination needs {EncodedLength} bytes.", nameof(destination));
        }

        ((ReadOnlySpan<byte>)_bytes).CopyTo(destination);
    }

    /// <summary>s^(ℓ−2) mod ℓ in constant time; throws <see cref="InvalidOperationException"/> for zero.</summary>
    public Ed25519Scalar Invert()
    {
        var reciprocal = default(Curve25519Bytes);
        return Sodium.Ed25519ScalarInvert(reciprocal, _bytes)
            ? new Ed25519Scalar(reciprocal)
            : throw new InvalidOperationException("Zero has no multiplicative inverse modulo ℓ.");
    }

    public static Ed25519Scalar operator +(Ed25519Scalar left, Ed25519Scalar right)
    {
        var sum = default(Curve25519Bytes);
        Sodium.Ed25519ScalarAdd(sum, left._bytes, right._bytes);
        return new Ed25519Scalar(sum);
    }

    public static Ed25519Scalar operator -(Ed25519Scalar left, Ed25519Scalar right)
    {
        var difference = default(Curve25519Bytes);
        Sodium.Ed25519ScalarSubtract(difference, left._bytes, right._bytes);
        return new Ed25519Scalar(difference);
    }

    public static Ed25519Scalar operator *(Ed25519Scalar left, Ed25519Scalar right)
    {
        var product = default(Curve25519Bytes);
        Sodium.Ed25519ScalarMultiply(product, left._bytes, right._bytes);
        return new Ed25519Scalar(product);
    }

    public static Ed25519Scalar operator -(Ed25519Scalar value)
    {
        var negated = default(Curve25519Bytes);
        Sodium.Ed25519ScalarNegate(negated, value._bytes);
        return new Ed25519Scalar(negated);
    }

    public static bool operator ==(Ed25519Scalar left, Ed25519Scalar right) => left.Equals(right);

    public static bool operator !=(Ed25519Scalar left, Ed25519Scalar right) => !left.Equals(right);

    /// <summary>Constant-time comparison of the canonical encodings.</summary>
    public bool Equals(Ed25519Scalar other) => CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => obj is Ed25519Scalar other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Scalars are often secret (shares, nonces), so they never print their value.</summary>
    public override string ToString() => "[redacted]";
}
