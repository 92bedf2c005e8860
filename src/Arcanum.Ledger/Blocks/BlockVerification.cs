using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// The result of <see cref="BlockVerifier.Verify"/>: either the block reproduces (the outcomes of re-execution and a
/// handle on the tree at the block's state root), or the first check that failed.
/// </summary>
public sealed class BlockVerification
{
    private BlockVerification(BlockFinding? finding, IReadOnlyList<TxOutcome> outcomes, SparseMerkleTree? state)
    {
        Finding = finding;
        Outcomes = outcomes;
        State = state;
    }

    /// <summary>True when every check passed: the node may sign the header.</summary>
    public bool IsValid => Finding is null;

    /// <summary>The first failed check, or null when valid.</summary>
    public BlockFinding? Finding { get; }

    /// <summary>The outcome of each transaction of a valid block, in block order; empty otherwise.</summary>
    public IReadOnlyList<TxOutcome> Outcomes { get; }

    /// <summary>The tree at the block's state root when valid; null otherwise.</summary>
    public SparseMerkleTree? State { get; }

    internal static BlockVerification Valid(IReadOnlyList<TxOutcome> outcomes, SparseMerkleTree state) => new(null, outcomes, state);

    internal static BlockVerification Refused(BlockFault fault, string detail) => new(new BlockFinding(fault, detail), [], null);

    /// <inheritdoc/>
    public override string ToString() => Finding?.ToString() ?? "valid";
}
