using Arcanum.Crypto.Aead;

namespace Arcanum.Crypto.Tests.Aead;

public sealed class Aes256GcmAeadTests
{
    /// <summary>
    /// Wycheproof aes_gcm_test.json: the AES-256 / 96-bit IV / 128-bit tag groups run; AES-128 and
    /// AES-192 keys are refused by the constructor and other IV sizes by both operations.
    /// </summary>
    [Fact]
    public void Wycheproof_AesGcm_EveryCaseHasItsExpectedOutcome() =>
        WycheproofAeadRunner.RunAll("aes_gcm_test.json", key => new Aes256GcmAead(key));

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(33)]
    public void Constructor_KeyOtherThan32Bytes_Throws(int keyLength)
    {
        Assert.Throws<ArgumentException>(() => new Aes256GcmAead(new byte[keyLength]));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(15)]
    public void Encrypt_TruncatedTag_Throws(int tagLength)
    {
        using var cipher = new Aes256GcmAead(new byte[32]);

        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[12], [1, 2], [], new byte[2], new byte[tagLength]));
    }

    [Fact]
    public void TryDecrypt_FlippedCiphertextBit_ReturnsFalseAndZeroesPlaintext()
    {
        using var cipher = new Aes256GcmAead(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var nonce = new byte[12];
        var ciphertext = new byte[32];
        var tag = new byte[16];
        cipher.Encrypt(nonce, new byte[32], "share"u8, ciphertext, tag);
        ciphertext[7] ^= 1;
        var plaintext = Enumerable.Repeat((byte)0xEE, 32).ToArray();

        Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, "share"u8, plaintext));
        Assert.Equal(new byte[32], plaintext);
    }

    [Fact]
    public void ToString_Always_IsRedacted()
    {
        using var cipher = new Aes256GcmAead(new byte[32]);

        Assert.Equal("[redacted]", cipher.ToString());
    }
}
