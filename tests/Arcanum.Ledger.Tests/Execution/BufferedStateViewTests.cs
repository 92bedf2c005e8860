using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Execution;

/// <summary>The write buffer: reads see buffered writes, nothing reaches below until a flush, flushes in key order.</summary>
public sealed class BufferedStateViewTests
{
    [Fact]
    public void Get_BufferedWriteAndDelete_SeenAboveNotBelow()
    {
        var inner = new MemoryStateView();
        inner.Set("a"u8, [1]);
        inner.Set("b"u8, [2]);
        var buffer = new BufferedStateView(inner);

        buffer.Set("a"u8, [9]);
        buffer.Set("b"u8, null);

        Assert.Equal([9], buffer.Get("a"u8));
        Assert.Null(buffer.Get("b"u8));
        Assert.Equal([1], inner.Get("a"u8));
        Assert.Equal([2], inner.Get("b"u8));
    }

    [Fact]
    public void Flush_WritesInAscendingKeyOrder()
    {
        var inner = new RecordingView();
        var buffer = new BufferedStateView(inner);
        buffer.Set("c"u8, [3]);
        buffer.Set("a"u8, [1]);
        buffer.Set("b"u8, null);

        buffer.Flush();

        Assert.Equal(["a", "b", "c"], inner.Keys);
        buffer.Flush();
        Assert.Equal(3, inner.Keys.Count);
    }

    [Fact]
    public void Get_ReturnedArrayMutated_BufferUnchanged()
    {
        var buffer = new BufferedStateView(new MemoryStateView());
        buffer.Set("a"u8, [1]);

        buffer.Get("a"u8)![0] = 7;

        Assert.Equal([1], buffer.Get("a"u8));
    }

    private sealed class RecordingView : IStateView
    {
        public List<string> Keys { get; } = [];

        public byte[]? Get(ReadOnlySpan<byte> key) => null;

        public void Set(ReadOnlySpan<byte> key, byte[]? value) => Keys.Add(System.Text.Encoding.ASCII.GetString(key));
    }
}
