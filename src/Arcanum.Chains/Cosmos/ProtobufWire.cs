namespace Arcanum.Chains.Cosmos;

/// <summary>
/// Checks that bytes are well-formed protobuf at the wire level (protobuf encoding guide, "Message
/// Structure"): every record has a tag with field number ≥ 1 and wire type 0, 1, 2 or 5, varints of at
/// most 10 bytes, and lengths and fixed-width values inside the buffer, with nothing left over.
/// The schema is not checked; this refuses garbage before it is signed. Tron's raw_data is checked with it too.
/// </summary>
internal static class ProtobufWire
{
    private const int MaxVarintLength = 10;

    /// <summary>True when <paramref name="message"/> is well-formed; otherwise an error naming <paramref name="field"/> and the offset.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> message, string field, out string error)
    {
        var offset = 0;
        while (offset < message.Length)
        {
            var recordStart = offset;
            if (!TryReadVarint(message, ref offset, out var tag) || (tag >> 3) == 0 || (tag >> 3) > int.MaxValue)
            {
                error = $"{field}: malformed protobuf tag at byte {recordStart}.";
                return false;
            }

            var ok = (tag & 7) switch
            {
                0 => TryReadVarint(message, ref offset, out _),
                1 => Skip(message, ref offset, 8),
                2 => TryReadVarint(message, ref offset, out var length) && length <= int.MaxValue && Skip(message, ref offset, (int)length),
                5 => Skip(message, ref offset, 4),
                _ => false,
            };
            if (!ok)
            {
                error = $"{field}: malformed or truncated protobuf record (wire type {tag & 7}) at byte {recordStart}.";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    private static bool Skip(ReadOnlySpan<byte> message, ref int offset, int count)
    {
        if (count > message.Length - offset)
        {
            return false;
        }

        offset += count;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> message, ref int offset, out ulong value)
    {
        value = 0;
        for (var i = 0; i < MaxVarintLength && offset < message.Length; i++)
        {
            var b = message[offset++];
            if (i == MaxVarintLength - 1 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
