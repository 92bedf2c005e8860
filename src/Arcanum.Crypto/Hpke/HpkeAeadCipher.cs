using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// The AEAD of an HPKE context (RFC 9180 §5.2, §7.3): Seal returns ct ‖ tag, Open verifies and decrypts.
/// Built on .NET's <see cref="AesGcm"/> and <see cref="ChaCha20Poly1305"/> directly rather than on
/// <see cref="Aead.AeadCipher"/>, whose fixed 32-byte key leaves out the AES-128-GCM of RFC 9180 A.1.
/// The key lives only inside the .NET cipher object, which clears it on dispose.
/// </summary>
internal abstract class HpkeAeadCipher : IDisposable
{
    /// <summary>The cipher for <paramref name="aead"/> keyed with <paramref name="key"/> (Nk bytes).</summary>
    internal static HpkeAeadCipher Create(HpkeAead aead, ReadOnlySpan<byte> key) => aead switch
    {
        HpkeAead.Aes128Gcm or HpkeAead.Aes256Gcm => new AesGcmCipher(key),
        HpkeAead.ChaCha20Poly1305 => new ChaChaCipher(key),
        _ => throw new ArgumentOutOfRangeException(nameof(aead), aead, "Not an AEAD this HPKE implements."),
    };

    /// <summary>Seal(key, nonce, aad, pt): the ciphertext followed by the Nt-byte tag.</summary>
    internal byte[] Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[plaintext.Length + HpkeSuite.TagLength];
        Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), aad);
        return output;
    }

    /// <summary>Open(key, nonce, aad, ct ‖ tag): the plaintext, or an error and no plaintext at all.</summary>
    internal bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext,
        [NotNullWhen(true)] out byte[]? plaintext, out HpkeError error)
    {
        plaintext = null;
        if (ciphertext.Length < HpkeSuite.TagLength)
        {
            error = HpkeError.CiphertextTooShort;
            return false;
        }

        var length = ciphertext.Length - HpkeSuite.TagLength;
        var output = new byte[length];
        try
        {
            Decrypt(nonce, ciphertext[..length], ciphertext[length..], output, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(output);
            error = HpkeError.DecryptionFailed;
            return false;
        }

        plaintext = output;
        error = HpkeError.None;
        return true;
    }

    public abstract void Dispose();

    private protected abstract void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> aad);

    /// <summary>Throws <see cref="AuthenticationTagMismatchException"/> when the tag does not verify.</summary>
    private protected abstract void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad);

    private sealed class AesGcmCipher(ReadOnlySpan<byte> key) : HpkeAeadCipher
    {
        private readonly AesGcm _cipher = new(key, HpkeSuite.TagLength);

        public override void Dispose() => _cipher.Dispose();

        private protected override void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> aad) =>
            _cipher.Encrypt(nonce, plaintext, ciphertext, tag, aad);

        private protected override void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad) =>
            _cipher.Decrypt(nonce, ciphertext, tag, plaintext, aad);
    }

    private sealed class ChaChaCipher(ReadOnlySpan<byte> key) : HpkeAeadCipher
    {
        private readonly ChaCha20Poly1305 _cipher = new(key);

        public override void Dispose() => _cipher.Dispose();

        private protected override void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> aad) =>
            _cipher.Encrypt(nonce, plaintext, ciphertext, tag, aad);

        private protected override void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad) =>
            _cipher.Decrypt(nonce, ciphertext, tag, plaintext, aad);
    }
}
