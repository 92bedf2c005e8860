using System.Numerics;

namespace Arcanum.Coordinator.Policy;

/// <summary>
/// The earlier operations a window counts (docs/policy.md, "Windows"): same key id (and, per initiator, same
/// initiator name), same operation, at a time strictly after now − seconds. <see cref="Sum"/> adds the amounts of
/// those on the same chain and asset as this transaction; it is null when this transaction has no asset or when
/// one of the summed amounts is unknown.
/// </summary>
internal readonly record struct WindowCount(int Count, BigInteger? Sum)
{
    public static WindowCount Of(WindowCondition window, OperationRequest request, IReadOnlyList<PastOperation> history, DateTimeOffset now)
    {
        var since = Since(now, window.Seconds);
        var facts = request.Transaction;
        var count = 0;
        BigInteger? sum = facts?.Asset is null ? null : BigInteger.Zero;
        foreach (var past in history)
        {
            if (past.At <= since
                || past.KeyId != request.KeyId
                || past.Operation != request.Operation
                || (window.Per == WindowScope.Initiator && past.InitiatorName != request.Initiator.Name))
            {
                continue;
            }

            count++;
            if (sum is not null && facts!.Chains.Contains(past.Chain, StringComparer.Ordinal)
                && ChainValueComparer.Instance.Equals(past.Asset, facts.Asset))
            {
                sum = past.Amount is { } amount ? sum + amount : null;
            }
        }

        return new WindowCount(count, sum);
    }

    /// <summary>now − seconds, clamped at the earliest representable time.</summary>
    private static DateTimeOffset Since(DateTimeOffset now, int seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return now - DateTimeOffset.MinValue < span ? DateTimeOffset.MinValue : now - span;
    }
}
