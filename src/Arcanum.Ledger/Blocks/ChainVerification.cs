using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// The result of a <see cref="ChainVerifier"/> run: the last header that verified (the head), how many blocks
/// were replayed, the state at the head, and — when the chain is bad — the first height that failed and why.
/// </summary>
public sealed class ChainVerification
{
    internal ChainVerification(BlockHeader head, int blocksVerified, SparseMerkleTree state, ulong? failedHeight, BlockFinding? finding)
    {
        Head = head;
        BlocksVerified = blocksVerified;
        State = state;
        FailedHeight = failedHeight;
        Finding = finding;
    }

    /// <summary>True when every block verified.</summary>
    public bool IsValid => Finding is null;

    /// <summary>The last header that verified (genesis or the snapshot header when the first block fails).</summary>
    public BlockHeader Head { get; }

    /// <summary>The number of blocks after genesis (or the snapshot) that verified.</summary>
    public int BlocksVerified { get; }

    /// <summary>The tree at <see cref="Head"/>'s state root.</summary>
    public SparseMerkleTree State { get; }

    /// <summary>The first height that could not be verified (for a missing block, the height that is missing); null when valid.</summary>
    public ulong? FailedHeight { get; }

    /// <summary>Why that height failed; null when valid.</summary>
    public BlockFinding? Finding { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        Finding is null ? $"valid up to height {Head.Height} ({BlocksVerified} blocks)" : $"height {FailedHeight}: {Finding}";
}
