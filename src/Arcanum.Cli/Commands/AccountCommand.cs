using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Arcanum.Cli.Accounts;
using Arcanum.Crypto;
using Arcanum.Crypto.Encoding;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum account new|show|list</c>: local account key files (docs/cli.md "Accounts"). Nothing is sent
/// anywhere; the keys are sealed in <c>$ARCANUM_ACCOUNTS_DIR</c> (default <c>~/.arcanum/accounts</c>).
/// </summary>
internal static class AccountCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("account", "Create and inspect local accounts: the keys that sign ledger transactions and decrypt messages.");
        command.Subcommands.Add(New(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(List(environment));
        return command;
    }

    private static Command New(ClientEnvironment environment)
    {
        var name = new Option<string>("--name") { Description = $"Account name: {AccountName.Rule}.", Required = true };
        var command = new Command("new", $"Generate an account's keys and seal them with a passphrase (${PassphraseInput.Variable} or a prompt).") { name };
        AccountAction.Attach(command, environment, (invocation, book) =>
        {
            var accountName = invocation.ParseResult.GetRequiredValue(name);
            if (!AccountName.IsValid(accountName))
            {
                throw new UsageException($"Invalid account name '{accountName}': {AccountName.Rule}.");
            }

            var passphrase = PassphraseInput.Read(environment, invocation.Output.Error, confirm: true);
            try
            {
                if (!book.TryCreate(accountName, passphrase, out var account, out var error))
                {
                    return Fail(invocation.Output, error);
                }

                Write(invocation.Output, account);
                return ClientAction.Success;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(passphrase);
            }
        });
        return command;
    }

    private static Command Show(ClientEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The account name." };
        var command = new Command("show", "Show an account's public data: account id and current encryption key (no passphrase needed).") { name };
        AccountAction.Attach(command, environment, (invocation, book) =>
        {
            if (!book.TryFind(invocation.ParseResult.GetRequiredValue(name), out var account, out var error))
            {
                return Fail(invocation.Output, error);
            }

            Write(invocation.Output, account);
            return ClientAction.Success;
        });
        return command;
    }

    private static Command List(ClientEnvironment environment)
    {
        var command = new Command("list", "List the local accounts (no passphrase needed); exit 1 if a file could not be read.");
        AccountAction.Attach(command, environment, (invocation, book) =>
        {
            var (accounts, unreadable) = book.List();
            WriteList(invocation.Output, accounts);
            foreach (var error in unreadable)
            {
                invocation.Output.WriteError(error.Message);
            }

            return unreadable.Count == 0 ? ClientAction.Success : ClientAction.Failure;
        });
        return command;
    }

    /// <summary>Invalid names are usage errors (2); every other refusal (exists, not found, wrong passphrase, bad file) exits 1.</summary>
    private static int Fail(CommandOutput output, AccountError error)
    {
        output.WriteError(error.Message);
        return error.Problem == AccountProblem.InvalidName ? ClientAction.Usage : ClientAction.Failure;
    }

    private static void Write(CommandOutput output, AccountSummary account)
    {
        if (output.Json)
        {
            output.WriteJson(AccountJson.From(account), AccountJsonContext.Default.AccountJson);
            return;
        }

        output.WriteFields([
            ("name", account.Name),
            ("account id", account.Id.ToBech32()),
            ("hex", account.Id.ToHex()),
            ("encryption key", $"v{account.CurrentEncryptionKey.Version.ToString(CultureInfo.InvariantCulture)} {Hex.Encode(account.CurrentEncryptionKey.PublicKey.AsSpan())}"),
            ("file", account.Path),
        ]);
    }

    private static void WriteList(CommandOutput output, IReadOnlyList<AccountSummary> accounts)
    {
        if (output.Json)
        {
            output.WriteJson([.. accounts.Select(AccountJson.From)], AccountJsonContext.Default.AccountJsonArray);
            return;
        }

        if (accounts.Count == 0)
        {
            output.Out.WriteLine("No accounts.");
            return;
        }

        var table = new Table().AddColumns("name", "account id", "key version", "encryption key");
        foreach (var account in accounts)
        {
            table.AddRow(
                Markup.Escape(account.Name),
                account.Id.ToBech32(),
                account.CurrentEncryptionKey.Version.ToString(CultureInfo.InvariantCulture),
                Hex.Encode(account.CurrentEncryptionKey.PublicKey.AsSpan()));
        }

        output.Console.Write(table);
    }

    /// <summary>
    /// Runs an account command with the exit codes of <see cref="ClientAction"/> (0 done, 1 refused, 2 usage,
    /// parse errors included) but without a coordinator: the handler gets the account book instead of a client.
    /// </summary>
    private sealed class AccountAction(Option<bool> json, ClientEnvironment environment, Func<AccountInvocation, AccountBook, int> handler)
        : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public static void Attach(Command command, ClientEnvironment environment, Func<AccountInvocation, AccountBook, int> handler)
        {
            var json = new Option<bool>("--json") { Description = "Machine output: one JSON document on standard output." };
            command.Options.Add(json);
            command.Action = new AccountAction(json, environment, handler);
        }

        public override int Invoke(ParseResult parseResult)
        {
            var output = CommandOutput.For(parseResult, parseResult.GetValue(json));
            var parseErrors = parseResult.Errors.Select(error => error.Message)
                .Concat(parseResult.UnmatchedTokens.Select(token => $"Unrecognized argument '{token}'."))
                .ToList();
            if (parseErrors.Count > 0)
            {
                parseErrors.ForEach(output.WriteError);
                output.Error.WriteLine($"See '{parseResult.CommandResult.Command.Name} --help'.");
                return ClientAction.Usage;
            }

            try
            {
                using var rng = new SodiumRandomNumberGenerator();
                var book = new AccountBook(AccountBook.DefaultDirectory(environment.GetVariable), rng);
                return handler(new AccountInvocation(parseResult, output), book);
            }
            catch (UsageException e)
            {
                output.WriteError(e.Message);
                return ClientAction.Usage;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                output.WriteError($"The account directory could not be written: {e.Message}");
                return ClientAction.Failure;
            }
        }
    }

    private sealed record AccountInvocation(ParseResult ParseResult, CommandOutput Output);
}

/// <summary>An account's public data as <c>--json</c> prints it.</summary>
internal sealed record AccountJson(string Name, string AccountId, string AccountIdHex, uint EncryptionKeyVersion, string EncryptionPublicKey,
    AccountEncryptionKeyJson[] EncryptionKeys)
{
    public static AccountJson From(AccountSummary account) => new(
        account.Name,
        account.Id.ToBech32(),
        account.Id.ToHex(),
        account.CurrentEncryptionKey.Version,
        Hex.Encode(account.CurrentEncryptionKey.PublicKey.AsSpan()),
        [.. account.EncryptionKeys.Select(key => new AccountEncryptionKeyJson(key.Version, Hex.Encode(key.PublicKey.AsSpan())))]);
}

/// <summary>One encryption key version in <see cref="AccountJson"/>.</summary>
internal sealed record AccountEncryptionKeyJson(uint Version, string PublicKey);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccountJson))]
[JsonSerializable(typeof(AccountJson[]))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;
