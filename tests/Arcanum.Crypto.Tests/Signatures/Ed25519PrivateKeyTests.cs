using Arcanum.Crypto.Signatures;

namespace Arcanum.Crypto.Tests.Signatures;

public sealed class Ed25519PrivateKeyTests
{
    private static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    [Fact]
    public void Generate_ScriptedRandomness_DerivesFromTheDrawnSeed()
    {
        using var rng = new ScriptedRandomNumberGenerator(Seed.ToArray());

        using var generated = Ed25519PrivateKey.Generate(rng);
        using var fromSeed = Ed25519PrivateKey.FromSeed(Seed);

        Assert.Equal(1, rng.Calls);
        Assert.Equal(fromSeed.PublicKey, generated.PublicKey);
    }

    [Fact]
    public void Generate_SodiumGenerator_GivesDistinctWorkingKeys()
    {
        using var rng = new SodiumRandomNumberGenerator();
        using var first = Ed25519PrivateKey.Generate(rng);
        using var second = Ed25519PrivateKey.Generate(rng);
        var message = "arcanum"u8.ToArray();

        Assert.NotEqual(first.PublicKey, second.PublicKey);
        Assert.True(first.PublicKey.Verify(message, first.Sign(message)));
        Assert.False(second.PublicKey.Verify(message, first.Sign(message)));
    }

    [Fact]
    public void ExportSeed_KeyFromSeed_ReturnsTheSeed()
    {
        using var key = Ed25519PrivateKey.FromSeed(Seed);
        var exported = new byte[Ed25519PrivateKey.SeedLength];

        key.ExportSeed(exported);

        Assert.Equal(Seed, exported);
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var key = Ed25519PrivateKey.FromSeed(Seed);
        key.Dispose();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Sign("m"u8));
        Assert.Throws<ObjectDisposedException>(() => key.ExportSeed(new byte[Ed25519PrivateKey.SeedLength]));
    }

    [Fact]
    public void ToString_Key_IsRedacted()
    {
        using var key = Ed25519PrivateKey.FromSeed(Seed);

        Assert.Equal("[redacted]", key.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void FromSeed_WrongLength_Throws(int length) =>
        Assert.Throws<ArgumentException>(() => Ed25519PrivateKey.FromSeed(new byte[length]));

    [Fact]
    public void Sign_WrongDestinationLength_Throws()
    {
        using var key = Ed25519PrivateKey.FromSeed(Seed);

        Assert.Throws<ArgumentException>(() => key.Sign("m"u8, new byte[63]));
    }

    [Fact]
    public void Verify_WrongSignatureLengthOrOtherMessage_ReturnsFalse()
    {
        using var key = Ed25519PrivateKey.FromSeed(Seed);
        var signature = key.Sign("message"u8);

        Assert.True(key.PublicKey.Verify("message"u8, signature));
        Assert.False(key.PublicKey.Verify("messagf"u8, signature));
        Assert.False(key.PublicKey.Verify("message"u8, signature[..63]));
        Assert.False(key.PublicKey.Verify("message"u8, [.. signature, 0]));
    }

    [Fact]
    public void FromBytes_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => Ed25519PublicKey.FromBytes(new byte[31]));
}
