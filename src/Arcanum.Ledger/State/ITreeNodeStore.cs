namespace Arcanum.Ledger.State;

/// <summary>
/// Content-addressed storage for the nodes of a <see cref="SparseMerkleTree"/>: node hash (32 bytes) → encoded node
/// bytes (see docs/ledger-state.md, "Node encoding"). Nodes are immutable and never overwritten with different bytes,
/// so every root ever produced stays readable. Implementations only store bytes; the tree checks every node it reads
/// against its hash, so a corrupted store is detected rather than believed.
/// </summary>
public interface ITreeNodeStore
{
    /// <summary>The encoded node stored under <paramref name="hash"/>, or null when there is none.</summary>
    byte[]? Get(ReadOnlySpan<byte> hash);

    /// <summary>
    /// Stores a batch of nodes as one unit (a persistent store writes them in one transaction). Storing a hash that is
    /// already present is allowed and changes nothing: the same hash always carries the same bytes.
    /// </summary>
    void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes);
}
