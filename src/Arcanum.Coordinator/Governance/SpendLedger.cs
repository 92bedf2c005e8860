using System.Globalization;
using System.Numerics;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Policy;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// The operations policy windows count: each governed operation is recorded when it starts running (at once
/// when allowed, when its quorum is reached when approved) — before its signing sessions, so a failed
/// signature still counts against a budget (the conservative side for a custody limit).
/// </summary>
internal sealed class SpendLedger(IGovernanceStore store, TimeProvider time)
{
    /// <summary>The longest window a policy may declare; history older than this never counts.</summary>
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>Records the operation under its key (an operation without a key, key_create, has no history to count).</summary>
    public Task RecordAsync(PreparedOperation operation, CallerIdentity initiator, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(initiator);
        if (operation.KeyId.Length == 0)
        {
            return Task.CompletedTask;
        }

        var facts = operation.Facts;
        return store.InsertSpendAsync(
            new SpendRecord(
                requestId, operation.KeyId, initiator.Name, operation.Operation, facts?.Chains.FirstOrDefault() ?? "", facts?.Asset ?? "",
                facts?.Amount?.ToString(CultureInfo.InvariantCulture) ?? "", time.GetUtcNow()),
            cancellationToken);
    }

    /// <summary>The key's recorded operations within the longest possible window (none for an operation without a key).</summary>
    public async Task<IReadOnlyList<PastOperation>> HistoryAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (keyId.Length == 0)
        {
            return [];
        }

        var spends = await store.ListSpendsAsync(keyId, now - MaxWindow, cancellationToken);
        return [.. spends.Select(s => new PastOperation(
            s.KeyId, s.InitiatorName, s.Operation, s.Chain, s.Asset,
            s.Amount.Length == 0 ? null : BigInteger.Parse(s.Amount, NumberStyles.None, CultureInfo.InvariantCulture), s.At))];
    }
}
