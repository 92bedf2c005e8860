using System.Security.Cryptography;

namespace Arcanum.Ledger.State;

/// <summary>
/// The ledger's authenticated key-value state: a 256-bit sparse Merkle tree over SHA-256 with shortcut leaves
/// (docs/ledger-state.md). A key's path is SHA-256(key); a subtree with no keys hashes to 32 zero bytes, a subtree with
/// exactly one key is that key's leaf, SHA-256(0x00 ‖ path ‖ SHA-256(value)), and any other subtree is
/// SHA-256(0x01 ‖ left ‖ right). The root therefore depends only on the set of (key, value) pairs.
/// <para>
/// Versioned: nodes are immutable and content-addressed in an <see cref="ITreeNodeStore"/>, so applying a batch gives
/// a new root while every earlier root stays readable and provable. An instance tracks one current root
/// (<see cref="Root"/>); <see cref="At"/> opens another root over the same store. An instance is not thread-safe;
/// separate instances over one thread-safe store may read while another applies a batch.
/// </para>
/// </summary>
public sealed class SparseMerkleTree
{
    /// <summary>The length of a root, a node hash and a key path, in bytes.</summary>
    public const int HashLength = TreeNode.HashLength;

    private readonly ITreeNodeStore _store;
    private byte[] _root;

    /// <summary>An empty tree over <paramref name="store"/>.</summary>
    public SparseMerkleTree(ITreeNodeStore store)
        : this(store, EmptyRoot)
    {
    }

    /// <summary>The tree with root <paramref name="root"/>, whose nodes are in <paramref name="store"/>.</summary>
    public SparseMerkleTree(ITreeNodeStore store, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _root = CheckedRoot(root);
    }

    /// <summary>The root of the tree with no keys: 32 zero bytes.</summary>
    public static byte[] EmptyRoot => new byte[HashLength];

    /// <summary>The current root (a copy).</summary>
    public byte[] Root => _root.ToArray();

    /// <summary>How many nodes the last <see cref="Apply"/> created (about log2(n) + 1 per written key).</summary>
    public int LastBatchNodeCount { get; private set; }

    /// <summary>Another handle on the same store, at <paramref name="root"/> (for reading an old block's state or branching from it).</summary>
    public SparseMerkleTree At(ReadOnlySpan<byte> root) => new(_store, root);

    /// <summary>The value of <paramref name="key"/> at the current root, or null when absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) => Get(_root, key);

    /// <summary>The value of <paramref name="key"/> at <paramref name="root"/>, or null when absent.</summary>
    /// <exception cref="KeyNotFoundException">A node under <paramref name="root"/> is not in the store.</exception>
    /// <exception cref="InvalidDataException">A stored node is malformed or does not match its hash.</exception>
    public byte[]? Get(ReadOnlySpan<byte> root, ReadOnlySpan<byte> key)
    {
        var path = TreeNode.PathOf(key);
        var terminal = Walk(CheckedRoot(root), path, siblings: null);
        return terminal.Kind == TreeNodeKind.Leaf && terminal.LeafPath.AsSpan().SequenceEqual(path)
            ? terminal.LeafValue.ToArray()
            : null;
    }

    /// <summary>A proof of the value of <paramref name="key"/> — or of its absence — at the current root.</summary>
    public StateProof Prove(ReadOnlySpan<byte> key) => Prove(_root, key);

    /// <summary>
    /// A proof of the value of <paramref name="key"/> — or of its absence — at <paramref name="root"/>, checked by
    /// <see cref="StateProofVerifier.Verify"/> against the root alone.
    /// </summary>
    public StateProof Prove(ReadOnlySpan<byte> root, ReadOnlySpan<byte> key)
    {
        var path = TreeNode.PathOf(key);
        var siblings = new List<byte[]>();
        var terminal = Walk(CheckedRoot(root), path, siblings);
        return terminal.Kind == TreeNodeKind.Leaf
            ? new StateProof(siblings, terminal.LeafPath, SHA256.HashData(terminal.LeafValue))
            : new StateProof(siblings, leafPath: null, leafValueHash: null);
    }

    /// <summary>
    /// Applies a batch of writes to the current root as one step (a null value deletes; the last write of a key wins),
    /// stores the new nodes in one <see cref="ITreeNodeStore.Put"/>, makes the result the current root and returns it.
    /// </summary>
    public byte[] Apply(IEnumerable<(byte[] Key, byte[]? Value)> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        _root = TreeBatch.Apply(_store, _root, writes, out var nodesCreated);
        LastBatchNodeCount = nodesCreated;
        return Root;
    }

    /// <summary>A view over the current root that buffers writes until <see cref="TreeStateView.Commit"/>.</summary>
    public TreeStateView OpenView() => new(this, _root);

    /// <summary>Loads and checks a stored node; a missing or corrupt node is an error, never an absent key.</summary>
    internal static TreeNode LoadStored(ITreeNodeStore store, byte[] hash)
    {
        var encoded = store.Get(hash)
            ?? throw new KeyNotFoundException($"tree node {Convert.ToHexString(hash)} is not in the store (unknown root or missing node)");
        return TreeNode.Decode(hash, encoded);
    }

    /// <summary>Follows <paramref name="path"/> from <paramref name="root"/> to the empty subtree or leaf where it ends.</summary>
    private TreeNode Walk(byte[] root, byte[] path, List<byte[]>? siblings)
    {
        var hash = root;
        for (var depth = 0; ; depth++)
        {
            if (TreeNode.IsEmptyHash(hash))
            {
                return TreeNode.Empty;
            }

            var node = LoadStored(_store, hash);
            if (node.Kind == TreeNodeKind.Leaf)
            {
                return node;
            }

            if (depth == TreeNode.PathBits)
            {
                throw new InvalidDataException($"tree node {Convert.ToHexString(hash)}: an internal node below the last path bit");
            }

            var goRight = TreeNode.Bit(path, depth) == 1;
            siblings?.Add(goRight ? node.Left : node.Right);
            hash = goRight ? node.Right : node.Left;
        }
    }

    private static byte[] CheckedRoot(ReadOnlySpan<byte> root) =>
        root.Length == HashLength ? root.ToArray() : throw new ArgumentException($"a root is {HashLength} bytes, not {root.Length}", nameof(root));

    /// <summary>True while the current root is <paramref name="root"/>.</summary>
    internal bool IsAt(ReadOnlySpan<byte> root) => root.SequenceEqual(_root);
}
