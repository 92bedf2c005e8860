using System.Security.Cryptography;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// An X25519 private key: 32 random bytes, clamped by the scalar multiplication itself (RFC 7748 §5,
/// decodeScalar25519), so every 32-byte string is a valid key. The bytes live in a pinned array that
/// is zeroed on dispose; they are not exportable.
/// </summary>
public sealed class X25519PrivateKey : IDisposable
{
    /// <summary>The encoded length in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _secret = GC.AllocateArray<byte>(Length, pinned: true);
    private readonly X25519PublicKey _publicKey;
    private bool _disposed;

    private X25519PrivateKey(ReadOnlySpan<byte> secret)
    {
        secret.CopyTo(_secret);
        Span<byte> publicKey = stackalloc byte[X25519PublicKey.Length];
        Interop.Interop.Sodium.ScalarMultCurve25519Base(publicKey, _secret);
        _publicKey = X25519PublicKey.FromBytes(publicKey);
    }

    /// <summary>The public key X25519(k, 9) (RFC 7748 §6.1).</summary>
    public X25519PublicKey PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _publicKey;
        }
    }

    /// <summary>The 32 secret bytes, for the key agreement inside this assembly.</summary>
    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>A new key of 32 bytes drawn from <paramref name="rng"/> (RFC 7748 §6.1).</summary>
    public static X25519PrivateKey Generate(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> secret = stackalloc byte[Length];
        try
        {
            rng.GetBytes(secret);
            return new X25519PrivateKey(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The key whose 32 bytes are <paramref name="secret"/> (copied; the caller zeroes its own copy).</summary>
    public static X25519PrivateKey FromBytes(ReadOnlySpan<byte> secret) =>
        secret.Length == Length
            ? new X25519PrivateKey(secret)
            : throw new ArgumentException($"An X25519 private key is exactly {Length} bytes.", nameof(secret));

    /// <summary>An independent copy that the caller owns and disposes.</summary>
    internal X25519PrivateKey Clone() => new(Secret);

    /// <summary>Zeroes the secret bytes; every member throws <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";
}
