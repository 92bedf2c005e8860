using System.Globalization;
using System.Numerics;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Policy;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// The operations policy windows count: while the active policy has a window, each governed operation is recorded
/// when it starts running (at once when allowed, when its quorum is reached when approved) — before its signing
/// sessions, so a failed signature still counts against a budget (the conservative side for a custody limit).
/// Under a policy without windows nothing is recorded (and nothing read): a window counts the operations since a
/// policy with windows became active.
/// </summary>
internal sealed class SpendLedger(IGovernanceStore store, TimeProvider time)
{
    /// <summary>Records the operation under its key when <paramref name="policy"/> has a window (an operation without a key, key_create, has no history to count).</summary>
    public Task RecordAsync(PreparedOperation operation, CallerIdentity initiator, string requestId, PolicyDocument? policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(initiator);
        if (operation.KeyId.Length == 0 || policy is not { LongestWindowSeconds: > 0 })
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

    /// <summary>
    /// The key's recorded operations within <paramref name="policy"/>'s longest window — none when it has no
    /// window or the operation has no key, so a policy without windows reads no history at all.
    /// </summary>
    public async Task<IReadOnlyList<PastOperation>> HistoryAsync(string keyId, PolicyDocument policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (keyId.Length == 0 || policy.LongestWindowSeconds == 0)
        {
            return [];
        }

        var spends = await store.ListSpendsAsync(keyId, now.AddSeconds(-policy.LongestWindowSeconds), cancellationToken);
        return [.. spends.Select(s => new PastOperation(
            s.KeyId, s.InitiatorName, s.Operation, s.Chain, s.Asset,
            s.Amount.Length == 0 ? null : BigInteger.Parse(s.Amount, NumberStyles.None, CultureInfo.InvariantCulture), s.At))];
    }
}
