using System.Security.Cryptography;

namespace Arcanum.Crypto.Aead;

/// <summary>
/// The one AEAD shape Arcanum uses: a 256-bit key, a 96-bit nonce and a 128-bit tag, detached
/// (ciphertext and tag in separate spans). Any other nonce or tag size is refused with
/// <see cref="ArgumentException"/> rather than passed through, so a truncated tag or an odd nonce
/// can never be used by mistake. Decryption failure is an expected outcome: <see cref="TryDecrypt"/>
/// returns false and leaves the plaintext buffer zeroed, so no unauthenticated byte is ever exposed.
/// </summary>
/// <remarks>
/// The key lives only inside the underlying .NET cipher object, which releases and clears it on
/// <see cref="Dispose()"/>; this wrapper keeps no copy of its own. After disposal every operation
/// throws <see cref="ObjectDisposedException"/>. Instances are not thread-safe. The caller owns
/// nonce uniqueness: never encrypt two messages under one key with the same nonce.
/// </remarks>
public abstract class AeadCipher : IDisposable
{
    /// <summary>The key length: 32 bytes.</summary>
    public const int KeySizeInBytes = 32;

    /// <summary>The nonce length: 12 bytes.</summary>
    public const int NonceSizeInBytes = 12;

    /// <summary>The tag length: 16 bytes.</summary>
    public const int TagSizeInBytes = 16;

    private bool _disposed;

    private protected AeadCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"The key must be {KeySizeInBytes} bytes, not {key.Length}.", nameof(key));
        }
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length) and writes
    /// the tag authenticating it and <paramref name="associatedData"/>.
    /// </summary>
    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData,
        Span<byte> ciphertext, Span<byte> tag)
    {
        CheckArguments(nonce, tag.Length, plaintext.Length, ciphertext.Length);
        EncryptCore(nonce, plaintext, associatedData, ciphertext, tag);
    }

    /// <summary>
    /// Verifies <paramref name="tag"/> over <paramref name="ciphertext"/> and <paramref name="associatedData"/>
    /// and decrypts into <paramref name="plaintext"/> (same length). Returns false when authentication
    /// fails; <paramref name="plaintext"/> is then all zeros.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        CheckArguments(nonce, tag.Length, plaintext.Length, ciphertext.Length);
        try
        {
            DecryptCore(nonce, ciphertext, tag, associatedData, plaintext);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    public override string ToString() => "[redacted]";

    /// <summary>Disposes the underlying cipher, which clears the key it holds.</summary>
    protected virtual void Dispose(bool disposing) => _disposed = true;

    private protected abstract void EncryptCore(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag);

    /// <summary>Throws <see cref="AuthenticationTagMismatchException"/> when the tag does not verify.</summary>
    private protected abstract void DecryptCore(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext);

    private void CheckArguments(ReadOnlySpan<byte> nonce, int tagLength, int plaintextLength, int ciphertextLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (nonce.Length != NonceSizeInBytes)
        {
            throw new ArgumentException($"The nonce must be {NonceSizeInBytes} bytes, not {nonce.Length}.", nameof(nonce));
        }

        if (tagLength != TagSizeInBytes)
        {
            throw new ArgumentException($"The tag must be {TagSizeInBytes} bytes, not {tagLength}.", "tag");
        }

        if (plaintextLength != ciphertextLength)
        {
            throw new ArgumentException("The plaintext and the ciphertext must have the same length.", "ciphertext");
        }
    }
}
