using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>A pending transaction the builder executed, and its outcome (included ones are in the block).</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Outcome">Included with its events, or rejected with its reason.</param>
public sealed record ProcessedTransaction(Transaction Transaction, TxOutcome Outcome);

/// <summary>What <see cref="BlockBuilder.Build"/> produced.</summary>
/// <param name="Block">The block, carrying the included transactions in order.</param>
/// <param name="Processed">Every executed pending transaction in pending order, included or rejected.</param>
/// <param name="Deferred">The pending transactions not executed because the block was full, in order.</param>
public sealed record BuiltBlock(Block Block, IReadOnlyList<ProcessedTransaction> Processed, IReadOnlyList<Transaction> Deferred)
{
    /// <summary>The state root after the block.</summary>
    public byte[] StateRoot => Block.Header.StateRoot;

    /// <summary>The rejected transactions with their reasons, in pending order.</summary>
    public IEnumerable<ProcessedTransaction> Rejected => Processed.Where(p => !p.Outcome.IsIncluded);
}
