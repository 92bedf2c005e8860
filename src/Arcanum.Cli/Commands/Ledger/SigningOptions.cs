using System.CommandLine;
using Arcanum.Cli.Accounts;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// The options of every command that signs a ledger transaction: the local account (<c>--as</c>), whether and how long
/// to wait for the outcome, and the committee key answers are verified with.
/// </summary>
internal sealed class SigningOptions
{
    /// <summary>How long a signing command waits for its transaction's outcome unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private SigningOptions()
    {
    }

    public Option<string> As { get; } = new("--as")
    {
        Description = $"The local account that signs (its passphrase: ${PassphraseInput.Variable} or a prompt).",
        Required = true,
    };

    public Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = "How long to wait for the transaction to be included or rejected, e.g. 30s, 2m (default 30s).",
    };

    public Option<bool> NoWait { get; } = new("--no-wait")
    {
        Description = "Print the transaction hash once it is pooled, without waiting for its outcome.",
    };

    public Option<string?> CommitteeKey { get; } = LedgerTrust.CreateOption();

    public static SigningOptions AddTo(Command command)
    {
        var options = new SigningOptions();
        command.Options.Add(options.As);
        command.Options.Add(options.Timeout);
        command.Options.Add(options.NoWait);
        command.Options.Add(options.CommitteeKey);
        return options;
    }

    /// <summary>How long to wait (null with <c>--no-wait</c>); a usage error for a malformed <c>--timeout</c>.</summary>
    public TimeSpan? WaitFor(ParseResult parseResult)
    {
        if (parseResult.GetValue(NoWait))
        {
            return null;
        }

        var text = parseResult.GetValue(Timeout);
        return text is null
            ? DefaultTimeout
            : Durations.TryParse(text) ?? throw new UsageException($"--timeout '{text}' is not a duration such as 500ms, 30s or 2m.");
    }
}
