using System.Security.Cryptography;
using Arcanum.Cli.Accounts;
using Arcanum.Crypto.Kdf;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Cli.Tests.Accounts;

public sealed class AccountBookTests : IDisposable
{
    private static readonly byte[] Passphrase = "open sesame"u8.ToArray();

    private readonly AccountDirectory _directory = new();

    private readonly AccountBook _book;

    public AccountBookTests() => _book = CheapBook(_directory.Path);

    public void Dispose() => _directory.Dispose();

    /// <summary>A book with the cheapest Argon2id libsodium allows, so tests derive keys in microseconds.</summary>
    internal static AccountBook CheapBook(string directory) =>
        new(directory, RandomNumberGenerator.Create(), Argon2id.OpsLimitRange.Min, Argon2id.MemoryLimitRange.Min);

    /// <summary>The file's permission bits (these tests run on Linux, as the CLI's 0600/0700 promise is a POSIX one).</summary>
    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("POSIX modes only") : File.GetUnixFileMode(path);

    [Fact]
    public void TryCreate_ThenUnlock_GivesKeysMatchingThePublicData()
    {
        Assert.True(_book.TryCreate("alice", Passphrase, out var created, out var error), error?.Message);

        Assert.True(_book.TryUnlock("alice", Passphrase, out var account, out error), error?.Message);
        using (account)
        {
            Assert.Equal(created.Id, account.Id);
            Assert.Equal(AccountId.FromPublicKey(account.SigningKey.PublicKey), account.Id);
            Assert.True(account.Id.ToPublicKey().Verify("tx"u8, account.SigningKey.Sign("tx"u8)));
            Assert.Equal(1u, account.CurrentEncryptionKey.Version);
            Assert.Equal(created.CurrentEncryptionKey.PublicKey, account.CurrentEncryptionKey.PrivateKey.PublicKey);
            Assert.Null(account.FindEncryptionKey(2));
        }
    }

    [Fact]
    public void TryCreate_TwoAccounts_HaveDifferentKeys()
    {
        Assert.True(_book.TryCreate("alice", Passphrase, out var alice, out _));
        Assert.True(_book.TryCreate("bob", Passphrase, out var bob, out _));

        Assert.NotEqual(alice.Id, bob.Id);
        Assert.NotEqual(alice.CurrentEncryptionKey.PublicKey, bob.CurrentEncryptionKey.PublicKey);
    }

    [Fact]
    public void TryUnlock_WrongPassphrase_IsRefusedAndFileUnchanged()
    {
        Assert.True(_book.TryCreate("alice", Passphrase, out _, out _));
        var before = File.ReadAllBytes(Path.Combine(_directory.Path, "alice.json"));

        Assert.False(_book.TryUnlock("alice", "open sesame!"u8, out var account, out var error));
        Assert.Null(account);
        Assert.Equal(AccountProblem.WrongPassphrase, error.Problem);
        Assert.Contains("wrong passphrase", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_directory.Path, "alice.json")));
    }

    [Fact]
    public void TryCreate_ExistingName_IsRefusedAndKeepsTheFirstAccount()
    {
        Assert.True(_book.TryCreate("alice", Passphrase, out var first, out _));

        Assert.False(_book.TryCreate("alice", "another"u8, out _, out var error));
        Assert.Equal(AccountProblem.AlreadyExists, error.Problem);
        Assert.True(_book.TryFind("alice", out var found, out _));
        Assert.Equal(first.Id, found.Id);
    }

    [Fact]
    public void TryCreate_WritesOwnerOnlyFileInOwnerOnlyDirectoryWithNoSeedInside()
    {
        var nested = Path.Combine(_directory.Path, "home", "accounts");
        var book = CheapBook(nested);

        Assert.True(book.TryCreate("alice", Passphrase, out var created, out _));
        Assert.True(book.TryUnlock("alice", Passphrase, out var account, out _));
        var seed = new byte[32];
        using (account)
        {
            account.SigningKey.ExportSeed(seed);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(created.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ModeOf(nested));
        var bytes = File.ReadAllBytes(created.Path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(seed));
        Assert.DoesNotContain(Convert.ToHexStringLower(seed), System.Text.Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["alice.json"], Directory.GetFiles(nested).Select(Path.GetFileName));
    }

    [Fact]
    public void List_NeedsNoPassphrase_SortsByNameAndReportsBadFiles()
    {
        Assert.True(_book.TryCreate("carol", Passphrase, out var carol, out _));
        Assert.True(_book.TryCreate("alice", "another passphrase"u8, out var alice, out _));
        File.WriteAllText(Path.Combine(_directory.Path, "broken.json"), "{}");
        File.WriteAllText(Path.Combine(_directory.Path, "notes.txt"), "not an account");

        var (accounts, unreadable) = _book.List();

        Assert.Equal([alice.Id, carol.Id], accounts.Select(account => account.Id));
        Assert.Equal(["alice", "carol"], accounts.Select(account => account.Name));
        Assert.Equal(AccountProblem.Corrupt, Assert.Single(unreadable).Problem);
        Assert.Contains("broken.json", unreadable[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_NoDirectory_IsEmpty()
    {
        var (accounts, unreadable) = CheapBook(Path.Combine(_directory.Path, "missing")).List();

        Assert.Empty(accounts);
        Assert.Empty(unreadable);
    }

    [Fact]
    public void TryFind_FileCopiedUnderAnotherName_IsRefused()
    {
        Assert.True(_book.TryCreate("alice", Passphrase, out _, out _));
        File.Copy(Path.Combine(_directory.Path, "alice.json"), Path.Combine(_directory.Path, "mallory.json"));

        Assert.False(_book.TryFind("mallory", out _, out var error));
        Assert.Equal(AccountProblem.Corrupt, error.Problem);
        Assert.False(_book.TryUnlock("mallory", Passphrase, out _, out _));
    }

    [Fact]
    public void TryAddEncryptionKey_AddsNextVersionAndKeepsTheOldKeys()
    {
        Assert.True(_book.TryCreate("bob", Passphrase, out var created, out _));

        Assert.True(_book.TryAddEncryptionKey("bob", Passphrase, out var rotated, out var error), error?.Message);

        Assert.Equal(created.Id, rotated.Id);
        Assert.Equal([1u, 2u], rotated.EncryptionKeys.Select(key => key.Version));
        Assert.Equal(created.CurrentEncryptionKey, rotated.EncryptionKeys[0]);
        Assert.NotEqual(created.CurrentEncryptionKey.PublicKey, rotated.CurrentEncryptionKey.PublicKey);
        Assert.True(_book.TryUnlock("bob", Passphrase, out var account, out _));
        using (account)
        {
            Assert.Equal(created.CurrentEncryptionKey.PublicKey, account.FindEncryptionKey(1)!.PublicKey);
            Assert.Equal(rotated.CurrentEncryptionKey.PublicKey, account.FindEncryptionKey(2)!.PublicKey);
            Assert.Equal(2u, account.CurrentEncryptionKey.Version);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(rotated.Path));
        Assert.Single(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void TryAddEncryptionKey_WrongPassphrase_ChangesNothing()
    {
        Assert.True(_book.TryCreate("bob", Passphrase, out _, out _));
        var before = File.ReadAllBytes(Path.Combine(_directory.Path, "bob.json"));

        Assert.False(_book.TryAddEncryptionKey("bob", "nope"u8, out _, out var error));

        Assert.Equal(AccountProblem.WrongPassphrase, error.Problem);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_directory.Path, "bob.json")));
    }

    [Fact]
    public void TryResolveRecipient_NameBech32OrHex_GivesTheAccountId()
    {
        Assert.True(_book.TryCreate("bob", Passphrase, out var bob, out _));
        Assert.True(AccountId.TryParse(new string('a', 64), out var stranger));

        Assert.True(_book.TryResolveRecipient("bob", out var byName, out _));
        Assert.True(_book.TryResolveRecipient(bob.Id.ToBech32(), out var byBech32, out _));
        Assert.True(_book.TryResolveRecipient(bob.Id.ToHex(), out var byHex, out _));
        Assert.True(_book.TryResolveRecipient(stranger.ToBech32(), out var notLocal, out _));

        Assert.Equal(bob.Id, byName);
        Assert.Equal(bob.Id, byBech32);
        Assert.Equal(bob.Id, byHex);
        Assert.Equal(stranger, notLocal);
    }

    [Theory]
    [InlineData("carol", "NotFound")]
    [InlineData("Bob", "InvalidName")]
    [InlineData("arc1notanid", "NotFound")]
    [InlineData("../bob", "InvalidName")]
    public void TryResolveRecipient_UnknownOrInvalid_IsRefused(string recipient, string expected)
    {
        Assert.True(_book.TryCreate("bob", Passphrase, out _, out _));

        Assert.False(_book.TryResolveRecipient(recipient, out var id, out var error));
        Assert.Null(id);
        Assert.Equal(Enum.Parse<AccountProblem>(expected), error.Problem);
    }

    [Fact]
    public void AccountName_Rule_AcceptsAndRefusesAsDocumented()
    {
        Assert.True(AccountId.TryParse(new string('0', 64), out var zero));
        string[] valid = ["a", "alice", "bob-2", "c.d_e", "0", new string('z', 64), "arc1notanid", new string('a', 63)];
        string[] invalid = ["", "Alice", "al ice", "a/b", "../x", ".", "..", "ä", new string('z', 65), zero.ToHex(), zero.ToBech32(), "tab\t"];

        Assert.Equal(8, valid.Count(AccountName.IsValid));
        Assert.Equal(12, invalid.Length);
        Assert.DoesNotContain(invalid, AccountName.IsValid);
        Assert.False(AccountName.IsValid(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Alice")]
    [InlineData("a/b")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void TryCreate_InvalidName_WritesNothing(string name)
    {
        Assert.False(_book.TryCreate(name, Passphrase, out _, out var error));

        Assert.Equal(AccountProblem.InvalidName, error.Problem);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }
}

/// <summary>A fresh temporary directory, deleted with everything in it.</summary>
internal sealed class AccountDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("arcanum-accounts-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
