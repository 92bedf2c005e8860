using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Arcanum.Cli.Accounts;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Crypto;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>A module call a command signs: module, call and the call's canonical args.</summary>
internal sealed record LedgerCall(string Module, string Call, byte[] Args);

/// <summary>
/// What a signing command's call builder may use: the ledger session, the unlocked account, the account book, and —
/// for <c>keystore rotate</c> — a way to add an encryption key to the account file with the passphrase already given.
/// </summary>
internal sealed class SigningContext(LedgerSession session, UnlockedAccount account, AccountBook book, byte[] passphrase, RandomNumberGenerator rng)
{
    public LedgerSession Session { get; } = session;

    public UnlockedAccount Account { get; } = account;

    public AccountBook Book { get; } = book;

    public RandomNumberGenerator Random { get; } = rng;

    /// <summary>Adds encryption key version n + 1 to the account file (<see cref="AccountBook.TryAddEncryptionKey"/>).</summary>
    public AccountSummary AddEncryptionKey() =>
        Book.TryAddEncryptionKey(Account.Name, passphrase, out var summary, out var error)
            ? summary
            : throw new CommandFailedException(error.Message);
}

/// <summary>
/// The common run of every command that signs (docs/cli.md, "Ledger commands"): unlock <c>--as</c>, resolve the
/// committee key, fetch the account's next nonce (verified), sign locally (<see cref="Transaction.Sign"/>), post, and —
/// unless <c>--no-wait</c> — poll the transaction every 100 ms until it is included (exit 0) or rejected (exit 1), or
/// the timeout passes (exit 1). The private key never leaves the process.
/// </summary>
internal static class LedgerSigning
{
    /// <summary>How often the outcome is polled.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A book over the accounts directory of <paramref name="environment"/>.</summary>
    public static AccountBook OpenBook(ClientEnvironment environment, RandomNumberGenerator rng) =>
        new(AccountBook.DefaultDirectory(environment.GetVariable), rng);

    /// <summary>
    /// The account id <paramref name="nameOrId"/> means (an id, or a local account's name); a usage error for
    /// something that is neither, a failure when no such local account exists.
    /// </summary>
    public static Arcanum.Ledger.Accounts.AccountId ResolveAccount(AccountBook book, string nameOrId, string option)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (book.TryResolveRecipient(nameOrId, out var id, out var error))
        {
            return id;
        }

        throw error.Problem == AccountProblem.InvalidName
            ? new UsageException($"{option}: {error.Message}")
            : new CommandFailedException($"{option}: {error.Message}");
    }

    /// <summary>Unlocks <c>--as</c>, builds the call with <paramref name="build"/>, signs, posts and reports the outcome.</summary>
    public static async Task<int> RunAsync(ClientInvocation invocation, SigningOptions options, Func<SigningContext, CancellationToken, Task<LedgerCall>> build,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(build);
        var wait = options.WaitFor(invocation.ParseResult);
        var name = invocation.ParseResult.GetRequiredValue(options.As);
        if (!AccountName.IsValid(name))
        {
            throw new UsageException($"--as: invalid account name '{name}': {AccountName.Rule}.");
        }

        using var rng = new SodiumRandomNumberGenerator();
        var book = OpenBook(invocation.Environment, rng);
        var passphrase = PassphraseInput.Read(invocation.Environment, invocation.Output.Error, confirm: false);
        try
        {
            using var account = Unlock(book, name, passphrase);
            var session = await LedgerSession.StartAsync(invocation, options.CommitteeKey, cancellationToken).ConfigureAwait(false);
            var call = await build(new SigningContext(session, account, book, passphrase, rng), cancellationToken).ConfigureAwait(false);
            var nonce = (await session.Client.GetAccountAsync(account.Id, session.Trust, cancellationToken).ConfigureAwait(false)).Value.NextNonce;
            var transaction = Transaction.Sign(session.ChainId, account.SigningKey, nonce, call.Module, call.Call, call.Args);
            return await SubmitAsync(session, transaction, wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passphrase);
        }
    }

    /// <summary>Opens <paramref name="name"/>; a usage error for an invalid name, a failure for a missing account or a wrong passphrase.</summary>
    public static UnlockedAccount Unlock(AccountBook book, string name, ReadOnlySpan<byte> passphrase)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (book.TryUnlock(name, passphrase, out var account, out var error))
        {
            return account;
        }

        throw error.Problem == AccountProblem.InvalidName ? new UsageException("--as: " + error.Message) : new CommandFailedException(error.Message);
    }

    private static async Task<int> SubmitAsync(LedgerSession session, Transaction transaction, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var hash = Hex.Encode(transaction.Hash());
        var submitted = await session.Client.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(submitted.Hash, hash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The coordinator answered with hash {submitted.Hash} for transaction {hash}.");
        }

        if (wait is not { } timeout)
        {
            WriteSubmitted(session.Output, submitted with { Hash = hash });
            return submitted.Status == "rejected" ? ClientAction.Failure : ClientAction.Success;
        }

        var status = await WaitAsync(session.Client, hash, timeout, cancellationToken).ConfigureAwait(false);
        WriteOutcome(session.Output, status);
        return status.Status == "included" ? ClientAction.Success : ClientAction.Failure;
    }

    /// <summary>Polls until the transaction is no longer pending; a 404 (not visible yet) counts as pending.</summary>
    private static async Task<LedgerTransactionStatus> WaitAsync(ArcanumClient client, string hash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var status = await client.GetTransactionAsync(hash, cancellationToken).ConfigureAwait(false);
                if (status.Status != "pending")
                {
                    return status;
                }
            }
            catch (ArcanumApiException e) when (e.Status == 404)
            {
                // Pooled durably before the 202, so it becomes visible; until then it is as good as pending.
            }

            if (clock.Elapsed >= timeout)
            {
                throw new CommandFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"Transaction {hash} is still pending after {timeout.TotalSeconds:0.###} s; it may yet be included (GET /v1/ledger/transactions/{hash})."));
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteSubmitted(CommandOutput output, LedgerSubmitResponse submitted)
    {
        if (output.Json)
        {
            output.WriteJson(submitted, LedgerJsonContext.Default.LedgerSubmitResponse);
            return;
        }

        output.WriteFields([("status", submitted.Status), ("hash", submitted.Hash)]);
    }

    /// <summary>included: height and events; rejected: reason and detail.</summary>
    public static void WriteOutcome(CommandOutput output, LedgerTransactionStatus status)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        if (output.Json)
        {
            output.WriteJson(status, LedgerJsonContext.Default.LedgerTransactionStatus);
            return;
        }

        var fields = new List<(string, string)> { ("status", status.Status), ("hash", status.Hash) };
        if (status.Height is { } height)
        {
            fields.Add(("height", height.ToString(CultureInfo.InvariantCulture)));
        }

        if (status.Reason is not null)
        {
            fields.Add(("reason", status.Reason));
        }

        if (status.Detail is not null)
        {
            fields.Add(("detail", status.Detail));
        }

        foreach (var ledgerEvent in status.Events ?? [])
        {
            fields.Add(("event", $"{ledgerEvent.Module}/{ledgerEvent.Name}" + string.Concat(ledgerEvent.Attributes.Select(a => $" {a.Key}={a.Value}"))));
        }

        output.WriteFields(fields);
    }
}
