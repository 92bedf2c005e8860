using System.Security.Cryptography;

namespace Arcanum.Crypto.Aead;

/// <summary>
/// ChaCha20-Poly1305 (RFC 8439 §2.8) through .NET's <see cref="ChaCha20Poly1305"/>, with the
/// policy of <see cref="AeadCipher"/>: 32-byte key, 12-byte nonce, 16-byte tag.
/// </summary>
public sealed class ChaCha20Poly1305Aead : AeadCipher
{
    private readonly ChaCha20Poly1305 _cipher;

    /// <summary>Creates the cipher for a 32-byte <paramref name="key"/>; the key is copied into the platform cipher.</summary>
    public ChaCha20Poly1305Aead(ReadOnlySpan<byte> key)
        : base(key) => _cipher = new ChaCha20Poly1305(key);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cipher.Dispose();
        }

        base.Dispose(disposing);
    }

    private protected override void EncryptCore(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag) =>
        _cipher.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);

    private protected override void DecryptCore(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext) =>
        _cipher.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
}
