using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Execution;

/// <summary>
/// A write buffer over another <see cref="IStateView"/>: reads see the buffered writes first, writes stay here until
/// <see cref="Flush"/> copies them below in ascending byte order of key (so the order of writes reaching the
/// underlying store is deterministic). Dropping the object discards them: this is how a rejected transaction
/// changes nothing.
/// </summary>
public sealed class BufferedStateView(IStateView inner) : IStateView
{
    private readonly SortedDictionary<byte[], byte[]?> _writes = new(ByteArrayOrder.Instance);

    public byte[]? Get(ReadOnlySpan<byte> key) =>
        _writes.TryGetValue(key.ToArray(), out var value) ? Copy(value) : inner.Get(key);

    public void Set(ReadOnlySpan<byte> key, byte[]? value) => _writes[key.ToArray()] = Copy(value);

    /// <summary>Writes every buffered change to the underlying view and empties the buffer.</summary>
    public void Flush()
    {
        foreach (var (key, value) in _writes)
        {
            inner.Set(key, value);
        }
        _writes.Clear();
    }

    private static byte[]? Copy(byte[]? value) => value is null ? null : (byte[])value.Clone();

    /// <summary>Lexicographic order of byte strings.</summary>
    private sealed class ByteArrayOrder : IComparer<byte[]>
    {
        public static readonly ByteArrayOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
