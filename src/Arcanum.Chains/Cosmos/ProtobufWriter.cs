namespace Arcanum.Chains.Cosmos;

/// <summary>
/// Writes the few protobuf fields the signing documents need (protobuf encoding guide: "Base 128
/// Varints", "Length-Delimited Records"), omitting default values as proto3 serializers do.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int WireTypeVarint = 0;
    private const int WireTypeLengthDelimited = 2;

    private readonly MemoryStream _buffer = new();

    /// <summary>A length-delimited field (bytes or string); nothing when empty, unless <paramref name="always"/> (repeated elements).</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value, bool always = false)
    {
        if (value.IsEmpty && !always)
        {
            return;
        }

        WriteVarint(((ulong)field << 3) | WireTypeLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A UTF-8 string field; nothing when empty.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>A uint64 field; nothing when zero.</summary>
    public void WriteUInt64(int field, ulong value)
    {
        if (value == 0)
        {
            return;
        }

        WriteVarint(((ulong)field << 3) | WireTypeVarint);
        WriteVarint(value);
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
