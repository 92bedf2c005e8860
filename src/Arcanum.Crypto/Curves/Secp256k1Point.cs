using System.Security.Cryptography;
using Arcanum.Crypto.Interop;
using Arcanum.Crypto.SafeHandles;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// A point of the secp256k1 group (SEC 2 §2.4.1; prime order n, cofactor 1), held as libsecp256k1's
/// opaque 64-byte <c>secp256k1_pubkey</c> plus a flag, so that <c>default</c> is the identity (the
/// point at infinity, which the library cannot represent and is never handed). The identity is
/// handled here: P + O, O + P, P + (−P), k·O and 0·P. Group operations run in libsecp256k1:
/// k·G through <c>ec_pubkey_create</c>, k·P through the constant-time <c>secp256k1_ecdh</c>
/// multiplication, sums through <c>ec_pubkey_combine</c>. The canonical encoding is SEC1 §2.3.3
/// compressed (33 bytes: 02/03 ‖ x), which is RFC 9591 SerializeElement for secp256k1.
/// </summary>
public readonly struct Secp256k1Point : IPoint<Secp256k1Point, Secp256k1Scalar>
{
    /// <summary>Ne: SEC1 compressed encoding, 02 or 03 followed by x.</summary>
    public const int CompressedLength = Native.CompressedPublicKeyLength;

    /// <summary>SEC1 uncompressed encoding, 04 ‖ x ‖ y.</summary>
    public const int UncompressedLength = Native.UncompressedPublicKeyLength;

    private static readonly Lazy<Secp256k1Point> GeneratorPoint = new(() => MultiplyBase(Secp256k1Scalar.One));

    private readonly Native.PublicKey _key;
    private readonly bool _isValid;

    internal Secp256k1Point(in Native.PublicKey key)
    {
        _key = key;
        _isValid = true;
    }

    public static int EncodedLength => CompressedLength;

    public static Secp256k1Point Identity => default;

    /// <summary>G from SEC 2 §2.4.1.</summary>
    public static Secp256k1Point Generator => GeneratorPoint.Value;

    public bool IsIdentity => !_isValid;

    /// <summary>The library's representation, for the signature types; the identity has none.</summary>
    internal Native.PublicKey NativeKey => _isValid
        ? _key
        : throw new InvalidOperationException("The identity has no libsecp256k1 representation.");

    private static Secp256k1ContextHandle Context => Secp256k1ContextHandle.Default;

    /// <summary>k·G with libsecp256k1's blinded, constant-time generator multiplication; 0·G is the identity.</summary>
    public static Secp256k1Point MultiplyBase(Secp256k1Scalar scalar)
    {
        if (scalar.IsZero)
        {
            return Identity;
        }

        Span<byte> secret = stackalloc byte[Secp256k1Scalar.Length];
        try
        {
            scalar.Encode(secret);
            return Native.TryCreatePublicKey(Context, secret, out var key)
                ? new Secp256k1Point(key)
                : throw new Secp256k1Exception("secp256k1_ec_pubkey_create rejected a reduced non-zero scalar.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Σ scalars[i]·points[i], computed as the sum of the constant-time products. The spans must
    /// have equal length; an empty sum is the identity.
    /// </summary>
    public static Secp256k1Point MultiScalarMultiply(ReadOnlySpan<Secp256k1Scalar> scalars, ReadOnlySpan<Secp256k1Point> points)
    {
        if (scalars.Length != points.Length)
        {
            throw new ArgumentException("Every point needs exactly one scalar.", nameof(points));
        }

        Span<Native.PublicKey> terms = points.Length <= 8 ? stackalloc Native.PublicKey[points.Length] : new Native.PublicKey[points.Length];
        var count = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var term = points[i] * scalars[i];
            if (!term.IsIdentity)
            {
                terms[count++] = term._key;
            }
        }

        return Sum(terms[..count]);
    }

    /// <summary>
    /// RFC 9591 DeserializeElement: exactly 33 bytes, prefix 02 or 03, x below p, and a point on
    /// the curve with that x. Everything else — the identity, uncompressed or hybrid forms, other
    /// lengths — returns false.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Secp256k1Point point)
    {
        point = Identity;
        if (encoded.Length != CompressedLength || (encoded[0] != 0x02 && encoded[0] != 0x03))
        {
            return false;
        }

        return TryParse(encoded, out point);
    }

    /// <summary>
    /// Like <see cref="TryDecode"/>, but also accepts the 65-byte SEC1 uncompressed form (04 ‖ x ‖ y
    /// with both coordinates below p and on the curve), for importing keys from other systems.
    /// The hybrid forms 06/07 that libsecp256k1 would parse are refused.
    /// </summary>
    public static bool TryDecodeAny(ReadOnlySpan<byte> encoded, out Secp256k1Point point)
    {
        if (encoded.Length == UncompressedLength && encoded[0] == 0x04)
        {
            return TryParse(encoded, out point);
        }

        return TryDecode(encoded, out point);
    }

    /// <summary>RFC 9591 SerializeElement: the 33-byte compressed encoding. The identity has none and throws.</summary>
    public void Encode(Span<byte> destination) => Serialize(destination, CompressedLength);

    /// <summary>The 65-byte SEC1 uncompressed encoding 04 ‖ x ‖ y. The identity has none and throws.</summary>
    public void EncodeUncompressed(Span<byte> destination) => Serialize(destination, UncompressedLength);

    public bool Equals(Secp256k1Point other)
    {
        if (IsIdentity || other.IsIdentity)
        {
            return IsIdentity == other.IsIdentity;
        }

        Span<byte> mine = stackalloc byte[CompressedLength];
        Span<byte> theirs = stackalloc byte[CompressedLength];
        Encode(mine);
        other.Encode(theirs);
        return CryptographicOperations.FixedTimeEquals(mine, theirs);
    }

    public override bool Equals(object? obj) => obj is Secp256k1Point other && Equals(other);

    public override int GetHashCode()
    {
        if (IsIdentity)
        {
            return 0;
        }

        Span<byte> encoded = stackalloc byte[CompressedLength];
        Encode(encoded);
        var hash = new HashCode();
        hash.AddBytes(encoded);
        return hash.ToHashCode();
    }

    /// <summary>The compressed encoding in lower-case hex, or "identity".</summary>
    public override string ToString()
    {
        if (IsIdentity)
        {
            return "identity";
        }

        Span<byte> encoded = stackalloc byte[CompressedLength];
        Encode(encoded);
        return Convert.ToHexStringLower(encoded);
    }

    public static bool operator ==(Secp256k1Point left, Secp256k1Point right) => left.Equals(right);

    public static bool operator !=(Secp256k1Point left, Secp256k1Point right) => !left.Equals(right);

    public static Secp256k1Point operator +(Secp256k1Point left, Secp256k1Point right)
    {
        if (left.IsIdentity)
        {
            return right;
        }

        if (right.IsIdentity)
        {
            return left;
        }

        return Sum([left._key, right._key]);
    }

    public static Secp256k1Point operator -(Secp256k1Point left, Secp256k1Point right) => left + -right;

    public static Secp256k1Point operator -(Secp256k1Point value)
    {
        if (value.IsIdentity)
        {
            return value;
        }

        var key = value._key;
        Native.NegatePublicKey(Context, ref key);
        return new Secp256k1Point(key);
    }

    /// <summary>
    /// k·P in constant time: <c>secp256k1_ecdh</c> (the library's <c>ecmult_const</c>) with a hash
    /// function that returns the affine point, re-parsed as 04 ‖ x ‖ y. Not
    /// <c>ec_pubkey_tweak_mul</c>, which uses the variable-time verification multiplier.
    /// Since n is prime, k·P is the identity only for k = 0 or P = O.
    /// </summary>
    public static Secp256k1Point operator *(Secp256k1Point point, Secp256k1Scalar scalar)
    {
        if (point.IsIdentity || scalar.IsZero)
        {
            return Identity;
        }

        Span<byte> secret = stackalloc byte[Secp256k1Scalar.Length];
        Span<byte> uncompressed = stackalloc byte[UncompressedLength];
        try
        {
            scalar.Encode(secret);
            uncompressed[0] = 0x04;
            if (!Native.TryEcdhCoordinates(Context, in point._key, secret, uncompressed[1..]))
            {
                throw new Secp256k1Exception("secp256k1_ecdh rejected a reduced non-zero scalar.");
            }

            return TryParse(uncompressed, out var product)
                ? product
                : throw new Secp256k1Exception("secp256k1_ecdh returned a point that does not parse.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(uncompressed);
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> encoded, out Secp256k1Point point)
    {
        if (Native.TryParsePublicKey(Context, encoded, out var key))
        {
            point = new Secp256k1Point(key);
            return true;
        }

        point = Identity;
        return false;
    }

    /// <summary>The sum of non-identity terms; the library reports a sum at infinity as failure, which is the identity here.</summary>
    private static Secp256k1Point Sum(ReadOnlySpan<Native.PublicKey> terms)
    {
        if (terms.IsEmpty)
        {
            return Identity;
        }

        return Native.TryCombinePublicKeys(Context, terms, out var sum) ? new Secp256k1Point(sum) : Identity;
    }

    private void Serialize(Span<byte> destination, int length)
    {
        if (IsIdentity)
        {
            throw new InvalidOperationException("The identity has no SEC1 encoding (RFC 9591 SerializeElement fails for it).");
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination must hold {length} bytes.", nameof(destination));
        }

        Native.SerializePublicKey(Context, in _key, destination[..length], compressed: length == CompressedLength);
    }
}
