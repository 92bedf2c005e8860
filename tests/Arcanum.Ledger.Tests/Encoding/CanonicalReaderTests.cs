using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Tests.Encoding;

/// <summary>The canonical reader accepts exactly what the writer produces and nothing else.</summary>
public sealed class CanonicalReaderTests
{
    [Fact]
    public void Read_WriterOutput_RoundTrips()
    {
        var bytes = new CanonicalWriter().WriteByte(7).WriteBool(true).WriteUInt32(0xdeadbeef).WriteUInt64(ulong.MaxValue)
            .WriteBytes([1, 2, 3]).WriteString("héllo").WriteFixed([9, 9]).ToArray();

        var reader = new CanonicalReader(bytes);
        Assert.True(reader.TryReadByte(out var b) && b == 7);
        Assert.True(reader.TryReadBool(out var flag) && flag);
        Assert.True(reader.TryReadUInt32(out var u32) && u32 == 0xdeadbeef);
        Assert.True(reader.TryReadUInt64(out var u64) && u64 == ulong.MaxValue);
        Assert.True(reader.TryReadBytes(3, out var raw) && raw.SequenceEqual(new byte[] { 1, 2, 3 }));
        Assert.True(reader.TryReadString(6, out var text) && text == "héllo");
        Assert.False(reader.IsAtEnd);
        Assert.True(reader.TryReadFixed(2, out var tail) && tail.SequenceEqual(new byte[] { 9, 9 }));
        Assert.True(reader.IsAtEnd);
        Assert.False(reader.TryReadByte(out _));
    }

    [Fact]
    public void TryReadBool_ByteTwo_ReturnsFalse()
    {
        var reader = new CanonicalReader([2]);

        Assert.False(reader.TryReadBool(out _));
    }

    [Fact]
    public void TryReadBytes_OverBound_ReturnsFalse()
    {
        var reader = new CanonicalReader(new CanonicalWriter().WriteBytes([1, 2, 3, 4]).ToArray());

        Assert.False(reader.TryReadBytes(3, out _));
    }

    [Fact]
    public void TryReadBytes_LengthBeyondInput_ReturnsFalseWithoutAllocating()
    {
        var reader = new CanonicalReader([0xff, 0xff, 0xff, 0xff, 1]);

        Assert.False(reader.TryReadBytes(int.MaxValue, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void TryReadString_InvalidUtf8_ReturnsFalse()
    {
        var reader = new CanonicalReader(new CanonicalWriter().WriteBytes([0xc3, 0x28]).ToArray());

        Assert.False(reader.TryReadString(10, out _));
    }
}
