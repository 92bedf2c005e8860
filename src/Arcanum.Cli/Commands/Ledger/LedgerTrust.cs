using System.CommandLine;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// Where a ledger command gets the committee key it checks answers with (docs/cli.md, "Ledger trust"):
/// <c>--committee-key HEX</c> or <c>$ARCANUM_COMMITTEE_KEY</c> when given (never pinned); otherwise the key pinned for
/// this coordinator address and chain id (<see cref="CommitteePins"/>), pinning the coordinator's reported key on first
/// use. A reported key that differs from the pin is refused. The chain id is the coordinator's: it is bound in every
/// signed header, so a wrong one only makes verification fail.
/// </summary>
internal static class LedgerTrust
{
    /// <summary>The variable that gives the committee key.</summary>
    public const string KeyVariable = "ARCANUM_COMMITTEE_KEY";

    /// <summary>The <c>--committee-key</c> option (add it to every command that verifies).</summary>
    public static Option<string?> CreateOption() => new("--committee-key")
    {
        Description = $"The committee's Ed25519 public key (64 hex digits) to verify ledger answers with (default: ${KeyVariable}, else the key pinned on first use).",
    };

    /// <summary>The trust anchor for the coordinator of <paramref name="invocation"/>, given its <paramref name="status"/>.</summary>
    /// <exception cref="UsageException">The given key is not 64 hex digits.</exception>
    /// <exception cref="CommandFailedException">The pins file cannot be read, or the reported key differs from the pin.</exception>
    public static LedgerTrustAnchor Resolve(ClientInvocation invocation, Option<string?> keyOption, LedgerStatusInfo status)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(status);
        if (!Transaction.IsValidChainId(status.ChainId))
        {
            throw new InvalidDataException($"The coordinator reports an invalid chain id '{status.ChainId}'.");
        }

        var given = invocation.ParseResult.GetValue(keyOption) ?? invocation.Environment.GetVariable(KeyVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new LedgerTrustAnchor(ParseKey(given.Trim()) ?? throw new UsageException(
                $"The committee key '{given}' is not {2 * Ed25519PublicKey.Length} hex digits (--committee-key / ${KeyVariable})."), status.ChainId);
        }

        var reported = ParseKey(status.CommitteeKey)
            ?? throw new InvalidDataException($"The coordinator reports a committee key that is not {2 * Ed25519PublicKey.Length} hex digits.");
        var path = CommitteePins.DefaultPath(invocation.Environment.GetVariable);
        if (!CommitteePins.TryLoad(path, out var pins, out var error))
        {
            throw new CommandFailedException($"The committee key pins cannot be read: {error}.");
        }

        var address = invocation.Client.Address;
        var pinned = pins.Find(address, status.ChainId);
        if (pinned is null)
        {
            try
            {
                pins.Add(address, status.ChainId, reported.ToString());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CommandFailedException($"The committee key could not be pinned in {pins.Path}: {e.Message}");
            }

            invocation.Output.Error.WriteLine($"Pinned committee key {reported} for chain {status.ChainId} at {address} (first use; {pins.Path}).");
            return new LedgerTrustAnchor(reported, status.ChainId);
        }

        if (!string.Equals(pinned, reported.ToString(), StringComparison.Ordinal))
        {
            throw new CommandFailedException(
                $"The coordinator at {address} reports committee key {reported} for chain {status.ChainId}, but {pinned} was pinned on first use ({pins.Path}). " +
                "Refusing to trust the new key: if the committee really changed, remove that pin or pass --committee-key.");
        }

        return new LedgerTrustAnchor(reported, status.ChainId);
    }

    /// <summary>The key of 64 hex digits, or null.</summary>
    public static Ed25519PublicKey? ParseKey(string? hex) =>
        hex is { Length: 2 * Ed25519PublicKey.Length } && Hex.TryDecode(hex, out var bytes) ? Ed25519PublicKey.FromBytes(bytes) : null;
}
