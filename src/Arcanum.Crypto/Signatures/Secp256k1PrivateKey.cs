using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Interop;
using Arcanum.Crypto.SafeHandles;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Signatures;

/// <summary>
/// A whole secp256k1 secret key d ∈ [1, n − 1] (for single-party keys: node identities, tests,
/// chain fixtures — threshold keys never exist whole). The 32 bytes live in a pinned array that is
/// zeroed on <see cref="Dispose"/>; any use after that throws <see cref="ObjectDisposedException"/>.
/// The key cannot be exported and prints as "[redacted]". Signs ECDSA (RFC 6979) and BIP340,
/// applies the BIP341 taproot tweak and computes ECDH. Not safe to dispose while another thread uses it.
/// </summary>
public sealed class Secp256k1PrivateKey : IDisposable
{
    /// <summary>The secret key is 32 bytes big-endian.</summary>
    public const int Length = Native.SecretKeyLength;

    /// <summary>Length of an ECDH shared secret (hashed or raw x coordinate).</summary>
    public const int SharedSecretLength = 32;

    private readonly byte[] _secret;
    private readonly Secp256k1Point _publicKey;
    private readonly Secp256k1XOnlyPublicKey _xOnlyPublicKey;
    private bool _disposed;

    private Secp256k1PrivateKey(byte[] secret, in Native.PublicKey publicKey)
    {
        _secret = secret;
        _publicKey = new Secp256k1Point(publicKey);
        _xOnlyPublicKey = Secp256k1XOnlyPublicKey.FromPoint(_publicKey, out _);
    }

    /// <summary>Q = d·G.</summary>
    public Secp256k1Point PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _publicKey;
        }
    }

    /// <summary>The BIP340 x-only public key of d (the even-y form of Q).</summary>
    public Secp256k1XOnlyPublicKey XOnlyPublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _xOnlyPublicKey;
        }
    }

    private static Secp256k1ContextHandle Context => Secp256k1ContextHandle.Default;

    /// <summary>Imports 32 big-endian bytes; false if they are not an integer in [1, n − 1].</summary>
    public static bool TryImport(ReadOnlySpan<byte> secretKey, [NotNullWhen(true)] out Secp256k1PrivateKey? key)
    {
        key = null;
        if (secretKey.Length != Length)
        {
            return false;
        }

        var secret = GC.AllocateArray<byte>(Length, pinned: true);
        secretKey.CopyTo(secret);
        if (!Native.TryCreatePublicKey(Context, secret, out var publicKey))
        {
            CryptographicOperations.ZeroMemory(secret);
            return false;
        }

        key = new Secp256k1PrivateKey(secret, publicKey);
        return true;
    }

    /// <summary>Imports 32 big-endian bytes; throws <see cref="ArgumentException"/> if they are not an integer in [1, n − 1].</summary>
    public static Secp256k1PrivateKey Import(ReadOnlySpan<byte> secretKey) =>
        TryImport(secretKey, out var key)
            ? key
            : throw new ArgumentException("A secp256k1 secret key is 32 big-endian bytes of an integer in [1, n − 1].", nameof(secretKey));

    /// <summary>A uniformly random key from the injected generator.</summary>
    public static Secp256k1PrivateKey Generate(RandomNumberGenerator rng)
    {
        Span<byte> secret = stackalloc byte[Length];
        try
        {
            Secp256k1Scalar.Random(rng).Encode(secret);
            return Import(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Signs a 32-byte message hash with ECDSA: nonce by RFC 6979 (HMAC-SHA256, libsecp256k1's
    /// default), s normalised to the low half. Writes r ‖ s (64 bytes) and returns the recovery id
    /// (0–3) for <see cref="Secp256k1Ecdsa.TryRecover"/>.
    /// </summary>
    /// <param name="messageHash">The 32-byte hash being signed.</param>
    /// <param name="signature">Receives the 64-byte compact signature.</param>
    /// <param name="extraEntropy">
    /// Empty, or 32 bytes mixed into the nonce as RFC 6979 §3.6 additional data k′ (hedged signing).
    /// </param>
    public int SignEcdsa(ReadOnlySpan<byte> messageHash, Span<byte> signature, ReadOnlySpan<byte> extraEntropy = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Secp256k1Ecdsa.RequireDestination(signature, Secp256k1Ecdsa.SignatureLength);
        Native.SignRecoverable(Context, messageHash, _secret, extraEntropy, out var recoverable);
        return Native.SerializeRecoverableSignature(Context, in recoverable, signature[..Secp256k1Ecdsa.SignatureLength]);
    }

    /// <summary>BIP340 Sign with 32 bytes of aux_rand drawn from <paramref name="rng"/> (BIP340 "Default Signing").</summary>
    public void SignSchnorr(ReadOnlySpan<byte> message, Span<byte> signature, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> auxRand = stackalloc byte[Native.AuxRandLength];
        try
        {
            rng.GetBytes(auxRand);
            SignSchnorr(message, signature, auxRand);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(auxRand);
        }
    }

    /// <summary>
    /// BIP340 Sign(sk, m, a) for a message of any length with the given 32-byte aux_rand. As BIP340
    /// requires, the signature is verified before it is returned (libsecp256k1 leaves that to the caller).
    /// </summary>
    public void SignSchnorr(ReadOnlySpan<byte> message, Span<byte> signature, ReadOnlySpan<byte> auxRand)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Secp256k1Ecdsa.RequireDestination(signature, Secp256k1XOnlyPublicKey.SignatureLength);
        if (auxRand.Length != Native.AuxRandLength)
        {
            throw new ArgumentException($"BIP340 aux_rand is {Native.AuxRandLength} bytes.", nameof(auxRand));
        }

        var output = signature[..Secp256k1XOnlyPublicKey.SignatureLength];
        CreateKeypair(out var keypair);
        try
        {
            Native.SignSchnorr(Context, message, in keypair, auxRand, output);
        }
        finally
        {
            ClearKeypair(ref keypair);
        }

        if (!_xOnlyPublicKey.Verify(message, output))
        {
            output.Clear();
            throw new Secp256k1Exception("A freshly made BIP340 signature failed verification (BIP340 Sign, final step).");
        }
    }

    /// <summary>
    /// BIP341 taproot_tweak_seckey: d′ = (d if d·G has even y, else n − d) + t mod n, whose x-only
    /// public key is this key's x-only key tweaked by t. False if t ≥ n or d′ = 0.
    /// </summary>
    public bool TryTweakXOnly(ReadOnlySpan<byte> tweak, [NotNullWhen(true)] out Secp256k1PrivateKey? tweaked)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        tweaked = null;
        if (tweak.Length != 32)
        {
            return false;
        }

        CreateKeypair(out var keypair);
        Span<byte> secret = stackalloc byte[Length];
        try
        {
            if (!Native.TryTweakAddKeypair(Context, ref keypair, tweak))
            {
                return false;
            }

            Native.KeypairSecretKey(Context, in keypair, secret);
            return TryImport(secret, out tweaked);
        }
        finally
        {
            ClearKeypair(ref keypair);
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// ECDH as libsecp256k1 defines it by default: SHA-256 of the compressed shared point d·P
    /// (02/03 ‖ x), computed in constant time. Writes 32 bytes.
    /// </summary>
    public void DeriveSharedSecret(Secp256k1Point peer, Span<byte> destination)
    {
        var peerKey = RequireEcdhPeer(peer, destination);
        if (!Native.TryEcdhSha256(Context, in peerKey, _secret, destination[..SharedSecretLength]))
        {
            throw new Secp256k1Exception("secp256k1_ecdh rejected a validated secret key.");
        }
    }

    /// <summary>
    /// ECDH as SEC1 §3.3.1 (ECSVDP-DH) defines it: the 32-byte x coordinate of d·P, computed in
    /// constant time. This is the raw value other libraries call the shared secret; hash it with a
    /// KDF before use.
    /// </summary>
    public void DeriveSharedXCoordinate(Secp256k1Point peer, Span<byte> destination)
    {
        var peerKey = RequireEcdhPeer(peer, destination);
        Span<byte> coordinates = stackalloc byte[Native.CoordinatesLength];
        try
        {
            if (!Native.TryEcdhCoordinates(Context, in peerKey, _secret, coordinates))
            {
                throw new Secp256k1Exception("secp256k1_ecdh rejected a validated secret key.");
            }

            coordinates[..SharedSecretLength].CopyTo(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coordinates);
        }
    }

    /// <summary>Zeroes the secret key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_secret);
            _disposed = true;
        }
    }

    public override string ToString() => "[redacted]";

    private static void ClearKeypair(ref Native.Keypair keypair) => CryptographicOperations.ZeroMemory(keypair);

    private Native.PublicKey RequireEcdhPeer(Secp256k1Point peer, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Secp256k1Ecdsa.RequireDestination(destination, SharedSecretLength);
        return peer.IsIdentity
            ? throw new ArgumentException("ECDH with the identity has no shared point.", nameof(peer))
            : peer.NativeKey;
    }

    private void CreateKeypair(out Native.Keypair keypair)
    {
        if (!Native.TryCreateKeypair(Context, _secret, out keypair))
        {
            throw new Secp256k1Exception("secp256k1_keypair_create rejected a validated secret key.");
        }
    }
}
