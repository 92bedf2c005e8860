using System.Security.Cryptography;
using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An element of the prime-order subgroup of edwards25519 (RFC 8032 §5.1), the group of
/// FROST(Ed25519, SHA-512) (RFC 9591 §6.1). Stored as the 32-byte RFC 8032 §5.1.2 encoding; all-zero
/// storage stands for the identity, so <c>default</c> is the identity (the all-zero string would
/// decode to a point of order 4, which is never admitted, so nothing clashes). The identity is never
/// handed to libsodium, whose point functions refuse or misreport it; it is handled here.
/// </summary>
public readonly struct Ed25519Point : IPoint<Ed25519Point, Ed25519Scalar>
{
    private readonly Curve25519Bytes _encoding;

    private Ed25519Point(in Curve25519Bytes encoding) => _encoding = encoding;

    /// <summary>32 (RFC 9591 Ne).</summary>
    public static int EncodedLength => Curve25519Bytes.Length;

    public static Ed25519Point Identity => default;

    /// <summary>The base point B of RFC 8032 §5.1: y = 4/5, x positive, encoded 58 66 66 … 66.</summary>
    public static Ed25519Point Generator { get; } = new(Curve25519Bytes.CopyOf(
    [
        0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
        0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    ]));

    public bool IsIdentity => _encoding.IsZero;

    /// <summary>ℓ + 1 little-endian: [ℓ + 1]P = P exactly when [ℓ]P is the identity.</summary>
    private static ReadOnlySpan<byte> GroupOrderPlusOne =>
    [
        0xee, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ];

    /// <summary>The canonical encoding of the identity (x = 0, y = 1), as libsodium writes it.</summary>
    private static ReadOnlySpan<byte> NativeIdentityEncoding =>
    [
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>
    /// RFC 9591 DeserializeElement for FROST(Ed25519, SHA-512): accepts only the canonical encoding
    /// of a non-identity element of the prime-order subgroup. Refused: any length but 32; y ≥ p; the
    /// encodings of the eight small-order points, including the non-canonical ones (y = p, p + 1 and
    /// x = 0 with the sign bit set); a y with no matching x; and points with a small-order component.
    /// <c>crypto_core_ed25519_is_valid_point</c> does the first checks; its subgroup test in 1.0.18
    /// only looks at x([ℓ]P), which misses a component of order 2 (CVE-2025-69277, patched in some
    /// builds only), so the subgroup membership is confirmed here as [ℓ + 1]P = P.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Ed25519Point point)
    {
        point = default;
        if (encoded.Length != EncodedLength || !Sodium.Ed25519IsValidPoint(encoded) || !IsInPrimeOrderSubgroup(encoded))
        {
            return false;
        }

        point = new Ed25519Point(Curve25519Bytes.CopyOf(encoded));
        return true;
    }

    /// <summary>[k]B by <c>crypto_scalarmult_ed25519_base_noclamp</c>, constant-time in k.</summary>
    public static Ed25519Point MultiplyBase(Ed25519Scalar scalar)
    {
        var product = default(Curve25519Bytes);
        if (Sodium.Ed25519ScalarMultBaseNoClamp(product, scalar.Bytes))
        {
            return new Ed25519Point(product);
        }

        // The call reports −1 only for an identity result, which for a reduced scalar means k = 0.
        return scalar.IsZero
            ? Identity
            : throw new CryptographicException("crypto_scalarmult_ed25519_base_noclamp failed for a non-zero scalar.");
    }

    /// <summary>Σ scalars[i]·points[i]; the spans must have equal length.</summary>
    public static Ed25519Point MultiScalarMultiply(ReadOnlySpan<Ed25519Scalar> scalars, ReadOnlySpan<Ed25519Point> points) =>
        PointSums.SumOfProducts(scalars, points);

    /// <summary>RFC 9591 SerializeElement: the 32-byte encoding; throws <see cref="InvalidOperationException"/> for the identity.</summary>
    public void Encode(Span<byte> destination) => _encoding.WriteElementEncoding(destination);

    public static Ed25519Point operator +(Ed25519Point left, Ed25519Point right)
    {
        if (left.IsIdentity)
        {
            return right;
        }

        if (right.IsIdentity)
        {
            return left;
        }

        var sum = default(Curve25519Bytes);
        Sodium.Ed25519Add(sum, left._encoding, right._encoding);
        return FromNativeResult(sum);
    }

    public static Ed25519Point operator -(Ed25519Point left, Ed25519Point right)
    {
        if (right.IsIdentity)
        {
            return left;
        }

        if (left.IsIdentity)
        {
            return -right;
        }

        var difference = default(Curve25519Bytes);
        Sodium.Ed25519Subtract(difference, left._encoding, right._encoding);
        return FromNativeResult(difference);
    }

    /// <summary>−(x, y) = (−x, y): flips the sign bit of the encoding (x ≠ 0 for every non-identity element).</summary>
    public static Ed25519Point operator -(Ed25519Point value)
    {
        if (value.IsIdentity)
        {
            return value;
        }

        var negated = value._encoding;
        negated[Curve25519Bytes.Length - 1] ^= 0x80;
        return new Ed25519Point(negated);
    }

    /// <summary>[k]P by <c>crypto_scalarmult_ed25519_noclamp</c>, constant-time in k.</summary>
    public static Ed25519Point operator *(Ed25519Point point, Ed25519Scalar scalar)
    {
        if (point.IsIdentity)
        {
            return Identity;
        }

        var product = default(Curve25519Bytes);
        if (Sodium.Ed25519ScalarMultNoClamp(product, scalar.Bytes, point._encoding))
        {
            return new Ed25519Point(product);
        }

        // P is a valid subgroup element, so −1 can only mean an identity result, that is k = 0.
        return scalar.IsZero
            ? Identity
            : throw new CryptographicException("crypto_scalarmult_ed25519_noclamp failed for a subgroup point and a non-zero scalar.");
    }

    public static bool operator ==(Ed25519Point left, Ed25519Point right) => left.Equals(right);

    public static bool operator !=(Ed25519Point left, Ed25519Point right) => !left.Equals(right);

    /// <summary>Encodings are canonical, so equal elements have equal bytes. Points are public: not constant-time.</summary>
    public bool Equals(Ed25519Point other) => ((ReadOnlySpan<byte>)_encoding).SequenceEqual(other._encoding);

    public override bool Equals(object? obj) => obj is Ed25519Point other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_encoding);
        return hash.ToHashCode();
    }

    /// <summary>The encoding in lowercase hex, or "identity".</summary>
    public override string ToString() => IsIdentity ? "identity" : Convert.ToHexStringLower(_encoding);

    private static bool IsInPrimeOrderSubgroup(ReadOnlySpan<byte> encoded)
    {
        Span<byte> multiple = stackalloc byte[EncodedLength];
        return Sodium.Ed25519ScalarMultNoClamp(multiple, GroupOrderPlusOne, encoded) && multiple.SequenceEqual(encoded);
    }

    /// <summary>libsodium writes the identity as 01 00…00; this type stores it as all zero.</summary>
    private static Ed25519Point FromNativeResult(in Curve25519Bytes encoding) =>
        ((ReadOnlySpan<byte>)encoding).SequenceEqual(NativeIdentityEncoding) ? Identity : new Ed25519Point(encoding);
}
