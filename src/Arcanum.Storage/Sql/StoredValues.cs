using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Storage.Sql;

/// <summary>
/// How both stores encode the values SQL has no shared type for. Lists of node ids are JSON arrays of
/// integers (<c>[1,2,3]</c>, text), readable with <c>json_each</c> (SQLite) or <c>::jsonb</c> (PostgreSQL);
/// lists of names (a request's approvers) are JSON arrays of strings, stored the same way.
/// Instants are UTC unix milliseconds (64-bit integers): an instant is truncated to the millisecond on
/// write and read back with offset zero, identically in both stores. A stored value that does not decode
/// means the database was edited by hand or is corrupt, and is reported as <see cref="InvalidDataException"/>
/// naming the column and row.
/// </summary>
internal static class StoredValues
{
    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static string EncodeIds(IReadOnlyList<int> ids) =>
        JsonSerializer.Serialize(ids.ToArray(), StoredValuesJsonContext.Default.Int32Array);

    public static IReadOnlyList<int> DecodeIds(string? stored, string column, string rowId)
    {
        try
        {
            if (stored is not null && JsonSerializer.Deserialize(stored, StoredValuesJsonContext.Default.Int32Array) is { } ids)
            {
                return ids;
            }
        }
        catch (JsonException)
        {
            // Reported below with the column and row that hold the bad value.
        }

        throw new InvalidDataException($"{column} of row '{rowId}' is not a JSON array of integers.");
    }

    public static string EncodeNames(IReadOnlyList<string> names) =>
        JsonSerializer.Serialize(names.ToArray(), StoredValuesJsonContext.Default.StringArray);

    public static IReadOnlyList<string> DecodeNames(string? stored, string column, string rowId)
    {
        try
        {
            if (stored is not null
                && JsonSerializer.Deserialize(stored, StoredValuesJsonContext.Default.StringArray) is { } names
                && Array.TrueForAll(names, name => name is not null))
            {
                return names;
            }
        }
        catch (JsonException)
        {
            // Reported below with the column and row that hold the bad value.
        }

        throw new InvalidDataException($"{column} of row '{rowId}' is not a JSON array of strings.");
    }

    public static long EncodeInstant(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static long? EncodeInstant(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();

    public static DateTimeOffset DecodeInstant(long stored, string column, string rowId) =>
        stored >= MinUnixMilliseconds && stored <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
            : throw new InvalidDataException($"{column} of row '{rowId}' holds {stored}, which is not a unix-millisecond instant.");

    public static DateTimeOffset? DecodeInstant(long? stored, string column, string rowId) =>
        stored is { } value ? DecodeInstant(value, column, rowId) : null;
}

/// <summary>Source-generated JSON for the id and name lists, so the stores use no reflection-based serialisation.</summary>
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoredValuesJsonContext : JsonSerializerContext;
