using System.Security.Cryptography;

namespace Arcanum.Crypto.Aead;

/// <summary>
/// AES-256-GCM (NIST SP 800-38D) through .NET's <see cref="AesGcm"/>, with the policy of
/// <see cref="AeadCipher"/>: 32-byte key (AES-128 and AES-192 are refused), 12-byte nonce (the
/// SP 800-38D §8.2.1 deterministic IV length; GHASH-derived IVs of other lengths are refused),
/// 16-byte tag.
/// </summary>
public sealed class Aes256GcmAead : AeadCipher
{
    private readonly AesGcm _cipher;

    /// <summary>Creates the cipher for a 32-byte <paramref name="key"/>; the key is copied into the platform cipher.</summary>
    public Aes256GcmAead(ReadOnlySpan<byte> key)
        : base(key) => _cipher = new AesGcm(key, TagSizeInBytes);

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
