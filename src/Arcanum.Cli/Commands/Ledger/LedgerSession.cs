using System.CommandLine;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// One ledger command's view of the coordinator: its status (chain id, head) and the trust anchor that every
/// answer is verified with (<see cref="LedgerTrust"/>).
/// </summary>
internal sealed record LedgerSession(ClientInvocation Invocation, LedgerStatusInfo Status, LedgerTrustAnchor Trust)
{
    public ArcanumClient Client => Invocation.Client;

    public CommandOutput Output => Invocation.Output;

    public string ChainId => Trust.ChainId;

    /// <summary>Fetches the status and resolves the trust anchor.</summary>
    public static async Task<LedgerSession> StartAsync(ClientInvocation invocation, Option<string?> keyOption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var status = await invocation.Client.GetLedgerStatusAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerSession(invocation, status, LedgerTrust.Resolve(invocation, keyOption, status));
    }
}
