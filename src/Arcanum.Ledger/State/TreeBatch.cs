namespace Arcanum.Ledger.State;

/// <summary>
/// One batch of writes applied to one root of a <see cref="SparseMerkleTree"/>. The writes are sorted by path and
/// pushed down the tree together: only the nodes on the paths of written keys are visited and rebuilt, so a batch of k
/// writes into a tree of n keys creates O(k log n) nodes, and never changes an existing node (old roots stay valid).
/// </summary>
internal sealed class TreeBatch
{
    private readonly ITreeNodeStore _store;
    private readonly Dictionary<byte[], byte[]> _created = new(ByteArrayComparer.Instance);
    private readonly List<(byte[] Hash, byte[] Node)> _createdInOrder = [];

    private TreeBatch(ITreeNodeStore store) => _store = store;

    /// <summary>
    /// Applies <paramref name="writes"/> (the last write of a key wins; a null value deletes) to <paramref name="root"/>,
    /// stores the new nodes in one <see cref="ITreeNodeStore.Put"/> and returns the new root.
    /// </summary>
    public static byte[] Apply(
        ITreeNodeStore store, byte[] root, IEnumerable<(byte[] Key, byte[]? Value)> writes, out int nodesCreated)
    {
        var latest = new Dictionary<byte[], byte[]?>(ByteArrayComparer.Instance);
        foreach (var (key, value) in writes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(writes));
            latest[TreeNode.PathOf(key)] = value?.ToArray();
        }

        var sorted = latest.Select(write => new PathWrite(write.Key, write.Value)).ToArray();
        Array.Sort(sorted, static (x, y) => ByteArrayComparer.Instance.Compare(x.Path, y.Path));

        var batch = new TreeBatch(store);
        var newRoot = batch.Update(root, 0, sorted);
        if (batch._createdInOrder.Count > 0)
        {
            store.Put(batch._createdInOrder);
        }

        nodesCreated = batch._createdInOrder.Count;
        return newRoot;
    }

    private byte[] Update(byte[] hash, int depth, ReadOnlySpan<PathWrite> writes)
    {
        if (writes.IsEmpty)
        {
            return hash;
        }

        var node = Load(hash);
        if (node.Kind == TreeNodeKind.Internal)
        {
            if (depth == TreeNode.PathBits)
            {
                throw new InvalidDataException($"tree node {Convert.ToHexString(hash)}: an internal node below the last path bit");
            }

            var split = FirstRightIndex(writes, depth, static write => write.Path);
            var left = Update(node.Left, depth + 1, writes[..split]);
            var right = Update(node.Right, depth + 1, writes[split..]);
            return left.AsSpan().SequenceEqual(node.Left) && right.AsSpan().SequenceEqual(node.Right) ? hash : Join(left, right);
        }

        // An empty subtree or a single leaf: merge it with the writes and build the subtree afresh.
        var entries = new List<LeafEntry>(writes.Length + 1);
        var leafOverwritten = false;
        foreach (var write in writes)
        {
            leafOverwritten |= node.Kind == TreeNodeKind.Leaf && write.Path.AsSpan().SequenceEqual(node.LeafPath);
            if (write.Value is not null)
            {
                entries.Add(new LeafEntry(write.Path, TreeNode.LeafHash(write.Path, write.Value), TreeNode.EncodeLeaf(write.Path, write.Value)));
            }
        }

        if (node.Kind == TreeNodeKind.Leaf && !leafOverwritten)
        {
            entries.Add(new LeafEntry(node.LeafPath, hash, Encoded: null));
            entries.Sort(static (x, y) => ByteArrayComparer.Instance.Compare(x.Path, y.Path));
        }

        return Build(depth, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
    }

    /// <summary>The subtree at <paramref name="depth"/> holding exactly <paramref name="entries"/> (sorted by path).</summary>
    private byte[] Build(int depth, ReadOnlySpan<LeafEntry> entries)
    {
        switch (entries.Length)
        {
            case 0:
                return new byte[TreeNode.HashLength];
            case 1:
                if (entries[0].Encoded is { } encoded)
                {
                    Record(entries[0].Hash, encoded);
                }

                return entries[0].Hash;
            default:
                var split = FirstRightIndex(entries, depth, static entry => entry.Path);
                return CreateInternal(Build(depth + 1, entries[..split]), Build(depth + 1, entries[split..]));
        }
    }

    /// <summary>
    /// The parent of two rebuilt children, kept canonical: no keys is the empty subtree, and a single leaf beside an
    /// empty sibling moves up to take its parent's place (a leaf's hash does not depend on its depth).
    /// </summary>
    private byte[] Join(byte[] left, byte[] right)
    {
        var leftEmpty = TreeNode.IsEmptyHash(left);
        var rightEmpty = TreeNode.IsEmptyHash(right);
        if (leftEmpty && rightEmpty)
        {
            return left;
        }

        if (leftEmpty && Load(right).Kind == TreeNodeKind.Leaf)
        {
            return right;
        }

        if (rightEmpty && Load(left).Kind == TreeNodeKind.Leaf)
        {
            return left;
        }

        return CreateInternal(left, right);
    }

    private byte[] CreateInternal(byte[] left, byte[] right)
    {
        var encoded = TreeNode.EncodeInternal(left, right);
        var hash = TreeNode.InternalHash(encoded);
        Record(hash, encoded);
        return hash;
    }

    private void Record(byte[] hash, byte[] encoded)
    {
        if (_created.TryAdd(hash, encoded))
        {
            _createdInOrder.Add((hash, encoded));
        }
    }

    private TreeNode Load(byte[] hash) =>
        TreeNode.IsEmptyHash(hash) ? TreeNode.Empty
        : _created.TryGetValue(hash, out var encoded) ? TreeNode.Decode(hash, encoded)
        : SparseMerkleTree.LoadStored(_store, hash);

    /// <summary>In a path-sorted run sharing their first <paramref name="depth"/> bits, the first whose next bit is 1.</summary>
    private static int FirstRightIndex<T>(ReadOnlySpan<T> sorted, int depth, Func<T, byte[]> pathOf)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (TreeNode.Bit(pathOf(sorted[middle]), depth) == 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private readonly record struct PathWrite(byte[] Path, byte[]? Value);

    /// <summary>A leaf to place; <see cref="Encoded"/> is null for a leaf already in the store.</summary>
    private readonly record struct LeafEntry(byte[] Path, byte[] Hash, byte[]? Encoded);
}
