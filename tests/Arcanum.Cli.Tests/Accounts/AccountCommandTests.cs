using System.CommandLine;
using System.Text.Json;
using Arcanum.Cli.Accounts;
using Arcanum.Cli.Commands;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Cli.Tests.Accounts;

/// <summary><c>arcanum account …</c> through the real command tree, with ARCANUM_ACCOUNTS_DIR and ARCANUM_PASSPHRASE set.</summary>
public sealed class AccountCommandTests : IDisposable
{
    private const string Passphrase = "a passphrase for scripts";

    private readonly AccountDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task New_WithPassphraseVariable_WritesAnAccountThatOpens()
    {
        var run = await RunAsync(Passphrase, "account", "new", "--name", "alice");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        var book = AccountBookTests.CheapBook(_directory.Path);
        Assert.True(book.TryUnlock("alice", System.Text.Encoding.UTF8.GetBytes(Passphrase), out var account, out var error), error?.Message);
        using (account)
        {
            Assert.Contains($"account id      {account.Id.ToBech32()}", run.Output, StringComparison.Ordinal);
            Assert.Contains($"hex             {account.Id.ToHex()}", run.Output, StringComparison.Ordinal);
            Assert.Contains($"encryption key  v1 {account.CurrentEncryptionKey.PrivateKey.PublicKey}", run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Passphrase, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_Json_PrintsThePublicDataOnly()
    {
        var run = await RunAsync(Passphrase, "account", "new", "--name", "bob", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal("bob", root.GetProperty("name").GetString());
        Assert.True(AccountId.TryParse(root.GetProperty("accountId").GetString(), out var id));
        Assert.Equal(id.ToHex(), root.GetProperty("accountIdHex").GetString());
        Assert.Equal(1u, root.GetProperty("encryptionKeyVersion").GetUInt32());
        Assert.Equal(6, root.EnumerateObject().Count());
        Assert.True(AccountBookTests.CheapBook(_directory.Path).TryFind("bob", out var found, out _));
        Assert.Equal(found.Id, id);
    }

    [Fact]
    public async Task New_NoVariableAndNoTerminal_ExitsTwoAndWritesNothing()
    {
        var run = await RunAsync(null, "account", "new", "--name", "alice");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(PassphraseInput.Variable, run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task New_InvalidName_ExitsTwo(string name)
    {
        var run = await RunAsync(Passphrase, "account", "new", "--name", name);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Invalid account name", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task New_ExistingName_ExitsOneAndKeepsTheFile()
    {
        CreateCheaply("alice");
        var before = File.ReadAllBytes(Path.Combine(_directory.Path, "alice.json"));

        var run = await RunAsync(Passphrase, "account", "new", "--name", "alice");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exists already", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_directory.Path, "alice.json")));
    }

    [Fact]
    public async Task New_MissingName_IsUsageError()
    {
        var run = await RunAsync(Passphrase, "account", "new");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WithoutPassphrase_PrintsPublicData()
    {
        var carol = CreateCheaply("carol");

        var text = await RunAsync(null, "account", "show", "carol");
        var json = await RunAsync(null, "account", "show", "carol", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"account id      {carol.Id.ToBech32()}", text.Output, StringComparison.Ordinal);
        Assert.Contains($"file            {carol.Path}", text.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(carol.Id.ToBech32(), document.RootElement.GetProperty("accountId").GetString());
        Assert.Equal(carol.CurrentEncryptionKey.PublicKey.ToString(), document.RootElement.GetProperty("encryptionPublicKey").GetString());
    }

    [Fact]
    public async Task Show_Unknown_ExitsOne()
    {
        var run = await RunAsync(null, "account", "show", "nobody");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No account named nobody", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task List_WithoutPassphrase_ListsEveryAccountInNameOrder()
    {
        var dave = CreateCheaply("dave");
        var bob = CreateCheaply("bob");

        var text = await RunAsync(null, "account", "list");
        var json = await RunAsync(null, "account", "list", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.True(text.Output.IndexOf(bob.Id.ToBech32(), StringComparison.Ordinal) < text.Output.IndexOf(dave.Id.ToBech32(), StringComparison.Ordinal));
        Assert.NotEqual(-1, text.Output.IndexOf(bob.Id.ToBech32(), StringComparison.Ordinal));
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(["bob", "dave"], document.RootElement.EnumerateArray().Select(account => account.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task List_Empty_SaysSo()
    {
        var run = await RunAsync(null, "account", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No accounts.", run.Output.Trim());
    }

    [Fact]
    public async Task List_UnreadableFile_ListsTheRestAndExitsOne()
    {
        var bob = CreateCheaply("bob");
        File.WriteAllText(Path.Combine(_directory.Path, "eve.json"), """{"version":1}""");

        var run = await RunAsync(null, "account", "list", "--json");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(bob.Id.ToBech32(), Assert.Single(document.RootElement.EnumerateArray()).GetProperty("accountId").GetString());
        Assert.Contains("eve.json", run.Error, StringComparison.Ordinal);
    }

    private AccountSummary CreateCheaply(string name)
    {
        Assert.True(AccountBookTests.CheapBook(_directory.Path).TryCreate(name, System.Text.Encoding.UTF8.GetBytes(Passphrase), out var account, out var error), error?.Message);
        return account;
    }

    private async Task<CommandRun> RunAsync(string? passphrase, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [AccountBook.DirectoryVariable] = _directory.Path,
            [PassphraseInput.Variable] = passphrase,
        };
        var environment = new ClientEnvironment(name => variables.GetValueOrDefault(name), new StringReader(""));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ArcanumCommand.Create(environment).Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CommandRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CommandRun(int ExitCode, string Output, string Error);
}
