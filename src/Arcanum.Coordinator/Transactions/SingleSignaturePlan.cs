namespace Arcanum.Coordinator.Transactions;

/// <summary>A transaction that takes one signature (EVM, Solana, Cosmos, Tron, and EVM messages).</summary>
internal abstract class SingleSignaturePlan(PlannedSignature signature) : TransactionPlan
{
    public sealed override IReadOnlyList<PlannedSignature> Signatures { get; } = [signature];

    public sealed override object Complete(IReadOnlyList<ProducedSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        return signatures.Count == 1
            ? Complete(signatures[0])
            : throw new ArgumentException($"{signatures.Count} signatures for one planned signature.", nameof(signatures));
    }

    /// <summary>The response for the one signature.</summary>
    protected abstract object Complete(ProducedSignature signature);
}
