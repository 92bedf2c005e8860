using System.Text;

namespace Arcanum.Chains.Tests;

/// <summary>
/// Writes protobuf records by hand for test inputs (protobuf encoding guide: tag = field « 3 | wire type, base-128
/// varints, length-delimited records), independently of the library's own reader and writer.
/// </summary>
internal static class ProtobufBytes
{
    public static byte[] Varint(int field, ulong value) => [.. RawVarint(((ulong)field << 3) | 0), .. RawVarint(value)];

    public static byte[] Bytes(int field, byte[] value) => [.. RawVarint(((ulong)field << 3) | 2), .. RawVarint((ulong)value.Length), .. value];

    public static byte[] String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public static byte[] Message(params byte[][] records) => [.. records.SelectMany(r => r)];

    /// <summary>google.protobuf.Any: type_url = 1, value = 2.</summary>
    public static byte[] Any(string typeUrl, byte[] value) => Message(String(1, typeUrl), Bytes(2, value));

    public static byte[] RawVarint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var low = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
