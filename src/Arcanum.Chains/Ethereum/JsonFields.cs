using System.Text.Json;

namespace Arcanum.Chains.Ethereum;

/// <summary>Reads a JSON object's members by name, refusing unknown and repeated members.</summary>
internal static class JsonFields
{
    /// <summary>
    /// The members of <paramref name="json"/>, which must be an object whose member names are all in
    /// <paramref name="known"/>, each at most once; otherwise throws <see cref="JsonFieldException"/> naming <paramref name="path"/>.
    /// </summary>
    public static Dictionary<string, JsonElement> Read(JsonElement json, string path, IReadOnlyCollection<string> known)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new JsonFieldException($"{path}: expected a JSON object, found {json.ValueKind}");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new JsonFieldException($"{Join(path, property.Name)}: unknown field (expected {string.Join(", ", known)})");
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw new JsonFieldException($"{Join(path, property.Name)}: appears twice");
            }
        }

        return fields;
    }

    /// <summary>The member <paramref name="name"/>, which must be present.</summary>
    public static JsonElement Required(Dictionary<string, JsonElement> fields, string path, string name) =>
        fields.TryGetValue(name, out var value) ? value : throw new JsonFieldException($"{Join(path, name)}: required");

    /// <summary>The path of a member: <c>name</c> at the top level, <c>path.name</c> below it.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
