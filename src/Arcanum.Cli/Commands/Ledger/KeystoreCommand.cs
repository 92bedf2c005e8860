using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Contracts;
using Arcanum.Crypto;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Queries;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// <c>arcanum keystore register|rotate|show</c> (issue 8, keystore module; docs/cli.md "arcanum keystore"). Keystore
/// versions are the account file's versions: register publishes version 1, each rotation the next one, so a reader
/// finds the private key of an envelope's key version in its own file.
/// </summary>
internal static class KeystoreCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("keystore", "Publish and inspect accounts' end-to-end encryption keys on the ledger.");
        command.Subcommands.Add(Register(environment));
        command.Subcommands.Add(Rotate(environment));
        command.Subcommands.Add(Show(environment));
        return command;
    }

    private static Command Register(ClientEnvironment environment)
    {
        var command = new Command("register", "Register the account's X25519 encryption key (version 1) and Ed25519 signing key (keystore.register_key).");
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) => LedgerSigning.RunAsync(invocation, signing, (context, _) =>
        {
            var account = context.Account;
            if (account.CurrentEncryptionKey.Version != 1)
            {
                throw new CommandFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"Account {account.Name} is at encryption key version {account.CurrentEncryptionKey.Version}; the keystore registers version 1. Use a fresh account."));
            }

            var args = new RegisterKeyArgs(account.CurrentEncryptionKey.PrivateKey.PublicKey.AsSpan().ToArray(), account.SigningKey.PublicKey.Bytes.ToArray());
            return Task.FromResult(new LedgerCall(KeystoreModule.ModuleName, KeystoreModule.RegisterKey, args.Encode()));
        }, cancellationToken));
        return command;
    }

    private static Command Rotate(ClientEnvironment environment)
    {
        var command = new Command("rotate",
            "Add a new X25519 encryption key to the account file and publish it (keystore.rotate_key); older keys stay in the file to read older messages.");
        var signing = SigningOptions.AddTo(command);
        ClientAction.Attach(command, environment, (invocation, cancellationToken) => LedgerSigning.RunAsync(invocation, signing, async (context, token) =>
        {
            var session = context.Session;
            var published = (await session.Client.GetKeystoreAsync(context.Account.Id, session.Trust, token).ConfigureAwait(false)).Value;
            var key = NextKey(context, published);
            return new LedgerCall(KeystoreModule.ModuleName, KeystoreModule.RotateKey, new RotateKeyArgs(key).Encode());
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The key to publish as version n + 1 of the ledger's n: a new one when the file is at n too; the file's newest when
    /// it is at n + 1 already (a rotation whose transaction did not make it); otherwise the two are out of step.
    /// </summary>
    private static byte[] NextKey(SigningContext context, KeystoreView published)
    {
        var account = context.Account;
        if (!published.Registered)
        {
            throw new CommandFailedException($"Account {account.Name} has no keys on the ledger; run 'arcanum keystore register --as {account.Name}' first.");
        }

        var local = account.CurrentEncryptionKey;
        if (local.Version == published.Version)
        {
            if (published.EncryptionKey != local.PrivateKey.PublicKey.ToString())
            {
                throw new CommandFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"The ledger's key version {published.Version} of {account.Name} is not the account file's; refusing to rotate."));
            }

            return context.AddEncryptionKey().CurrentEncryptionKey.PublicKey.AsSpan().ToArray();
        }

        if (local.Version == published.Version + 1)
        {
            context.Session.Output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Publishing the account file's key version {local.Version}, added by an earlier rotation that did not reach the ledger."));
            return local.PrivateKey.PublicKey.AsSpan().ToArray();
        }

        throw new CommandFailedException(string.Create(CultureInfo.InvariantCulture,
            $"The account file of {account.Name} is at key version {local.Version} and the ledger at {published.Version}; they are out of step."));
    }

    private static Command Show(ClientEnvironment environment)
    {
        var account = new Argument<string?>("account") { Description = "An account id (arc1… or hex) or a local account name.", Arity = ArgumentArity.ZeroOrOne };
        var self = new Option<string?>("--as") { Description = "A local account name (instead of ACCOUNT)." };
        var key = LedgerTrust.CreateOption();
        var command = new Command("show", "Show an account's published keys and rotation history, verified against the committee key.") { account, self, key };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var given = invocation.ParseResult.GetValue(account);
            var name = invocation.ParseResult.GetValue(self);
            if ((given is null) == (name is null))
            {
                throw new UsageException("Give exactly one of ACCOUNT and --as NAME.");
            }

            using var rng = new SodiumRandomNumberGenerator();
            var id = LedgerSigning.ResolveAccount(LedgerSigning.OpenBook(invocation.Environment, rng), (given ?? name)!, given is null ? "--as" : "ACCOUNT");
            var session = await LedgerSession.StartAsync(invocation, key, cancellationToken).ConfigureAwait(false);
            var answer = await session.Client.GetKeystoreAsync(id, session.Trust, cancellationToken).ConfigureAwait(false);
            Write(invocation.Output, answer);
            return ClientAction.Success;
        });
        return command;
    }

    private static void Write(CommandOutput output, LedgerAnswer<KeystoreView> answer)
    {
        if (output.Json)
        {
            output.WriteJson(answer, LedgerJsonContext.Default.LedgerAnswerKeystoreView);
            return;
        }

        var view = answer.Value;
        var fields = new List<(string, string)> { ("account", view.Account), ("height", answer.Height.ToString(CultureInfo.InvariantCulture)) };
        if (!view.Registered)
        {
            fields.Add(("registered", "no"));
            output.WriteFields(fields);
            return;
        }

        fields.Add(("version", view.Version.ToString(CultureInfo.InvariantCulture)));
        fields.Add(("encryption key", view.EncryptionKey!));
        fields.Add(("signing key", view.SigningKey!));
        fields.AddRange(view.History.Select(entry => ("history", string.Create(CultureInfo.InvariantCulture, $"v{entry.Version} {entry.EncryptionKey} at height {entry.Height}"))));
        output.WriteFields(fields);
    }
}
