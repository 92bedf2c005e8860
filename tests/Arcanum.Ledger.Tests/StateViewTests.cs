using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Tests;

/// <summary>The state contract every view honours: absent is null, writing null deletes, keys compare by content.</summary>
public sealed class StateViewTests
{
    [Fact]
    public void DictionaryView_SetGetDelete()
    {
        IStateView view = new DictionaryStateView();
        view.Set("a"u8, [1]);

        Assert.Equal([1], view.Get("a"u8));
        Assert.Null(view.Get("b"u8));
        view.Set("a"u8, null);
        Assert.Null(view.Get("a"u8));
    }

    /// <summary>The simplest view, for tests.</summary>
    private sealed class DictionaryStateView : IStateView
    {
        private readonly Dictionary<string, byte[]> _values = [];

        public byte[]? Get(ReadOnlySpan<byte> key) => _values.GetValueOrDefault(Convert.ToHexString(key));

        public void Set(ReadOnlySpan<byte> key, byte[]? value)
        {
            if (value is null)
            {
                _values.Remove(Convert.ToHexString(key));
            }
            else
            {
                _values[Convert.ToHexString(key)] = value;
            }
        }
    }
}
