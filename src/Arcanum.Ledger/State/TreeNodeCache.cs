using System.Collections.Concurrent;

namespace Arcanum.Ledger.State;

/// <summary>
/// A bounded in-memory cache of tree nodes in front of a persistent <see cref="ITreeNodeStore"/>. Nodes are immutable
/// and addressed by their hash, so a cached node can never be stale. Eviction is by generations: lookups search the
/// current and the previous generation (a hit in the previous one is copied forward); when the current one holds
/// <c>capacity / 2</c> nodes it becomes the previous one and the oldest is dropped — recently used nodes (the top of the
/// tree, the paths of busy keys) stay, without per-entry bookkeeping. Safe for concurrent use.
/// </summary>
public sealed class TreeNodeCache
{
    /// <summary>The default number of nodes kept (about 50–80 MB of node encodings and keys).</summary>
    public const int DefaultCapacity = 512 * 1024;

    private readonly int _generationSize;
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<byte[], byte[]> _current = new(ByteArrayComparer.Instance);
    private ConcurrentDictionary<byte[], byte[]> _previous = new(ByteArrayComparer.Instance);

    /// <summary>A cache that keeps at most about <paramref name="capacity"/> nodes (≥ 2).</summary>
    public TreeNodeCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _generationSize = capacity / 2;
    }

    /// <summary>The cached node stored under <paramref name="hash"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> hash)
    {
        var current = _current;
        if (current.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(hash, out var node))
        {
            return node;
        }

        if (_previous.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(hash, out node))
        {
            Add(hash.ToArray(), node);
            return node;
        }

        return null;
    }

    /// <summary>
    /// Caches <paramref name="node"/> under <paramref name="hash"/> (both kept by reference: callers must not change
    /// them). Like the stores, the first bytes cached under a hash stay: adding the same hash again changes nothing.
    /// </summary>
    public void Add(byte[] hash, byte[] node)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(node);
        if (_previous.TryGetValue(hash, out var earlier))
        {
            node = earlier;
        }

        var current = _current;
        if (!current.TryAdd(hash, node))
        {
            return;
        }

        if (current.Count >= _generationSize)
        {
            lock (_rotation)
            {
                if (ReferenceEquals(current, _current))
                {
                    _previous = current;
                    _current = new ConcurrentDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
                }
            }
        }
    }
}
