using System.Security.Cryptography;
using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An element of ristretto255 (RFC 9496 §4), the group of FROST(ristretto255, SHA-512) (RFC 9591
/// §6.2). Stored as its canonical 32-byte encoding (RFC 9496 §4.3.2); the identity's encoding is all
/// zero, so <c>default</c> is the identity.
/// </summary>
public readonly struct Ristretto255Point : IPoint<Ristretto255Point, Ed25519Scalar>
{
    /// <summary>Length of the input of <see cref="FromUniformBytes"/>.</summary>
    public const int UniformBytesLength = 64;

    private readonly Curve25519Bytes _encoding;

    private Ristretto255Point(in Curve25519Bytes encoding) => _encoding = encoding;

    /// <summary>32 (RFC 9591 Ne).</summary>
    public static int EncodedLength => Curve25519Bytes.Length;

    public static Ristretto255Point Identity => default;

    /// <summary>The generator B of RFC 9496 §4.4, encoded e2f2ae0a…e08d2d76 (Appendix A.1, B[1]).</summary>
    public static Ristretto255Point Generator { get; } = new(Curve25519Bytes.CopyOf(
    [
        0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
        0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
    ]));

    public bool IsIdentity => _encoding.IsZero;

    /// <summary>
    /// RFC 9591 DeserializeElement for FROST(ristretto255, SHA-512): RFC 9496 §4.3.1 decoding (by
    /// <c>crypto_core_ristretto255_is_valid_point</c>), refusing the identity. libsodium 1.0.18 ignores
    /// bit 255 when it tests s &lt; p, so an encoding with that bit set (a value ≥ 2^255 &gt; p, hence
    /// non-canonical) is refused here before the call.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Ristretto255Point point)
    {
        point = default;
        if (encoded.Length != EncodedLength || (encoded[^1] & 0x80) != 0)
        {
            return false;
        }

        var candidate = Curve25519Bytes.CopyOf(encoded);
        if (candidate.IsZero || !Sodium.Ristretto255IsValidPoint(encoded))
        {
            return false;
        }

        point = new Ristretto255Point(candidate);
        return true;
    }

    /// <summary>
    /// The one-way map of RFC 9496 §4.3.4 (element derivation from 64 uniformly random bytes, by
    /// <c>crypto_core_ristretto255_from_hash</c>), the building block of hash_to_ristretto255. The
    /// result may be the identity.
    /// </summary>
    public static Ristretto255Point FromUniformBytes(ReadOnlySpan<byte> uniformBytes)
    {
        if (uniformBytes.Length != UniformBytesLength)
        {
            throw new ArgumentException($"The map takes exactly {UniformBytesLength} bytes.", nameof(uniformBytes));
        }

        var element = default(Curve25519Bytes);
        Sodium.Ristretto255FromHash(element, uniformBytes);
        return new Ristretto255Point(element);
    }

    /// <summary>[k]B by <c>crypto_scalarmult_ristretto255_base</c>, constant-time in k.</summary>
    public static Ristretto255Point MultiplyBase(Ed25519Scalar scalar)
    {
        var product = default(Curve25519Bytes);
        if (Sodium.Ristretto255ScalarMultBase(product, scalar.Bytes))
        {
            return new Ristretto255Point(product);
        }

        // −1 reports an identity result, which for a reduced scalar means k = 0.
        return scalar.IsZero
            ? Identity
            : throw new CryptographicException("crypto_scalarmult_ristretto255_base failed for a non-zero scalar.");
    }

    /// <summary>Σ scalars[i]·points[i]; the spans must have equal length.</summary>
    public static Ristretto255Point MultiScalarMultiply(ReadOnlySpan<Ed25519Scalar> scalars, ReadOnlySpan<Ristretto255Point> points) =>
        PointSums.SumOfProducts(scalars, points);

    /// <summary>RFC 9591 SerializeElement: the 32-byte encoding; throws <see cref="InvalidOperationException"/> for the identity.</summary>
    public void Encode(Span<byte> destination) => _encoding.WriteElementEncoding(destination);

    /// <summary>RFC 9496 §4.4 addition (the identity, all zero, is a valid operand for libsodium).</summary>
    public static Ristretto255Point operator +(Ristretto255Point left, Ristretto255Point right)
    {
        var sum = default(Curve25519Bytes);
        Sodium.Ristretto255Add(sum, left._encoding, right._encoding);
        return new Ristretto255Point(sum);
    }

    public static Ristretto255Point operator -(Ristretto255Point left, Ristretto255Point right)
    {
        var difference = default(Curve25519Bytes);
        Sodium.Ristretto255Subtract(difference, left._encoding, right._encoding);
        return new Ristretto255Point(difference);
    }

    public static Ristretto255Point operator -(Ristretto255Point value) => Identity - value;

    /// <summary>[k]P by <c>crypto_scalarmult_ristretto255</c>, constant-time in k.</summary>
    public static Ristretto255Point operator *(Ristretto255Point point, Ed25519Scalar scalar)
    {
        var product = default(Curve25519Bytes);
        if (Sodium.Ristretto255ScalarMult(product, scalar.Bytes, point._encoding))
        {
            return new Ristretto255Point(product);
        }

        // P always decodes, so −1 reports an identity result: k = 0 or P the identity (the group has prime order).
        return scalar.IsZero || point.IsIdentity
            ? Identity
            : throw new CryptographicException("crypto_scalarmult_ristretto255 failed for a non-identity point and a non-zero scalar.");
    }

    public static bool operator ==(Ristretto255Point left, Ristretto255Point right) => left.Equals(right);

    public static bool operator !=(Ristretto255Point left, Ristretto255Point right) => !left.Equals(right);

    /// <summary>Encodings are canonical (RFC 9496 §4.3.2), so equal elements have equal bytes. Not constant-time.</summary>
    public bool Equals(Ristretto255Point other) => ((ReadOnlySpan<byte>)_encoding).SequenceEqual(other._encoding);

    public override bool Equals(object? obj) => obj is Ristretto255Point other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_encoding);
        return hash.ToHashCode();
    }

    /// <summary>The encoding in lowercase hex ("identity" for the identity).</summary>
    public override string ToString() => IsIdentity ? "identity" : Convert.ToHexStringLower(_encoding);
}
