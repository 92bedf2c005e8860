namespace Arcanum.Ledger.State;

/// <summary>An <see cref="ITreeNodeStore"/> held in memory, for tests and for state that need not survive a restart.</summary>
public sealed class InMemoryTreeNodeStore : ITreeNodeStore
{
    private readonly Dictionary<byte[], byte[]> _nodes = new(ByteArrayComparer.Instance);

    /// <summary>The number of distinct nodes stored.</summary>
    public int Count => _nodes.Count;

    /// <inheritdoc/>
    public byte[]? Get(ReadOnlySpan<byte> hash) =>
        _nodes.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(hash, out var node) ? node : null;

    /// <inheritdoc/>
    public void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var (hash, node) in nodes)
        {
            _nodes.TryAdd(hash.ToArray(), node.ToArray());
        }
    }
}
