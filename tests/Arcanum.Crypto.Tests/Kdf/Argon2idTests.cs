using Arcanum.Crypto.Kdf;

namespace Arcanum.Crypto.Tests.Kdf;

public sealed class Argon2idTests
{
    private const ulong Ops = 1;
    private const ulong Memory = 8192;
    private static readonly byte[] Salt = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    [Fact]
    public void DeriveKey_SameInputs_SameKey()
    {
        Assert.Equal(Derive("correct horse"u8, Salt), Derive("correct horse"u8, Salt));
        Assert.Equal(32, Derive("correct horse"u8, Salt).Length);
    }

    [Fact]
    public void DeriveKey_OtherSaltPasswordOrCost_OtherKey()
    {
        var key = Derive("correct horse"u8, Salt);
        var otherSalt = Salt.ToArray();
        otherSalt[0] ^= 1;

        Assert.NotEqual(key, Derive("correct horse"u8, otherSalt));
        Assert.NotEqual(key, Derive("correct horsf"u8, Salt));
        Assert.NotEqual(key, Derive("correct horse"u8, Salt, ops: 2));
        Assert.NotEqual(key, Derive("correct horse"u8, Salt, memory: 16384));
    }

    [Fact]
    public void DeriveKey_EmptyPassword_Works()
    {
        Assert.Equal(Derive([], Salt), Derive([], Salt));
        Assert.NotEqual(Derive([], Salt), Derive("\0"u8, Salt));
    }

    [Fact]
    public void Limits_Library_AreArgon2idLimits()
    {
        Assert.Equal(16, Argon2id.SaltLength);
        Assert.Equal(1UL, Argon2id.OpsLimitRange.Min);
        Assert.Equal(8192UL, Argon2id.MemoryLimitRange.Min);
        Assert.Equal(16UL, Argon2id.OutputLengthRange.Min);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(0)]
    public void DeriveKey_WrongSaltLength_ThrowsNamingSalt(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => Argon2id.DeriveKey("pw"u8, new byte[length], Ops, Memory, new byte[32]));

        Assert.Equal("salt", error.ParamName);
    }

    [Fact]
    public void DeriveKey_OpsLimitBelowMinimum_ThrowsNamingOpsLimit()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Argon2id.DeriveKey("pw"u8, Salt, 0, Memory, new byte[32]));

        Assert.Equal("opsLimit", error.ParamName);
    }

    [Fact]
    public void DeriveKey_OpsLimitAboveMaximum_ThrowsNamingOpsLimit()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            Argon2id.DeriveKey("pw"u8, Salt, Argon2id.OpsLimitRange.Max + 1, Memory, new byte[32]));

        Assert.Equal("opsLimit", error.ParamName);
    }

    [Theory]
    [InlineData(8191UL)]
    [InlineData(0UL)]
    [InlineData(ulong.MaxValue)]
    public void DeriveKey_MemoryLimitOutOfRange_ThrowsNamingMemoryLimit(ulong memory)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Argon2id.DeriveKey("pw"u8, Salt, Ops, memory, new byte[32]));

        Assert.Equal("memoryLimitBytes", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void DeriveKey_OutputTooShort_ThrowsNamingDestination(int length)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Argon2id.DeriveKey("pw"u8, Salt, Ops, Memory, new byte[length]));

        Assert.Equal("destination", error.ParamName);
    }

    private static byte[] Derive(ReadOnlySpan<byte> password, byte[] salt, ulong ops = Ops, ulong memory = Memory)
    {
        var key = new byte[32];
        Argon2id.DeriveKey(password, salt, ops, memory, key);
        return key;
    }
}
