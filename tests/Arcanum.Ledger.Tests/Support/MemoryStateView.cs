using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Tests.Support;

/// <summary>The simplest <see cref="IStateView"/>, for tests: a map from hex key to value, dumpable in key order.</summary>
public sealed class MemoryStateView : IStateView
{
    private readonly SortedDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>The number of keys.</summary>
    public int Count => _values.Count;

    public byte[]? Get(ReadOnlySpan<byte> key) =>
        _values.TryGetValue(Convert.ToHexStringLower(key), out var value) ? (byte[])value.Clone() : null;

    public void Set(ReadOnlySpan<byte> key, byte[]? value)
    {
        if (value is null)
        {
            _values.Remove(Convert.ToHexStringLower(key));
        }
        else
        {
            _values[Convert.ToHexStringLower(key)] = (byte[])value.Clone();
        }
    }

    /// <summary>Every key and value, in ascending key order.</summary>
    public IEnumerable<(byte[] Key, byte[] Value)> Entries => _values.Select(kv => (Convert.FromHexString(kv.Key), (byte[])kv.Value.Clone()));

    /// <summary>Every key and value, one "key=value" line each in ascending key order: equal dumps mean equal states.</summary>
    public string Dump() => string.Join('\n', _values.Select(kv => $"{kv.Key}={Convert.ToHexStringLower(kv.Value)}"));
}
