using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// Replays a chain and checks everything a client would otherwise have to trust (the core of
/// <c>arcanum ledger verify</c>): for each finalized block in order, its committee signature, then every check of
/// <see cref="BlockVerifier"/> — height, prevHash, time, txRoot, every transaction included on re-execution,
/// eventsRoot, stateRoot. It stops at the first failure and reports that height and why. It starts either from
/// genesis (computed from the <see cref="ChainConfig"/>) or from a signed state snapshot.
/// </summary>
public sealed class ChainVerifier
{
    private readonly ChainConfig _config;
    private readonly BlockVerifier _blocks;

    /// <summary>A verifier for the chain of <paramref name="config"/>, re-executing with <paramref name="executor"/>.</summary>
    public ChainVerifier(ChainConfig config, TransactionExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _blocks = new BlockVerifier(config.ChainId, executor);
    }

    /// <summary>
    /// Builds genesis in a fresh tree over <paramref name="store"/> (in memory when null) and verifies
    /// <paramref name="blocks"/> — heights 1, 2, … in order — on top of it.
    /// </summary>
    public ChainVerification VerifyFromGenesis(IEnumerable<FinalizedBlock> blocks, ITreeNodeStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var tree = new SparseMerkleTree(store ?? new InMemoryTreeNodeStore());
        var genesis = Genesis.Create(_config.Genesis, tree);
        return Replay(genesis.Header, tree, blocks);
    }

    /// <summary>
    /// Verifies from a snapshot: <paramref name="snapshot"/>'s committee signature, then that <paramref name="state"/>
    /// (every key once) has exactly the snapshot header's state root, then <paramref name="blocks"/> — the heights after
    /// the snapshot, in order. A snapshot is always a signed header (genesis is not signed: verify it from genesis).
    /// </summary>
    public ChainVerification VerifyFromSnapshot(FinalizedHeader snapshot, IEnumerable<(byte[] Key, byte[] Value)> state, IEnumerable<FinalizedBlock> blocks, ITreeNodeStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(blocks);
        var tree = new SparseMerkleTree(store ?? new InMemoryTreeNodeStore());
        var header = snapshot.Header;
        if (!CommitteeSignature.Verify(_config, snapshot))
        {
            return Failed(header, 0, tree, header.Height, BlockFault.BadCommitteeSignature, "the snapshot header's committee signature does not verify");
        }

        var writes = new List<(byte[] Key, byte[]? Value)>();
        var seen = new HashSet<byte[]>(ByteArrayComparer.Instance);
        foreach (var (key, value) in state)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            if (!seen.Add(key))
            {
                return Failed(header, 0, tree, header.Height, BlockFault.SnapshotStateMismatch, $"key {Convert.ToHexStringLower(key)} appears twice in the snapshot");
            }

            writes.Add((key, value));
        }

        var root = tree.Apply(writes);
        if (!root.AsSpan().SequenceEqual(header.StateRoot))
        {
            return Failed(header, 0, tree, header.Height, BlockFault.SnapshotStateMismatch, $"the snapshot state has root {Convert.ToHexStringLower(root)}, the header's stateRoot is {Convert.ToHexStringLower(header.StateRoot)}");
        }

        return Replay(header, tree, blocks);
    }

    private ChainVerification Replay(BlockHeader start, SparseMerkleTree tree, IEnumerable<FinalizedBlock> blocks)
    {
        var head = start;
        var verified = 0;
        foreach (var finalized in blocks)
        {
            ArgumentNullException.ThrowIfNull(finalized);
            var expected = head.Height + 1;
            if (!CommitteeSignature.Verify(_config, finalized.FinalizedHeader))
            {
                return Failed(head, verified, tree, expected, BlockFault.BadCommitteeSignature, $"the committee signature on the block at height {finalized.Header.Height} does not verify");
            }

            var result = _blocks.Verify(head, tree, finalized.Block);
            if (!result.IsValid)
            {
                return Failed(head, verified, tree, expected, result.Finding!.Fault, result.Finding.Detail);
            }

            head = finalized.Header;
            tree = result.State!;
            verified++;
        }

        return new ChainVerification(head, verified, tree, null, null);
    }

    private static ChainVerification Failed(BlockHeader head, int verified, SparseMerkleTree tree, ulong height, BlockFault fault, string detail) =>
        new(head, verified, tree, height, new BlockFinding(fault, detail));
}
