using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Chains.Cosmos;

/// <summary>
/// Protobuf at the wire level (protobuf encoding guide, "Message Structure"): every record has a tag with
/// field number ≥ 1 and wire type 0, 1, 2 or 5, varints of at most 10 bytes, and lengths and fixed-width
/// values inside the buffer, with nothing left over. Tron's raw_data is read with it too.
/// </summary>
internal static class ProtobufWire
{
    /// <summary>Wire type 0: a base-128 varint.</summary>
    public const int Varint = 0;

    /// <summary>Wire type 1: eight little-endian bytes.</summary>
    public const int Fixed64 = 1;

    /// <summary>Wire type 2: a length-prefixed byte string (bytes, string, embedded message, packed repeated).</summary>
    public const int LengthDelimited = 2;

    /// <summary>Wire type 5: four little-endian bytes.</summary>
    public const int Fixed32 = 5;

    private const int MaxVarintLength = 10;

    /// <summary>
    /// True when <paramref name="message"/> is well-formed; otherwise an error naming <paramref name="field"/> and
    /// the offset. The schema is not checked; this refuses garbage before it is signed.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> message, string field, out string error)
    {
        var offset = 0;
        while (offset < message.Length)
        {
            var recordStart = offset;
            if (!TryReadRecord(message, ref offset, out _, out var malformedTag))
            {
                error = malformedTag
                    ? $"{field}: malformed protobuf tag at byte {recordStart}."
                    : $"{field}: malformed or truncated protobuf record (wire type {message[recordStart] & 7}) at byte {recordStart}.";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Splits a well-formed message into its records, in order; false for anything <see cref="TryValidate"/> refuses.
    /// A record takes at least two bytes, so there are at most <c>message.Length / 2</c> of them.
    /// </summary>
    public static bool TryReadRecords(ReadOnlyMemory<byte> message, [NotNullWhen(true)] out List<ProtobufRecord>? records)
    {
        records = [];
        var offset = 0;
        while (offset < message.Length)
        {
            if (!TryReadRecord(message.Span, ref offset, out var record, out _))
            {
                records = null;
                return false;
            }

            records.Add(record.WireType == LengthDelimited
                ? record with { Bytes = message.Slice(offset - (int)record.Value, (int)record.Value) }
                : record);
        }

        return true;
    }

    /// <summary>Reads one record; for wire type 2 <see cref="ProtobufRecord.Value"/> is the length and the bytes end at <paramref name="offset"/>.</summary>
    private static bool TryReadRecord(ReadOnlySpan<byte> message, ref int offset, out ProtobufRecord record, out bool malformedTag)
    {
        record = default;
        malformedTag = !TryReadVarint(message, ref offset, out var tag) || (tag >> 3) == 0 || (tag >> 3) > int.MaxValue;
        if (malformedTag)
        {
            return false;
        }

        var wireType = (int)(tag & 7);
        ulong value = 0;
        var ok = wireType switch
        {
            Varint => TryReadVarint(message, ref offset, out value),
            Fixed64 => TryReadFixed(message, ref offset, 8, out value),
            LengthDelimited => TryReadVarint(message, ref offset, out value) && value <= int.MaxValue && Skip(message, ref offset, (int)value),
            Fixed32 => TryReadFixed(message, ref offset, 4, out value),
            _ => false,
        };
        record = new ProtobufRecord((int)(tag >> 3), wireType, value, ReadOnlyMemory<byte>.Empty);
        return ok;
    }

    private static bool TryReadFixed(ReadOnlySpan<byte> message, ref int offset, int count, out ulong value)
    {
        value = 0;
        if (count > message.Length - offset)
        {
            return false;
        }

        for (var i = count - 1; i >= 0; i--)
        {
            value = (value << 8) | message[offset + i];
        }

        offset += count;
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

/// <summary>
/// One protobuf record: its field number, wire type, and either its scalar value (varint, fixed64, fixed32) or,
/// for wire type 2, its length in <see cref="Value"/> and its bytes in <see cref="Bytes"/>.
/// </summary>
internal readonly record struct ProtobufRecord(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes);
