using System.Security.Cryptography;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An X25519 public key: a 32-byte little-endian u-coordinate (RFC 7748 §5). Any 32 bytes are
/// accepted here, as RFC 7748 §5 requires of the decoding; keys that cannot yield a shared secret
/// (small order) are refused by <see cref="X25519.TryAgree"/>. Immutable.
/// </summary>
public sealed class X25519PublicKey : IEquatable<X25519PublicKey>
{
    /// <summary>The encoded length in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _bytes;

    private X25519PublicKey(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    /// <summary>Wraps a copy of <paramref name="bytes"/>, which must be exactly <see cref="Length"/> bytes.</summary>
    public static X25519PublicKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new X25519PublicKey(bytes)
            : throw new ArgumentException($"An X25519 public key is exactly {Length} bytes.", nameof(bytes));

    /// <summary>The 32 encoded bytes.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>A copy of the 32 encoded bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Byte-wise equality in constant time (a pinned key is compared with what a peer sent).</summary>
    public bool Equals(X25519PublicKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => Equals(obj as X25519PublicKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>The lowercase hexadecimal encoding.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
