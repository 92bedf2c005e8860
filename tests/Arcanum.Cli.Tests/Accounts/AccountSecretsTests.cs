using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Cli.Accounts;

namespace Arcanum.Cli.Tests.Accounts;

public sealed class AccountSecretsTests
{
    [Fact]
    public void WithNewEncryptionKey_KeepsSeedAndOldKeysAndAddsNextVersion()
    {
        using var first = AccountSecrets.Generate(RandomNumberGenerator.Create());
        using var second = first.WithNewEncryptionKey(RandomNumberGenerator.Create());

        Assert.Equal(1, first.EncryptionKeyCount);
        Assert.Equal(2, second.EncryptionKeyCount);
        Assert.True(second.Encoded[..first.Encoded.Length].SequenceEqual(first.Encoded));
        Assert.Equal(2u, second.VersionAt(1));
        Assert.Equal(first.DeriveAccountId(), second.DeriveAccountId());
        Assert.NotEqual(second.DerivePublicKeys()[0].PublicKey, second.DerivePublicKeys()[1].PublicKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(67)]
    [InlineData(69)]
    [InlineData(32 + 36 + 35)]
    public void TryDecode_WrongLength_IsRefused(int length)
    {
        Assert.False(AccountSecrets.TryDecode(new byte[length], out var secrets, out var error));
        Assert.Null(secrets);
        Assert.Contains($"{length} bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 1)]
    [InlineData(2u, 1)]
    [InlineData(1u, 2)]
    public void TryDecode_VersionsOutOfOrder_IsRefused(uint version, int atIndex)
    {
        using var first = AccountSecrets.Generate(RandomNumberGenerator.Create());
        using var second = first.WithNewEncryptionKey(RandomNumberGenerator.Create());
        var encoded = second.Encoded.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(encoded.AsSpan(32 + ((atIndex - 1) * 36)), version);

        Assert.False(AccountSecrets.TryDecode(encoded, out var secrets, out var error));
        Assert.Null(secrets);
        Assert.Contains($"version {version}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ThenAnyUse_ThrowsAndPrintsRedacted()
    {
        var secrets = AccountSecrets.Generate(RandomNumberGenerator.Create());

        secrets.Dispose();

        Assert.Throws<ObjectDisposedException>(() => secrets.Encoded.Length);
        Assert.Throws<ObjectDisposedException>(() => secrets.CreateSigningKey());
        Assert.Equal("[redacted]", secrets.ToString());
    }
}
