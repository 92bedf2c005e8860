using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Arcanum.Chains.Cosmos;

/// <summary>
/// A protobuf message read strictly against the fields a reader knows (protobuf language guide, proto3): each
/// known field must have its declared wire type and, unless repeated, appear at most once (a parser would keep
/// the last one; two values are refused here as ambiguous); unknown fields are refused unless the caller allows
/// them. Absent fields read as their proto3 default (0, empty). Never throws.
/// </summary>
internal sealed class ProtobufMessage
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly ProtobufField[] AnyFields = [new(1, ProtobufWire.LengthDelimited), new(2, ProtobufWire.LengthDelimited)];

    private readonly List<ProtobufRecord> _records;

    private ProtobufMessage(List<ProtobufRecord> records) => _records = records;

    /// <summary>Reads <paramref name="bytes"/> against <paramref name="fields"/>; false when it is malformed or breaks the rules above.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, IReadOnlyList<ProtobufField> fields, bool allowUnknownFields, [NotNullWhen(true)] out ProtobufMessage? message)
    {
        message = null;
        if (!ProtobufWire.TryReadRecords(bytes, out var records))
        {
            return false;
        }

        var seen = new HashSet<int>();
        foreach (var record in records)
        {
            var field = fields.FirstOrDefault(f => f.Number == record.Number);
            if (field is null)
            {
                if (!allowUnknownFields)
                {
                    return false;
                }

                continue;
            }

            if (record.WireType != field.WireType || (!field.Repeated && !seen.Add(record.Number)))
            {
                return false;
            }
        }

        message = new ProtobufMessage(records);
        return true;
    }

    /// <summary>
    /// google.protobuf.Any (any.proto: type_url = 1, value = 2), strictly: no other fields, each at most once,
    /// a UTF-8 type URL. False otherwise.
    /// </summary>
    public static bool TryParseAny(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out string? typeUrl, out ReadOnlyMemory<byte> value)
    {
        typeUrl = null;
        value = default;
        if (!TryParse(bytes, AnyFields, allowUnknownFields: false, out var any) || !any.TryString(1, out typeUrl))
        {
            return false;
        }

        value = any.Bytes(2);
        return true;
    }

    /// <summary>The value of a varint or fixed-width field; 0 when absent.</summary>
    public ulong Scalar(int number) => _records.LastOrDefault(r => r.Number == number).Value;

    /// <summary>The bytes of a length-delimited field; empty when absent.</summary>
    public ReadOnlyMemory<byte> Bytes(int number) => _records.LastOrDefault(r => r.Number == number).Bytes;

    /// <summary>Every occurrence of a repeated length-delimited field, in order.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Repeated(int number) =>
        _records.Where(r => r.Number == number).Select(r => r.Bytes);

    /// <summary>A string field as strict UTF-8 (proto3 requires valid UTF-8); false for invalid bytes.</summary>
    public bool TryString(int number, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = StrictUtf8.GetString(Bytes(number).Span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }
}

/// <summary>A field a reader knows: its number, its wire type (<see cref="ProtobufWire"/> constants) and whether it repeats.</summary>
internal sealed record ProtobufField(int Number, int WireType, bool Repeated = false);
