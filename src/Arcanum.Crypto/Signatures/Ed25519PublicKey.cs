using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Signatures;

/// <summary>
/// An Ed25519 public key A (RFC 8032 §5.1.5): 32 bytes, verified with libsodium's strict rules.
/// Construction only checks the length; whether the bytes are an acceptable key is decided by
/// <see cref="Verify"/>, which refuses every signature under a non-canonical or small-order key.
/// </summary>
public sealed class Ed25519PublicKey : IEquatable<Ed25519PublicKey>
{
    public const int Length = 32;

    /// <summary>Length of a signature R ‖ S.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _bytes;

    private Ed25519PublicKey(byte[] bytes) => _bytes = bytes;

    /// <summary>The 32-byte encoding.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Wraps a 32-byte encoded public key; throws <see cref="ArgumentException"/> for any other length.</summary>
    public static Ed25519PublicKey FromBytes(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Length)
        {
            throw new ArgumentException($"An Ed25519 public key is {Length} bytes long.", nameof(publicKey));
        }

        return new Ed25519PublicKey(publicKey.ToArray());
    }

    /// <summary>
    /// Verifies a pure Ed25519 signature (RFC 8032 §5.1.7) with <c>crypto_sign_ed25519_verify_detached</c>.
    /// libsodium is stricter than RFC 8032 requires and checks the equation without the cofactor:
    /// it rejects S ≥ ℓ (non-canonical S), an R or A that is a small-order point (in any encoding,
    /// canonical or not), an A whose y is ≥ p (non-canonical A), an A that is not on the curve, and an R
    /// that is not the canonical encoding of [S]B − [k]A (so a non-canonical R never verifies); it
    /// verifies [S]B = R + [k]A exactly, so a signature that holds only up to a small-order component
    /// fails. An A with both a prime-order and a small-order component is not refused as such.
    /// Returns false for a signature of the wrong length.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && Sodium.Ed25519VerifyDetached(signature, message, _bytes);

    public bool Equals(Ed25519PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as Ed25519PublicKey);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>The key in lowercase hex.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
