using System.Text.Json;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// A stable byte form of a JSON value, so that equal requests hash equally: object properties sorted by ordinal
/// name, no whitespace, strings re-escaped by one writer, numbers kept as written. (Not RFC 8785: numbers are not
/// normalised, so 1.0 and 1 differ — a different request as far as approvals are concerned, which is the safe side.)
/// </summary>
internal static class CanonicalJson
{
    public static string Serialize(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
