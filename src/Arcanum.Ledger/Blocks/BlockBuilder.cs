using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// What the sequencer does to make a block (issue 8, "Blocks"): executes the pending transactions in order over the
/// parent's state, keeps the included ones in the block and reports the rejected ones (which change nothing and are
/// left out), computes txRoot, eventsRoot and stateRoot, and commits the state. A block holds at most
/// <c>maxTransactions</c> included transactions and <see cref="Block.MaxEncodedLength"/> bytes; once full, the rest of
/// the pending list is deferred untouched.
/// </summary>
public sealed class BlockBuilder
{
    private readonly string _chainId;
    private readonly TransactionExecutor _executor;

    /// <summary>A builder for <paramref name="chainId"/> running <paramref name="executor"/>.</summary>
    public BlockBuilder(string chainId, TransactionExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (!Transaction.IsValidChainId(chainId))
        {
            throw new ArgumentException("A chain id is 1–64 characters from [a-z0-9-].", nameof(chainId));
        }

        _chainId = chainId;
        _executor = executor;
    }

    /// <summary>
    /// Builds the child of <paramref name="parent"/> at <paramref name="timeUnixMilliseconds"/> from
    /// <paramref name="pending"/>. <paramref name="tree"/> must be at the parent's state root; it is moved to the new
    /// block's state root (its older roots stay readable, so a block that does not finalize is abandoned by reopening
    /// the parent root with <see cref="SparseMerkleTree.At"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The tree is not at the parent's state root, the time is before the
    /// parent's, or <paramref name="maxTransactions"/> is outside 0 … <see cref="Block.MaxTransactions"/>.</exception>
    public BuiltBlock Build(BlockHeader parent, SparseMerkleTree tree, IReadOnlyList<Transaction> pending, ulong timeUnixMilliseconds, int maxTransactions = Block.MaxTransactions)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTransactions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxTransactions, Block.MaxTransactions);
        if (!tree.IsAt(parent.StateRoot))
        {
            throw new ArgumentException("The tree is not at the parent's state root.", nameof(tree));
        }

        if (timeUnixMilliseconds < parent.TimeUnixMilliseconds)
        {
            throw new ArgumentException("A block's time is never before its parent's.", nameof(timeUnixMilliseconds));
        }

        var context = new BlockContext(_chainId, checked(parent.Height + 1), timeUnixMilliseconds);
        var view = tree.OpenView();
        var included = new List<Transaction>();
        var outcomes = new List<TxOutcome>();
        var processed = new List<ProcessedTransaction>();
        long size = Block.EmptyEncodedLength;
        foreach (var transaction in pending)
        {
            var cost = Block.EncodedCost(transaction);
            if (included.Count == maxTransactions || size + cost > Block.MaxEncodedLength)
            {
                break;
            }

            var outcome = _executor.Execute(view, transaction, context);
            processed.Add(new ProcessedTransaction(transaction, outcome));
            if (outcome.IsIncluded)
            {
                included.Add(transaction);
                outcomes.Add(outcome);
                size += cost;
            }
        }

        var stateRoot = view.Commit();
        var header = BlockHeader.Create(
            context.Height,
            parent.Hash(),
            timeUnixMilliseconds,
            BlockRoots.TxRoot(included),
            stateRoot,
            BlockRoots.EventsRoot(outcomes));
        return new BuiltBlock(Block.Create(header, included), processed, [.. pending.Skip(processed.Count)]);
    }
}
