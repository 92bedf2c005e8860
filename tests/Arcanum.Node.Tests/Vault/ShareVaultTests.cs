using Arcanum.Node.Vault;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Tests.Vault;

public sealed class ShareVaultTests : IDisposable
{
    private static readonly byte[] Record = [.. Enumerable.Range(0, 300).Select(i => (byte)i)];

    private readonly TempDirectory _directory = new();
    private readonly MasterKey _key;

    public ShareVaultTests() => _key = MasterKey.CreateKeyFile(_directory.File("master.key"), new DeterministicRandom(1));

    private string VaultPath => _directory.File("vault");

    public void Dispose()
    {
        _key.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void StoreThenTryLoad_RoundTrips()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("key-1", 3, KeyScheme.EcdsaSecp256K1, Record);

        Assert.True(vault.TryLoad("key-1", 3, out var scheme, out var loaded));
        Assert.Equal(KeyScheme.EcdsaSecp256K1, scheme);
        Assert.Equal(Record, loaded);
        Assert.True(File.ReadAllBytes(Path.Combine(VaultPath, "key-1.3.share")).AsSpan().IndexOf(Record.AsSpan(0, 32)) < 0, "the record is stored in clear");
    }

    [Fact]
    public void TryLoad_Absent_ReturnsFalse()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("key-1", 1, KeyScheme.FrostEd25519, Record);

        Assert.False(vault.TryLoad("key-1", 2, out _, out _));
        Assert.False(vault.TryLoad("key-2", 1, out _, out _));
    }

    [Fact]
    public void NewInstance_KeepsSharesAndListsThem()
    {
        var first = new ShareVault(VaultPath, _key, 1);
        first.Store("b", 1, KeyScheme.FrostEd25519, Record);
        first.Store("a", 2, KeyScheme.FrostTaproot, Record);
        first.Store("a", 1, KeyScheme.FrostTaproot, Record);

        var reopened = new ShareVault(VaultPath, _key, 1);

        Assert.Equal(
            [new StoredShare("a", 1, KeyScheme.FrostTaproot), new StoredShare("a", 2, KeyScheme.FrostTaproot), new StoredShare("b", 1, KeyScheme.FrostEd25519)],
            reopened.List());
        Assert.True(reopened.TryLoad("a", 2, out _, out var loaded));
        Assert.Equal(Record, loaded);
        reopened.CheckUnseal();
    }

    [Fact]
    public void WrongMasterKey_CheckUnsealAndTryLoadThrow()
    {
        new ShareVault(VaultPath, _key, 1).Store("k", 1, KeyScheme.FrostEd25519, Record);
        using var other = MasterKey.CreateKeyFile(_directory.File("other.key"), new DeterministicRandom(2));
        var vault = new ShareVault(VaultPath, other, 1);

        Assert.Throws<VaultSealException>(vault.CheckUnseal);
        Assert.Throws<VaultSealException>(() => vault.TryLoad("k", 1, out _, out _));
    }

    [Fact]
    public void TamperedFile_Throws()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("k", 1, KeyScheme.FrostEd25519, Record);
        var path = Path.Combine(VaultPath, "k.1.share");
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 1;
        File.WriteAllBytes(path, bytes);

        Assert.Throws<VaultSealException>(() => vault.TryLoad("k", 1, out _, out _));
    }

    [Fact]
    public void SchemeChangedInHeader_Throws()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("k", 1, KeyScheme.FrostEd25519, Record);
        var path = Path.Combine(VaultPath, "k.1.share");
        var bytes = File.ReadAllBytes(path);
        bytes[8] = (byte)KeyScheme.FrostSecp256K1;
        File.WriteAllBytes(path, bytes);

        Assert.Throws<VaultSealException>(() => vault.TryLoad("k", 1, out _, out _));
    }

    [Theory]
    [InlineData("other.1.share")]
    [InlineData("k.2.share")]
    public void FileCopiedToAnotherKeyOrEpoch_Throws(string copy)
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("k", 1, KeyScheme.FrostEd25519, Record);
        File.Copy(Path.Combine(VaultPath, "k.1.share"), Path.Combine(VaultPath, copy));
        var parts = copy.Split('.');

        Assert.Throws<VaultSealException>(() => vault.TryLoad(parts[0], ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), out _, out _));
    }

    [Fact]
    public void FileSealedForNodeOne_IsRefusedByNodeTwo_UnderTheSameMasterKey()
    {
        new ShareVault(VaultPath, _key, 1).Store("k", 1, KeyScheme.FrostEd25519, Record);
        var nodeTwo = new ShareVault(_directory.File("vault2"), _key, 2);
        File.Copy(Path.Combine(VaultPath, "k.1.share"), Path.Combine(_directory.File("vault2"), "k.1.share"));

        var error = Assert.Throws<VaultSealException>(() => nodeTwo.TryLoad("k", 1, out _, out _));
        Assert.Contains("node 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Destroy_ErasesEveryEpochOfThatKeyOnly()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("k", 1, KeyScheme.FrostEd25519, Record);
        vault.Store("k", 2, KeyScheme.FrostEd25519, Record);
        vault.Store("k-2", 1, KeyScheme.FrostEd25519, Record);

        Assert.Equal(2, vault.Destroy("k"));

        Assert.False(File.Exists(Path.Combine(VaultPath, "k.1.share")));
        Assert.False(File.Exists(Path.Combine(VaultPath, "k.2.share")));
        Assert.False(vault.TryLoad("k", 1, out _, out _));
        Assert.Equal([new StoredShare("k-2", 1, KeyScheme.FrostEd25519)], vault.List());
        Assert.Equal(0, vault.Destroy("k"));
    }

    [Fact]
    public void PruneBefore_KeepsTheEpochAndLater()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        foreach (var epoch in new ulong[] { 1, 2, 3 })
        {
            vault.Store("k", epoch, KeyScheme.FrostEd25519, Record);
        }

        vault.PruneBefore("k", 2);

        Assert.Equal([2UL, 3UL], vault.Epochs("k"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("space here")]
    [InlineData("é")]
    public void InvalidKeyId_IsRejectedBeforeAnyPath(string keyId)
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        Assert.Throws<ArgumentException>(() => vault.Store(keyId, 1, KeyScheme.FrostEd25519, Record));
        Assert.Throws<ArgumentException>(() => vault.TryLoad(keyId, 1, out _, out _));
        Assert.Throws<ArgumentException>(() => vault.Destroy(keyId));
    }

    [Fact]
    public void KeyIdLengthLimit_SixtyFourAccepted_SixtyFiveRejected()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store(new string('a', 64), 1, KeyScheme.FrostEd25519, Record);
        Assert.Throws<ArgumentException>(() => vault.Store(new string('a', 65), 1, KeyScheme.FrostEd25519, Record));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ShareFiles_AreOwnerOnly()
    {
        var vault = new ShareVault(VaultPath, _key, 1);
        vault.Store("k", 1, KeyScheme.FrostEd25519, Record);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(VaultPath, "k.1.share")));
    }
}
