using System.Numerics;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An element of the scalar field Z/qZ of a prime-order group (secp256k1's n, or ed25519's and
/// ristretto255's ℓ). Implementations are small value types with inline storage, so arithmetic
/// allocates nothing and intermediate secrets live on the stack, not the GC heap. A type that
/// <i>holds</i> a secret scalar (a share, a nonce, a private key) is a class that zeroes its field
/// on dispose (CONVENTIONS 6). All operations are constant-time in the scalar values; equality
/// compares in constant time.
/// </summary>
public interface IScalar<TSelf> :
    IEquatable<TSelf>,
    IEqualityOperators<TSelf, TSelf, bool>,
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>,
    IUnaryNegationOperators<TSelf, TSelf>
    where TSelf : struct, IScalar<TSelf>
{
    /// <summary>Length of the canonical encoding (RFC 9591 Ns): 32 for every supported group.</summary>
    static abstract int EncodedLength { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    /// <summary>The scalar whose value is <paramref name="value"/> (always smaller than q).</summary>
    static abstract TSelf FromUInt64(ulong value);

    /// <summary>A uniformly random non-zero scalar from the injected generator.</summary>
    static abstract TSelf Random(RandomNumberGenerator rng);

    /// <summary>
    /// Decodes the canonical encoding (RFC 9591 DeserializeScalar): exactly
    /// <see cref="EncodedLength"/> bytes of a value smaller than q. Anything else returns false.
    /// </summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> encoded, out TSelf scalar);

    /// <summary>
    /// Hashes to a scalar the way RFC 9591 defines H1/H3/H4/H5 for this group, with
    /// <paramref name="domain"/> as the full domain-separation prefix (contextString ‖ tag):
    /// for ed25519 and ristretto255, SHA-512(domain ‖ message) read little-endian mod ℓ; for
    /// secp256k1, hash_to_field from RFC 9380 §5.2 with expand_message_xmd(SHA-256), DST = domain,
    /// L = 48, read big-endian mod n.
    /// </summary>
    static abstract TSelf HashToScalar(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> message);

    bool IsZero { get; }

    /// <summary>Writes the canonical encoding (RFC 9591 SerializeScalar).</summary>
    void Encode(Span<byte> destination);

    /// <summary>The multiplicative inverse; throws <see cref="InvalidOperationException"/> for zero.</summary>
    TSelf Invert();
}
