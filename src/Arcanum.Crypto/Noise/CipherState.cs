using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// The CipherState object of Noise revision 34, §5.1: a key k (possibly empty) and a nonce n, with
/// ChaChaPoly (§12.3) — ChaCha20-Poly1305 of RFC 8439 with the 96-bit nonce 0x00000000 ‖ LE64(n) — as
/// ENCRYPT and DECRYPT. Ciphertexts are the encrypted bytes followed by the 16-byte tag. Not
/// thread-safe; zeroes its key on dispose.
/// </summary>
public sealed class CipherState : IDisposable
{
    /// <summary>The key length in bytes (§5.1, 32).</summary>
    public const int KeyLength = 32;

    /// <summary>The authentication tag length in bytes (§5: 16).</summary>
    public const int TagLength = 16;

    /// <summary>2^64 − 1, the nonce reserved for <see cref="Rekey"/> (§5.1, §11.3).</summary>
    private const ulong MaxNonce = ulong.MaxValue;

    private const int NonceLength = 12;

    private readonly byte[] _key = GC.AllocateArray<byte>(KeyLength, pinned: true);
    private ChaCha20Poly1305? _aead;
    private ulong _nonce;
    private bool _disposed;

    /// <summary>A CipherState with an empty key: encryption and decryption pass the data through.</summary>
    public CipherState()
    {
    }

    /// <summary>True when k is non-empty (§5.1 HasKey).</summary>
    public bool HasKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _aead is not null;
        }
    }

    /// <summary>The next nonce n.</summary>
    public ulong Nonce
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _nonce;
        }
    }

    /// <summary>§5.1 InitializeKey(key): k = key (exactly 32 bytes, copied), n = 0.</summary>
    public void InitializeKey(ReadOnlySpan<byte> key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A Noise cipher key is exactly {KeyLength} bytes.", nameof(key));
        }

        SetKey(key);
        _nonce = 0;
    }

    /// <summary>§5.1 SetNonce(nonce): sets n, for out-of-order transports that carry it (§11.4).</summary>
    public void SetNonce(ulong nonce)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _nonce = nonce;
    }

    /// <summary>
    /// §5.1 EncryptWithAd(ad, plaintext): with a key, writes ENCRYPT(k, n++, ad, plaintext) — the
    /// plaintext's length plus <see cref="TagLength"/> bytes — into <paramref name="ciphertext"/>; without
    /// a key, copies the plaintext. Returns <see cref="NoiseResult.NonceExhausted"/> once n reached
    /// 2^64 − 1. <paramref name="ciphertext"/> may start where <paramref name="plaintext"/> starts but must
    /// not otherwise overlap it.
    /// </summary>
    public NoiseResult EncryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        var length = plaintext.Length + (_aead is null ? 0 : TagLength);
        if (ciphertext.Length < length)
        {
            return NoiseResult.DestinationTooSmall;
        }

        if (_aead is null)
        {
            plaintext.CopyTo(ciphertext);
        }
        else
        {
            if (_nonce == MaxNonce)
            {
                return NoiseResult.NonceExhausted;
            }

            Span<byte> nonce = stackalloc byte[NonceLength];
            EncodeNonce(_nonce, nonce);
            _aead.Encrypt(nonce, plaintext, ciphertext[..plaintext.Length], ciphertext.Slice(plaintext.Length, TagLength), ad);
            _nonce++;
        }

        written = length;
        return NoiseResult.Success;
    }

    /// <summary>
    /// §5.1 DecryptWithAd(ad, ciphertext): with a key, writes DECRYPT(k, n, ad, ciphertext) into
    /// <paramref name="plaintext"/> and increments n; an authentication failure returns
    /// <see cref="NoiseResult.DecryptionFailed"/> and leaves n unchanged. Without a key, copies the
    /// ciphertext. <paramref name="plaintext"/> may start where <paramref name="ciphertext"/> starts but
    /// must not otherwise overlap it; on failure it is zeroed.
    /// </summary>
    public NoiseResult DecryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        if (_aead is null)
        {
            if (plaintext.Length < ciphertext.Length)
            {
                return NoiseResult.DestinationTooSmall;
            }

            ciphertext.CopyTo(plaintext);
            written = ciphertext.Length;
            return NoiseResult.Success;
        }

        if (ciphertext.Length < TagLength)
        {
            return NoiseResult.MessageTooShort;
        }

        var length = ciphertext.Length - TagLength;
        if (plaintext.Length < length)
        {
            return NoiseResult.DestinationTooSmall;
        }

        if (_nonce == MaxNonce)
        {
            return NoiseResult.NonceExhausted;
        }

        Span<byte> nonce = stackalloc byte[NonceLength];
        EncodeNonce(_nonce, nonce);
        try
        {
            _aead.Decrypt(nonce, ciphertext[..length], ciphertext[length..], plaintext[..length], ad);
        }
        catch (AuthenticationTagMismatchException)
        {
            return NoiseResult.DecryptionFailed;
        }

        _nonce++;
        written = length;
        return NoiseResult.Success;
    }

    /// <summary>
    /// §11.3 Rekey(): k = REKEY(k), where for ChaChaPoly REKEY(k) is the first 32 bytes of
    /// ENCRYPT(k, 2^64 − 1, zerolen, 32 zero bytes) (§4.2). The nonce is not reset.
    /// </summary>
    public void Rekey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_aead is null)
        {
            throw new InvalidOperationException("Rekey needs a key; this CipherState has none.");
        }

        Span<byte> nonce = stackalloc byte[NonceLength];
        Span<byte> newKey = stackalloc byte[KeyLength];
        Span<byte> tag = stackalloc byte[TagLength];
        EncodeNonce(MaxNonce, nonce);
        newKey.Clear();
        _aead.Encrypt(nonce, newKey, newKey, tag);
        SetKey(newKey);
        CryptographicOperations.ZeroMemory(newKey);
    }

    /// <summary>An independent copy (same k and n) that the caller owns and disposes.</summary>
    internal CipherState Clone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var copy = new CipherState { _nonce = _nonce };
        if (_aead is not null)
        {
            copy.SetKey(_key);
        }

        return copy;
    }

    /// <summary>Zeroes the key; every member throws <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        _aead?.Dispose();
        _aead = null;
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";

    private void SetKey(ReadOnlySpan<byte> key)
    {
        key.CopyTo(_key);
        _aead?.Dispose();
        _aead = new ChaCha20Poly1305(_key);
    }

    /// <summary>§12.3: 32 bits of zeros followed by the little-endian encoding of n.</summary>
    private static void EncodeNonce(ulong n, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], n);
    }
}
