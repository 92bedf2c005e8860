using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Storage.Ledger;

/// <summary>The argument checks every <see cref="ILedgerStore"/> makes before it writes, so all stores refuse alike.</summary>
internal static class LedgerStoreArguments
{
    /// <summary>
    /// Throws unless <paramref name="root"/> is a 32-byte state root that is the empty tree's or a node in
    /// <paramref name="nodes"/>. Nodes are never deleted, so a root found here stays readable once a head names it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not 32 bytes.</exception>
    /// <exception cref="InvalidOperationException">The root's node is not stored.</exception>
    public static void RequireStoredRoot(ITreeNodeStore nodes, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Length != SparseMerkleTree.HashLength)
        {
            throw new ArgumentException($"A state root is {SparseMerkleTree.HashLength} bytes; got {root.Length}.", nameof(root));
        }

        if (!root.AsSpan().SequenceEqual(SparseMerkleTree.EmptyRoot) && nodes.Get(root) is null)
        {
            throw new InvalidOperationException($"State root {Convert.ToHexStringLower(root)} is not in the store; store its nodes before the head.");
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <c>transactions[i]</c> for a record that cannot belong to
    /// <paramref name="block"/>: a hash that is not 32 bytes, another height, an index outside the block, or a mix of
    /// the included shape (index, events) and the rejected one (reason, detail). The same shape is a CHECK constraint
    /// of <c>ledger_transactions</c>.
    /// </summary>
    public static void RequireRecordsOf(FinalizedBlock block, IReadOnlyList<LedgerTransactionRecord> transactions)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(transactions);
        for (var index = 0; index < transactions.Count; index++)
        {
            if (Problem(block, transactions[index]) is { } problem)
            {
                throw new ArgumentException($"transactions[{index}]: {problem}", nameof(transactions));
            }
        }
    }

    private static string? Problem(FinalizedBlock block, LedgerTransactionRecord? record) => record switch
    {
        null => "a record is required.",
        { Hash: not { Length: Transaction.HashLength } } => $"a transaction hash is {Transaction.HashLength} bytes.",
        _ when (ulong)record.Height != block.Header.Height || record.Height < 1 => $"the record names height {record.Height}, not the block's {block.Header.Height}.",
        { Index: { } position } when position < 0 || position >= block.Block.Transactions.Count =>
            $"index {position} is outside the block's {block.Block.Transactions.Count} transactions.",
        { Index: not null, Reason: not null } or { Index: not null, Detail: not null } => "an included transaction has no reason or detail.",
        { Index: null, Reason: null or "" } => "a rejected transaction needs a reason.",
        { Index: null, EventsJson: not null } => "a rejected transaction has no events.",
        _ => null,
    };
}
