using System.Numerics;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An element of a prime-order group (secp256k1, the prime-order subgroup of edwards25519, or
/// ristretto255), generic enough for DKG, FROST, VSS and the proofs to be written once.
/// Values are immutable structs; <c>default</c> is the identity. Decoding is strict: it rejects
/// non-canonical encodings, points off the curve, small-order points and points outside the
/// prime-order subgroup, and the identity (RFC 9591 DeserializeElement). Encoding the identity
/// fails, as RFC 9591 SerializeElement requires.
/// </summary>
public interface IPoint<TSelf, TScalar> :
    IEquatable<TSelf>,
    IEqualityOperators<TSelf, TSelf, bool>,
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IUnaryNegationOperators<TSelf, TSelf>,
    IMultiplyOperators<TSelf, TScalar, TSelf>
    where TSelf : struct, IPoint<TSelf, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>Length of the canonical encoding (RFC 9591 Ne): 33 for secp256k1, 32 otherwise.</summary>
    static abstract int EncodedLength { get; }

    static abstract TSelf Identity { get; }

    static abstract TSelf Generator { get; }

    /// <summary>k·G. Constant-time in <paramref name="scalar"/>.</summary>
    static abstract TSelf MultiplyBase(TScalar scalar);

    /// <summary>Σ scalars[i]·points[i]; the spans must have equal length.</summary>
    static abstract TSelf MultiScalarMultiply(ReadOnlySpan<TScalar> scalars, ReadOnlySpan<TSelf> points);

    /// <summary>Strict decoding as described on the type; false for anything not a valid non-identity element.</summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> encoded, out TSelf point);

    bool IsIdentity { get; }

    /// <summary>Writes the canonical encoding; throws <see cref="InvalidOperationException"/> for the identity.</summary>
    void Encode(Span<byte> destination);
}
