using System.Text;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

public sealed class SymmetricStateTests
{
    [Fact]
    public void InitializeSymmetric_NameUpTo32Bytes_IsZeroPadded()
    {
        // §5.2: a protocol name of at most HASHLEN bytes is used as h directly, zero-padded.
        const string name = "Noise_NN_25519_AESGCM_SHA256";
        using var state = SymmetricState.InitializeSymmetric(name);

        var expected = new byte[32];
        System.Text.Encoding.ASCII.GetBytes(name).CopyTo(expected, 0);
        Assert.Equal(expected, state.GetHandshakeHash().ToArray());
    }

    [Fact]
    public void InitializeSymmetric_NameLongerThan32Bytes_IsHashed()
    {
        using var state = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);

        var expected = new byte[32];
        Blake2s.Hash(System.Text.Encoding.ASCII.GetBytes(NoiseProtocol.ProductProtocolName), expected);
        Assert.Equal(expected, state.GetHandshakeHash().ToArray());
        Assert.False(state.HasKey);
    }

    [Fact]
    public void MixHash_Data_IsHashOfPreviousHashAndData()
    {
        using var state = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        var before = state.GetHandshakeHash().ToArray();

        state.MixHash("data"u8);

        var expected = new byte[32];
        Blake2s.Hash([.. before, .. "data"u8], expected);
        Assert.Equal(expected, state.GetHandshakeHash().ToArray());
    }

    [Fact]
    public void EncryptAndHash_ThenDecryptAndHash_RoundTripsAndKeepsHashesEqual()
    {
        using var sender = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        using var receiver = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        sender.MixKey("shared secret"u8);
        receiver.MixKey("shared secret"u8);
        var ciphertext = new byte[5 + CipherState.TagLength];
        var plaintext = new byte[5];

        Assert.Equal(NoiseResult.Success, sender.EncryptAndHash("hello"u8, ciphertext, out _));
        Assert.Equal(NoiseResult.Success, receiver.DecryptAndHash(ciphertext, plaintext, out _));

        Assert.Equal("hello"u8.ToArray(), plaintext);
        Assert.Equal(sender.GetHandshakeHash().ToArray(), receiver.GetHandshakeHash().ToArray());
    }

    [Fact]
    public void DecryptAndHash_Tampered_FailsAndLeavesHashUnchanged()
    {
        using var sender = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        using var receiver = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        sender.MixKeyAndHash("psk"u8);
        receiver.MixKeyAndHash("psk"u8);
        var ciphertext = new byte[5 + CipherState.TagLength];
        Assert.Equal(NoiseResult.Success, sender.EncryptAndHash("hello"u8, ciphertext, out _));
        ciphertext[0] ^= 1;
        var before = receiver.GetHandshakeHash().ToArray();

        Assert.Equal(NoiseResult.DecryptionFailed, receiver.DecryptAndHash(ciphertext, new byte[5], out _));

        Assert.Equal(before, receiver.GetHandshakeHash().ToArray());
    }

    [Fact]
    public void Split_TwoCipherStates_HaveDifferentKeysAndMatchAcrossParties()
    {
        using var first = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        using var second = SymmetricState.InitializeSymmetric(NoiseProtocol.ProductProtocolName);
        first.MixKey("ikm"u8);
        second.MixKey("ikm"u8);

        var (a1, a2) = first.Split();
        var (b1, b2) = second.Split();
        using (a1)
        using (a2)
        using (b1)
        using (b2)
        {
            var c1 = new byte[3 + CipherState.TagLength];
            var c2 = new byte[3 + CipherState.TagLength];
            Assert.Equal(NoiseResult.Success, a1.EncryptWithAd([], "abc"u8, c1, out _));
            Assert.Equal(NoiseResult.Success, a2.EncryptWithAd([], "abc"u8, c2, out _));
            Assert.NotEqual(c1, c2);
            Assert.Equal(NoiseResult.Success, b1.DecryptWithAd([], c1, new byte[3], out _));
            Assert.Equal(NoiseResult.Success, b2.DecryptWithAd([], c2, new byte[3], out _));
        }
    }
}
