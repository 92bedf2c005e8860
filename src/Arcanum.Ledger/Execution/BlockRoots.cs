using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Execution;

/// <summary>
/// The roots a block header commits to, as <see cref="MerkleTree"/> roots over the block's transactions in block order:
/// txRoot over each transaction's signed form (<see cref="Transaction.EncodeSigned"/>), eventsRoot over each
/// transaction's outcome (<see cref="TxOutcome.Encode"/>: its events if included, its reason code if rejected).
/// </summary>
public static class BlockRoots
{
    /// <summary>The txRoot of <paramref name="transactions"/>.</summary>
    public static byte[] TxRoot(IEnumerable<Transaction> transactions) =>
        MerkleTree.Root([.. transactions.Select(t => t.EncodeSigned())]);

    /// <summary>The eventsRoot of <paramref name="outcomes"/>, one per transaction in block order.</summary>
    public static byte[] EventsRoot(IEnumerable<TxOutcome> outcomes) =>
        MerkleTree.Root([.. outcomes.Select(o => o.Encode())]);
}
