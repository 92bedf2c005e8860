namespace Arcanum.Ledger.State;

/// <summary>
/// A view over one root of a <see cref="SparseMerkleTree"/> (from <see cref="SparseMerkleTree.OpenView"/>): reads come
/// from that root, writes are buffered, and <see cref="Commit"/> applies them to the tree as one batch and returns the
/// new root. A block executor opens one per block and one <see cref="BufferedStateView.BeginNested"/> overlay per
/// transaction.
/// </summary>
public sealed class TreeStateView : BufferedStateView
{
    private readonly SparseMerkleTree _tree;
    private byte[] _baseRoot;

    internal TreeStateView(SparseMerkleTree tree, byte[] baseRoot)
    {
        _tree = tree;
        _baseRoot = baseRoot;
    }

    /// <summary>The root this view reads from (after a commit, the root it produced).</summary>
    public byte[] BaseRoot => _baseRoot.ToArray();

    /// <summary>
    /// Applies the buffered writes to the tree as one batch; the tree and this view both move to the new root, which is
    /// returned. With no writes the root is unchanged. If the store fails, the writes stay pending.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tree was moved to another root since this view was opened.</exception>
    public byte[] Commit()
    {
        if (!_tree.IsAt(_baseRoot))
        {
            throw new InvalidOperationException("the tree moved since this view was opened; its writes were made against an older root");
        }

        _baseRoot = _tree.Apply(PendingWrites());
        Discard();
        return BaseRoot;
    }

    /// <inheritdoc/>
    protected override byte[]? ReadBelow(ReadOnlySpan<byte> key) => _tree.Get(_baseRoot, key);
}
