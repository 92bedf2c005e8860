using Arcanum.Crypto.Aead;

namespace Arcanum.Crypto.Tests.Aead;

public sealed class ChaCha20Poly1305AeadTests
{
    /// <summary>Wycheproof chacha20_poly1305_test.json: the 96-bit-nonce group runs, the other nonce sizes are refused.</summary>
    [Fact]
    public void Wycheproof_ChaCha20Poly1305_EveryCaseHasItsExpectedOutcome() =>
        WycheproofAeadRunner.RunAll("chacha20_poly1305_test.json", key => new ChaCha20Poly1305Aead(key));

    [Fact]
    public void TryDecrypt_TamperedAssociatedData_ReturnsFalseAndZeroesPlaintext()
    {
        using var cipher = new ChaCha20Poly1305Aead(new byte[32]);
        var nonce = new byte[12];
        var ciphertext = new byte[5];
        var tag = new byte[16];
        cipher.Encrypt(nonce, "hello"u8, "header"u8, ciphertext, tag);
        var plaintext = new byte[5];

        Assert.True(cipher.TryDecrypt(nonce, ciphertext, tag, "header"u8, plaintext));
        Assert.Equal("hello"u8.ToArray(), plaintext);
        Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, "Header"u8, plaintext));
        Assert.Equal(new byte[5], plaintext);
    }

    [Fact]
    public void Encrypt_PlaintextAndCiphertextOfDifferentLength_Throws()
    {
        using var cipher = new ChaCha20Poly1305Aead(new byte[32]);

        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[12], new byte[4], [], new byte[5], new byte[16]));
    }

    [Fact]
    public void Dispose_ThenEncrypt_ThrowsObjectDisposed()
    {
        var cipher = new ChaCha20Poly1305Aead(new byte[32]);
        cipher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt(new byte[12], [], [], [], new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => cipher.TryDecrypt(new byte[12], [], new byte[16], [], []));
    }

    [Fact]
    public void ToString_Always_IsRedacted()
    {
        using var cipher = new ChaCha20Poly1305Aead(new byte[32]);

        Assert.Equal("[redacted]", cipher.ToString());
    }
}
