using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Queries;

/// <summary>
/// A read-only view that remembers every key read through it, in first-read order: the keys a query's proof must
/// cover. Writing through it is a programming error.
/// </summary>
public sealed class RecordingStateView(IStateView inner) : IStateView
{
    private readonly List<byte[]> _keys = [];
    private readonly HashSet<byte[]> _seen = new(ByteArrayComparer.Instance);

    /// <summary>Every distinct key read so far, in first-read order.</summary>
    public IReadOnlyList<byte[]> KeysRead => _keys;

    /// <inheritdoc/>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var copy = key.ToArray();
        if (_seen.Add(copy))
        {
            _keys.Add(copy);
        }

        return inner.Get(key);
    }

    /// <inheritdoc/>
    public void Set(ReadOnlySpan<byte> key, byte[]? value) => throw new InvalidOperationException("A query view is read-only.");
}
