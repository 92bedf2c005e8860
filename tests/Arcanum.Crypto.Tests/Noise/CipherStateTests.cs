using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

/// <summary>CipherState against .NET's ChaCha20-Poly1305 used directly as in revision 34, §12.3.</summary>
public sealed class CipherStateTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    [Fact]
    public void EncryptWithAd_Nonce_IsFourZeroBytesThenLittleEndianCounter()
    {
        using var cipher = Keyed(nonce: 0x0102030405060708);
        var actual = new byte[5 + CipherState.TagLength];

        Assert.Equal(NoiseResult.Success, cipher.EncryptWithAd("ad"u8, "hello"u8, actual, out _));

        Assert.Equal(Reference(Key, 0x0102030405060708, "ad"u8, "hello"u8), actual);
        Assert.Equal(0x0102030405060709UL, cipher.Nonce);
    }

    [Fact]
    public void EncryptWithAd_NonceReachesReservedValue_RefusesFurtherMessages()
    {
        // §5.1: 2^64 − 1 is reserved, so the last usable nonce is 2^64 − 2.
        using var cipher = Keyed(nonce: ulong.MaxValue - 1);
        var ciphertext = new byte[CipherState.TagLength + 1];

        Assert.Equal(NoiseResult.Success, cipher.EncryptWithAd([], "x"u8, ciphertext, out _));
        Assert.Equal(NoiseResult.NonceExhausted, cipher.EncryptWithAd([], "x"u8, ciphertext, out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void DecryptWithAd_NonceAtReservedValue_IsRefused()
    {
        using var sender = Keyed(nonce: ulong.MaxValue - 1);
        using var receiver = Keyed(nonce: ulong.MaxValue - 1);
        var ciphertext = new byte[CipherState.TagLength + 1];
        var plaintext = new byte[1];
        Assert.Equal(NoiseResult.Success, sender.EncryptWithAd([], "x"u8, ciphertext, out _));

        Assert.Equal(NoiseResult.Success, receiver.DecryptWithAd([], ciphertext, plaintext, out _));
        Assert.Equal(NoiseResult.NonceExhausted, receiver.DecryptWithAd([], ciphertext, plaintext, out _));
    }

    [Fact]
    public void DecryptWithAd_WrongAssociatedData_FailsAndKeepsNonce()
    {
        using var sender = Keyed(nonce: 5);
        using var receiver = Keyed(nonce: 5);
        var ciphertext = new byte[5 + CipherState.TagLength];
        var plaintext = new byte[5];
        Assert.Equal(NoiseResult.Success, sender.EncryptWithAd("ad"u8, "hello"u8, ciphertext, out _));

        Assert.Equal(NoiseResult.DecryptionFailed, receiver.DecryptWithAd("other"u8, ciphertext, plaintext, out _));
        Assert.Equal(5UL, receiver.Nonce);
        Assert.Equal(NoiseResult.Success, receiver.DecryptWithAd("ad"u8, ciphertext, plaintext, out _));
        Assert.Equal("hello"u8.ToArray(), plaintext);
    }

    [Fact]
    public void Rekey_NewKey_IsFirst32BytesOfEncryptingZerosUnderMaxNonce()
    {
        // §11.3 and §4.2: REKEY(k) = ENCRYPT(k, 2^64 − 1, zerolen, zeros)[0..32]; n is unchanged.
        var expectedKey = Reference(Key, ulong.MaxValue, [], new byte[32])[..32];
        using var cipher = Keyed(nonce: 7);

        cipher.Rekey();
        var actual = new byte[5 + CipherState.TagLength];
        Assert.Equal(NoiseResult.Success, cipher.EncryptWithAd([], "hello"u8, actual, out _));

        Assert.Equal(Reference(expectedKey, 7, [], "hello"u8), actual);
    }

    [Fact]
    public void EncryptAndDecrypt_WithoutKey_PassDataThrough()
    {
        using var cipher = new CipherState();
        var buffer = new byte[5];

        Assert.False(cipher.HasKey);
        Assert.Equal(NoiseResult.Success, cipher.EncryptWithAd("ad"u8, "hello"u8, buffer, out var written));
        Assert.Equal(5, written);
        Assert.Equal("hello"u8.ToArray(), buffer);
        Assert.Throws<InvalidOperationException>(cipher.Rekey);
    }

    [Fact]
    public void Dispose_ThenEncrypt_Throws()
    {
        var cipher = Keyed(nonce: 0);

        cipher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cipher.EncryptWithAd([], [], new byte[16], out _));
        Assert.Equal("[redacted]", cipher.ToString());
    }

    private static CipherState Keyed(ulong nonce)
    {
        var cipher = new CipherState();
        cipher.InitializeKey(Key);
        cipher.SetNonce(nonce);
        return cipher;
    }

    private static byte[] Reference(byte[] key, ulong n, ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(nonce.AsSpan(4), n);
        var output = new byte[plaintext.Length + 16];
        using var aead = new ChaCha20Poly1305(key);
        aead.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), ad);
        return output;
    }
}
