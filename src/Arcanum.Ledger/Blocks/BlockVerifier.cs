using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// What every node does before it contributes to the committee signature (issue 8, "Blocks"): re-executes the
/// proposed block on its own copy of the state and checks, in this order, stopping at the first failure —
/// height = parent + 1, prevHash = hash of the parent header, time ≥ parent time, its own state is at the parent's
/// state root, txRoot, every transaction included on re-execution, eventsRoot, stateRoot. A node signs only a block
/// that passes; otherwise the <see cref="BlockFinding"/> says why it refuses.
/// </summary>
public sealed class BlockVerifier
{
    private readonly string _chainId;
    private readonly TransactionExecutor _executor;

    /// <summary>A verifier for <paramref name="chainId"/> running <paramref name="executor"/>.</summary>
    public BlockVerifier(string chainId, TransactionExecutor executor)
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
    /// Checks <paramref name="proposed"/> as the child of <paramref name="parent"/> against the node's own
    /// <paramref name="state"/> (see the type). Re-execution runs on a separate handle over the same node store:
    /// <paramref name="state"/> itself never moves; a valid result carries a handle at the block's state root.
    /// </summary>
    public BlockVerification Verify(BlockHeader parent, SparseMerkleTree state, Block proposed)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(proposed);
        var header = proposed.Header;
        var linkFinding = CheckLink(parent, header);
        if (linkFinding is not null)
        {
            return BlockVerification.Refused(linkFinding.Fault, linkFinding.Detail);
        }

        if (!state.IsAt(parent.StateRoot))
        {
            return BlockVerification.Refused(BlockFault.ParentStateMismatch, $"this node's state root is {Hex(state.Root)}, the parent's is {Hex(parent.StateRoot)}");
        }

        var txRoot = BlockRoots.TxRoot(proposed.Transactions);
        if (!txRoot.AsSpan().SequenceEqual(header.TxRoot))
        {
            return Mismatch(BlockFault.TxRootMismatch, "txRoot", header.TxRoot, txRoot);
        }

        var replay = state.At(parent.StateRoot);
        var view = replay.OpenView();
        var context = new BlockContext(_chainId, header.Height, header.TimeUnixMilliseconds);
        var outcomes = new List<TxOutcome>(proposed.Transactions.Count);
        foreach (var (transaction, index) in proposed.Transactions.Select((t, i) => (t, i)))
        {
            var outcome = _executor.Execute(view, transaction, context);
            if (!outcome.IsIncluded)
            {
                return BlockVerification.Refused(BlockFault.TransactionRejected, $"transaction {index} ({Hex(transaction.Hash())}) is rejected on re-execution: {outcome.Reason}");
            }

            outcomes.Add(outcome);
        }

        var eventsRoot = BlockRoots.EventsRoot(outcomes);
        if (!eventsRoot.AsSpan().SequenceEqual(header.EventsRoot))
        {
            return Mismatch(BlockFault.EventsRootMismatch, "eventsRoot", header.EventsRoot, eventsRoot);
        }

        var stateRoot = view.Commit();
        return stateRoot.AsSpan().SequenceEqual(header.StateRoot)
            ? BlockVerification.Valid(outcomes, replay)
            : Mismatch(BlockFault.StateRootMismatch, "stateRoot", header.StateRoot, stateRoot);
    }

    /// <summary>The checks that need only the two headers: height, prevHash, time; null when they pass.</summary>
    internal static BlockFinding? CheckLink(BlockHeader parent, BlockHeader header)
    {
        if (parent.Height == ulong.MaxValue)
        {
            return new BlockFinding(BlockFault.WrongHeight, "the parent is at the last height a chain can have");
        }

        if (header.Height != parent.Height + 1)
        {
            return new BlockFinding(BlockFault.WrongHeight, $"expected height {parent.Height + 1}, the block has {header.Height}");
        }

        var parentHash = parent.Hash();
        if (!parentHash.AsSpan().SequenceEqual(header.PrevHash))
        {
            return new BlockFinding(BlockFault.PrevHashMismatch, $"prevHash is {Hex(header.PrevHash)}, the parent's hash is {Hex(parentHash)}");
        }

        return header.TimeUnixMilliseconds < parent.TimeUnixMilliseconds
            ? new BlockFinding(BlockFault.TimeBeforeParent, $"time {header.TimeUnixMilliseconds} is before the parent's {parent.TimeUnixMilliseconds}")
            : null;
    }

    private static BlockVerification Mismatch(BlockFault fault, string field, byte[] claimed, byte[] computed) =>
        BlockVerification.Refused(fault, $"the block's {field} is {Hex(claimed)}, re-execution gives {Hex(computed)}");

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
