namespace Arcanum.Ledger.State;

/// <summary>
/// An <see cref="ITreeNodeStore"/> held in memory, for tests and for state that need not survive a restart. Safe for
/// queries on other threads while a batch is being stored.
/// </summary>
public sealed class InMemoryTreeNodeStore : ITreeNodeStore
{
    private readonly Dictionary<byte[], byte[]> _nodes = new(ByteArrayComparer.Instance);
    private readonly Lock _lock = new();

    /// <summary>The number of distinct nodes stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <inheritdoc/>
    public byte[]? Get(ReadOnlySpan<byte> hash)
    {
        lock (_lock)
        {
            return _nodes.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(hash, out var node) ? node.ToArray() : null;
        }
    }

    /// <inheritdoc/>
    public void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        lock (_lock)
        {
            foreach (var (hash, node) in nodes)
            {
                _nodes.TryAdd(hash.ToArray(), node.ToArray());
            }
        }
    }
}
