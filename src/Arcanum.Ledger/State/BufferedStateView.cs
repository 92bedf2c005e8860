using System.Runtime.InteropServices;

namespace Arcanum.Ledger.State;

/// <summary>
/// An <see cref="IStateView"/> that keeps its writes to itself until committed: reads see its own writes first
/// (a deleted key reads as null) and otherwise the state below. Values are copied in and out, so a caller mutating
/// an array cannot change the state behind the view's back. Not thread-safe: one view per executing block or
/// transaction.
/// </summary>
public abstract class BufferedStateView : IStateView
{
    private readonly Dictionary<byte[], byte[]?> _writes = new(ByteArrayComparer.Instance);

    /// <summary>The number of keys written (or deleted) and not yet committed.</summary>
    public int PendingWriteCount => _writes.Count;

    /// <inheritdoc/>
    public byte[]? Get(ReadOnlySpan<byte> key) =>
        _writes.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var written)
            ? written?.ToArray()
            : ReadBelow(key);

    /// <inheritdoc/>
    public void Set(ReadOnlySpan<byte> key, byte[]? value) =>
        _writes.GetAlternateLookup<ReadOnlySpan<byte>>()[key] = value?.ToArray();

    /// <summary>Drops every uncommitted write; the view then reads the state below again.</summary>
    public void Discard() => _writes.Clear();

    /// <summary>
    /// A child view over this one, for one transaction: commit it to fold its writes into this view, or discard
    /// (or simply drop) it to undo them without touching anything else written here.
    /// </summary>
    public StateOverlay BeginNested() => new(this);

    /// <summary>The value of <paramref name="key"/> in the state below this view.</summary>
    protected abstract byte[]? ReadBelow(ReadOnlySpan<byte> key);

    /// <summary>The uncommitted writes sorted by key (a deterministic order), null for deletes; they stay pending.</summary>
    protected IReadOnlyList<(byte[] Key, byte[]? Value)> PendingWrites()
    {
        var writes = _writes.Select(write => (write.Key, write.Value)).ToList();
        CollectionsMarshal.AsSpan(writes).Sort(static (x, y) => ByteArrayComparer.Instance.Compare(x.Key, y.Key));
        return writes;
    }
}
