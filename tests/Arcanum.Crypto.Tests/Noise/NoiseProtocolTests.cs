using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

public sealed class NoiseProtocolTests
{
    [Fact]
    public void Parse_ProductProtocol_IsIkWithItsTwoMessagePatterns()
    {
        var protocol = NoiseProtocol.Parse("Noise_IK_25519_ChaChaPoly_BLAKE2s");

        Assert.Equal("IK", protocol.Pattern.Name);
        Assert.False(protocol.Pattern.IsPsk);
        Assert.Equal([NoiseToken.E, NoiseToken.ES, NoiseToken.S, NoiseToken.SS], protocol.Pattern.Messages[0]);
        Assert.Equal([NoiseToken.E, NoiseToken.EE, NoiseToken.SE], protocol.Pattern.Messages[1]);
    }

    [Fact]
    public void Parse_Psk0AndPsk2_PutsPskFirstInMessageOneAndLastInMessageTwo()
    {
        // §9.4: psk0 at the start of the first message, pskN at the end of message N.
        var pattern = NoiseProtocol.Parse("Noise_IKpsk0+psk2_25519_ChaChaPoly_BLAKE2s").Pattern;

        Assert.Equal(2, pattern.PreSharedKeyCount);
        Assert.Equal([NoiseToken.Psk, NoiseToken.E, NoiseToken.ES, NoiseToken.S, NoiseToken.SS], pattern.Messages[0]);
        Assert.Equal([NoiseToken.E, NoiseToken.EE, NoiseToken.SE, NoiseToken.Psk], pattern.Messages[1]);
    }

    [Fact]
    public void Parse_DeferredIk1_MovesTheInitiatorsStaticDhToTheSecondMessage()
    {
        var pattern = NoiseProtocol.Parse("Noise_IK1_25519_ChaChaPoly_BLAKE2s").Pattern;

        Assert.Equal([NoiseToken.E, NoiseToken.S], pattern.Messages[0]);
        Assert.Equal([NoiseToken.E, NoiseToken.EE, NoiseToken.SE, NoiseToken.ES], pattern.Messages[1]);
    }

    [Theory]
    [InlineData("Noise_XX_25519_ChaChaPoly_BLAKE2s", "pattern 'XX'")]
    [InlineData("Noise_IK_448_ChaChaPoly_BLAKE2s", "DH function '448'")]
    [InlineData("Noise_IK_25519_AESGCM_BLAKE2s", "cipher 'AESGCM'")]
    [InlineData("Noise_IK_25519_ChaChaPoly_SHA256", "hash 'SHA256'")]
    [InlineData("Noise_IKpsk3_25519_ChaChaPoly_BLAKE2s", "modifier 'psk3'")]
    [InlineData("Noise_IKfallback_25519_ChaChaPoly_BLAKE2s", "modifier 'fallback'")]
    [InlineData("Noise_IKpsk01_25519_ChaChaPoly_BLAKE2s", "modifier 'psk01'")]
    [InlineData("Noise_IKpsk1+psk1_25519_ChaChaPoly_BLAKE2s", "repeats the modifier 'psk1'")]
    [InlineData("Noise_IK_25519_ChaChaPoly", "not a Noise protocol name")]
    [InlineData("Noisy_IK_25519_ChaChaPoly_BLAKE2s", "not a Noise protocol name")]
    public void Parse_UnsupportedName_ThrowsNamingThePart(string name, string expectedFragment)
    {
        var error = Assert.Throws<NotSupportedException>(() => NoiseProtocol.Parse(name));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }
}
