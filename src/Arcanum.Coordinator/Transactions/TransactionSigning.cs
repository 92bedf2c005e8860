using Arcanum.Coordinator.Sessions;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// Runs the signing sessions a <see cref="TransactionPlan"/> needs — one per signature, at most
/// <see cref="MaxConcurrentSessions"/> at a time — and lets the plan assemble the signed transaction. Every
/// signature has been verified by the coordinator under the (derived, tweaked) key before the plan sees it.
/// </summary>
internal static class TransactionSigning
{
    /// <summary>A transaction needing more signatures than this from one key is refused: split it.</summary>
    public const int MaxSignatures = 256;

    public const int MaxConcurrentSessions = 8;

    public static async Task<object> SignAsync(
        IKeyOperations operations, string keyId, IReadOnlyList<uint> path, TransactionPlan plan, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(plan);
        var produced = new ProducedSignature[plan.Signatures.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSessions, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, produced.Length), parallel, async (index, token) =>
        {
            var planned = plan.Signatures[index];
            var signed = await operations.SignAsync(keyId, planned.Payload, path, planned.Taproot, approval, token);
            produced[index] = new ProducedSignature(Convert.FromHexString(signed.Signature), signed.RecoveryId ?? 0);
        });
        return plan.Complete(produced);
    }
}
