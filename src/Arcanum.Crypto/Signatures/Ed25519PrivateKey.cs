using System.Security.Cryptography;
using Arcanum.Crypto.SafeHandles;
using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Signatures;

/// <summary>
/// An Ed25519 signing key (RFC 8032 §5.1.5) for pure Ed25519. The secret — libsodium's 64-byte
/// seed ‖ public key — lives in guarded memory from <c>sodium_malloc</c>, which is zeroed and released
/// on <see cref="Dispose"/>; every transient copy is zeroed. The seed leaves the object only through
/// the explicit <see cref="ExportSeed"/>.
/// </summary>
public sealed class Ed25519PrivateKey : IDisposable
{
    /// <summary>Length of the seed (the RFC 8032 private key).</summary>
    public const int SeedLength = 32;

    private readonly SodiumSecretHandle _secretKey;

    private Ed25519PrivateKey(SodiumSecretHandle secretKey, Ed25519PublicKey publicKey)
    {
        _secretKey = secretKey;
        PublicKey = publicKey;
    }

    public Ed25519PublicKey PublicKey { get; }

    /// <summary>Derives the key pair from a 32-byte seed (<c>crypto_sign_ed25519_seed_keypair</c>, RFC 8032 §5.1.5).</summary>
    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedLength} bytes long.", nameof(seed));
        }

        var secretKey = SodiumSecretHandle.Allocate(Sodium.Ed25519SecretKeyBytes);
        try
        {
            Span<byte> publicKey = stackalloc byte[Ed25519PublicKey.Length];
            Sodium.Ed25519SeedKeypair(publicKey, secretKey, seed);
            return new Ed25519PrivateKey(secretKey, Ed25519PublicKey.FromBytes(publicKey));
        }
        catch
        {
            secretKey.Dispose();
            throw;
        }
    }

    /// <summary>A fresh key pair from a 32-byte seed drawn from <paramref name="rng"/>.</summary>
    public static Ed25519PrivateKey Generate(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> seed = stackalloc byte[SeedLength];
        try
        {
            rng.GetBytes(seed);
            return FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Writes the 64-byte signature R ‖ S of <paramref name="message"/> (RFC 8032 §5.1.6, deterministic).</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_secretKey.IsClosed, this);
        if (signature.Length != Ed25519PublicKey.SignatureLength)
        {
            throw new ArgumentException($"An Ed25519 signature is {Ed25519PublicKey.SignatureLength} bytes long.", nameof(signature));
        }

        Sodium.Ed25519SignDetached(signature, message, _secretKey);
    }

    /// <summary>The 64-byte signature R ‖ S of <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Ed25519PublicKey.SignatureLength];
        Sign(message, signature);
        return signature;
    }

    /// <summary>Copies the 32-byte seed out, for sealing into storage; the caller owns and must zero the copy.</summary>
    public void ExportSeed(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_secretKey.IsClosed, this);
        if (destination.Length != SeedLength)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedLength} bytes long.", nameof(destination));
        }

        Sodium.Ed25519SecretKeyToSeed(destination, _secretKey);
    }

    /// <summary>Zeroes and frees the secret key; later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _secretKey.Dispose();

    public override string ToString() => "[redacted]";
}
