using System.Text.Json;
using Arcanum.Node.Vault;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Tests.Vault;

public sealed class MasterKeyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CreateKeyFile_ThenFromKeyFile_OpensTheSameVault()
    {
        var path = _directory.File("master.key");
        using (var created = MasterKey.CreateKeyFile(path, new DeterministicRandom(1)))
        {
            new ShareVault(_directory.File("vault"), created, 1).Store("k", 1, KeyScheme.FrostEd25519, [1, 2, 3]);
        }

        using var read = MasterKey.FromKeyFile(path);
        var vault = new ShareVault(_directory.File("vault"), read, 1);
        vault.CheckUnseal();
        Assert.True(vault.TryLoad("k", 1, out _, out var record));
        Assert.Equal([1, 2, 3], record);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("MasterKey([redacted])", read.ToString());
    }

    [Fact]
    public void CreateKeyFile_ExistingFile_Throws()
    {
        var path = _directory.File("master.key");
        File.WriteAllBytes(path, new byte[32]);
        Assert.Throws<IOException>(() => MasterKey.CreateKeyFile(path, new DeterministicRandom(1)));
        Assert.Equal(new byte[32], File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void FromKeyFile_WrongLength_SaysSo(int length)
    {
        var path = _directory.File("master.key");
        File.WriteAllBytes(path, new byte[length]);
        var error = Assert.Throws<InvalidDataException>(() => MasterKey.FromKeyFile(path));
        Assert.Contains($"holds {length} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var key = MasterKey.CreateKeyFile(_directory.File("master.key"), new DeterministicRandom(1));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new ShareVault(_directory.File("vault"), key, 1));
    }

    [Fact]
    public void FromPassphrase_SamePassphraseOpens_WrongOneDoesNot()
    {
        var parameters = _directory.File("passphrase.json");
        new PassphraseParameters(new byte[16], OpsLimit: 1, MemoryLimitBytes: 64 * 1024).WriteNew(parameters);
        using (var first = MasterKey.FromPassphrase("correct horse"u8, parameters, new DeterministicRandom(1)))
        {
            new ShareVault(_directory.File("vault"), first, 1).Store("k", 1, KeyScheme.FrostEd25519, [9]);
        }

        using (var again = MasterKey.FromPassphrase("correct horse"u8, parameters, new DeterministicRandom(2)))
        {
            var vault = new ShareVault(_directory.File("vault"), again, 1);
            vault.CheckUnseal();
            Assert.True(vault.TryLoad("k", 1, out _, out _));
        }

        using var wrong = MasterKey.FromPassphrase("battery staple"u8, parameters, new DeterministicRandom(3));
        Assert.Throws<VaultSealException>(new ShareVault(_directory.File("vault"), wrong, 1).CheckUnseal);
    }

    [Fact]
    public void FromPassphrase_FirstUse_WritesFreshSaltAndDefaultLimits_ThenReadsThem()
    {
        var parameters = _directory.File("passphrase.json");
        using (var created = MasterKey.FromPassphrase("pw"u8, parameters, new DeterministicRandom(7)))
        {
            new ShareVault(_directory.File("vault"), created, 1).CheckUnseal();
        }

        var stored = PassphraseParameters.Read(parameters);
        Assert.Equal(PassphraseParameters.DefaultOpsLimit, stored.OpsLimit);
        Assert.Equal(PassphraseParameters.DefaultMemoryLimitBytes, stored.MemoryLimitBytes);
        Assert.Contains(stored.Salt, b => b != 0);

        using var reread = MasterKey.FromPassphrase("pw"u8, parameters, new DeterministicRandom(8));
        new ShareVault(_directory.File("vault"), reread, 1).CheckUnseal();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"version":1,"salt":"AAAA","opsLimit":1,"memoryLimitBytes":65536}""")]
    [InlineData("""{"version":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA==","opsLimit":0,"memoryLimitBytes":65536}""")]
    [InlineData("""{"version":2,"salt":"AAAAAAAAAAAAAAAAAAAAAA==","opsLimit":1,"memoryLimitBytes":65536}""")]
    [InlineData("""{"version":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA==","opsLimit":1,"memoryLimitBytes":65536,"extra":1}""")]
    public void Read_InvalidParametersFile_SaysWhatIsWrong(string json)
    {
        var path = _directory.File("passphrase.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<InvalidDataException>(() => PassphraseParameters.Read(path));
        Assert.Contains("passphrase parameters file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteNew_ProducesJsonWithTheFields()
    {
        var path = _directory.File("passphrase.json");
        new PassphraseParameters(new byte[16], 2, 1 << 20).WriteNew(path);
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(2UL, json.RootElement.GetProperty("opsLimit").GetUInt64());
        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAA==", json.RootElement.GetProperty("salt").GetString());
    }
}
