using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arcanum.Coordinator.Api;

/// <summary>The JSON type a request property must have.</summary>
internal enum JsonFieldKind
{
    String,
    Int32,
}

/// <summary>
/// A request body read strictly: <c>application/json</c> (else 415), at most
/// <see cref="ApiOptions.MaxRequestBodyBytes"/> (else 413), RFC 8259 JSON without comments or
/// trailing commas (else 400 "malformed-json", field "body"), and an object whose properties are
/// all known, each at most once, with the expected JSON type (else 400 naming every offending
/// property). A JSON <c>null</c> counts as absent. Case matters: property names are camelCase.
/// </summary>
internal sealed class JsonBody
{
    private const int MaxDepth = 8;

    private readonly Dictionary<string, string> _strings;
    private readonly Dictionary<string, int> _integers;

    private JsonBody(Dictionary<string, string> strings, Dictionary<string, int> integers)
    {
        _strings = strings;
        _integers = integers;
    }

    public string? String(string name) => _strings.GetValueOrDefault(name);

    public int? Int32(string name) => _integers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads and checks the body against <paramref name="shape"/>; exactly one of the results is non-null.</summary>
    public static async Task<(JsonBody? Body, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, IReadOnlyDictionary<string, JsonFieldKind> shape, int maxBytes, CancellationToken cancellationToken)
    {
        var (document, problem) = await ReadDocumentAsync(request, maxBytes, MaxDepth, cancellationToken);
        if (document is null)
        {
            return (null, problem);
        }

        using (document)
        {
            return Check(document.RootElement, shape);
        }
    }

    /// <summary>
    /// The media-type, size and syntax checks alone, for bodies with nested values: the parsed document
    /// (the caller disposes it) or the problem; exactly one is non-null.
    /// </summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(
        HttpRequest request, int maxBytes, int maxDepth, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, problem);
        }

        try
        {
            return (JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = maxDepth }), null);
        }
        catch (JsonException exception)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "malformed-json", "Malformed JSON",
                $"the body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})", "body"));
        }
    }

    /// <summary>
    /// The media-type and size checks alone, for bodies a parser of their own reads: the raw bytes or the problem;
    /// exactly one is non-null.
    /// </summary>
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.FromStatus(StatusCodes.Status415UnsupportedMediaType, "body"));
        }

        var bytes = await RequestBodyBytes.ReadAsync(request, maxBytes, cancellationToken);
        return bytes is null ? (null, ApiProblems.BodyTooLarge(maxBytes)) : (bytes, null);
    }

    private static (JsonBody? Body, ProblemHttpResult? Problem) Check(JsonElement root, IReadOnlyDictionary<string, JsonFieldKind> shape)
    {
        var errors = new FieldErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"the body must be a JSON object, not {Describe(root.ValueKind)}");
            return (null, ApiProblems.Invalid(errors));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var integers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (!shape.TryGetValue(name, out var kind))
            {
                errors.Add(ApiProblems.Truncate(name), $"unknown property; this request accepts {string.Join(", ", shape.Keys)}");
            }
            else if (!seen.Add(name))
            {
                errors.Add(name, "the property appears more than once");
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                ReadValue(name, kind, property.Value, strings, integers, errors);
            }
        }

        return errors.IsEmpty ? (new JsonBody(strings, integers), null) : (null, ApiProblems.Invalid(errors));
    }

    private static void ReadValue(
        string name, JsonFieldKind kind, JsonElement value, Dictionary<string, string> strings, Dictionary<string, int> integers, FieldErrors errors)
    {
        switch (kind)
        {
            case JsonFieldKind.String when value.ValueKind == JsonValueKind.String:
                if (TryGetString(value, out var text))
                {
                    strings[name] = text;
                }
                else
                {
                    errors.Add(name, "the string is not valid Unicode");
                }

                break;
            case JsonFieldKind.Int32 when value.ValueKind == JsonValueKind.Number:
                if (value.TryGetInt32(out var number))
                {
                    integers[name] = number;
                }
                else
                {
                    errors.Add(name, "must be a whole number between -2147483648 and 2147483647");
                }

                break;
            default:
                errors.Add(name, $"must be {(kind == JsonFieldKind.String ? "a string" : "an integer")}, not {Describe(value.ValueKind)}");
                break;
        }
    }

    /// <summary>Invalid UTF-8 or a lone surrogate escape makes <see cref="JsonElement.GetString"/> throw; that is bad input, not a bug.</summary>
    internal static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
