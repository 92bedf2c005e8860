using System.Text.Json;
using Arcanum.Coordinator.Api;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// The body of POST /v1/keys/{id}/transactions, checked like every other body (known properties only,
/// each once, with the right JSON type): <c>chain</c> (required), <c>path</c>, and exactly one of
/// <c>transaction</c> (an object), <c>personalSign</c> (a string) and <c>typedData</c> (an object); the last
/// two only for <c>ethereum</c>. The elements stay valid while the parsed document lives.
/// </summary>
internal sealed record TransactionRequestBody(string Chain, string? Path, JsonElement? Transaction, JsonElement? PersonalSign, JsonElement? TypedData)
{
    private static readonly Dictionary<string, JsonValueKind> Shape = new(StringComparer.Ordinal)
    {
        ["chain"] = JsonValueKind.String,
        ["path"] = JsonValueKind.String,
        ["transaction"] = JsonValueKind.Object,
        ["personalSign"] = JsonValueKind.String,
        ["typedData"] = JsonValueKind.Object,
    };

    /// <summary>The body, or null with every problem in <paramref name="errors"/>.</summary>
    public static TransactionRequestBody? Read(JsonElement root, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"the body must be a JSON object, not {JsonBody.Describe(root.ValueKind)}");
            return null;
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Shape.TryGetValue(property.Name, out var kind))
            {
                errors.Add(ApiProblems.Truncate(property.Name), $"unknown property; this request accepts {string.Join(", ", Shape.Keys)}");
            }
            else if (!values.TryAdd(property.Name, property.Value))
            {
                errors.Add(property.Name, "the property appears more than once");
            }
            else if (property.Value.ValueKind != kind && property.Value.ValueKind != JsonValueKind.Null)
            {
                errors.Add(property.Name, $"must be {JsonBody.Describe(kind)}, not {JsonBody.Describe(property.Value.ValueKind)}");
            }
        }

        JsonElement? Value(string name) => values.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
        var chain = Text(Value("chain"), "chain", errors);
        var path = Text(Value("path"), "path", errors);
        if (chain is null && errors.IsEmpty)
        {
            errors.Add("chain", $"required: one of {SupportedChains.Names}");
        }

        var body = new TransactionRequestBody(chain ?? "", path, Value("transaction"), Value("personalSign"), Value("typedData"));
        var given = new[] { body.Transaction, body.PersonalSign, body.TypedData }.Count(v => v is not null);
        if (errors.IsEmpty && given != 1)
        {
            errors.Add("transaction", given == 0
                ? "required: the unsigned transaction (or, for ethereum, personalSign or typedData)"
                : "give exactly one of transaction, personalSign and typedData");
        }

        if (errors.IsEmpty && body.Chain != "ethereum" && body.Transaction is null)
        {
            errors.Add(body.PersonalSign is null ? "typedData" : "personalSign", "only for chain ethereum");
        }

        return errors.IsEmpty ? body : null;
    }

    private static string? Text(JsonElement? value, string name, FieldErrors errors)
    {
        if (value is not { ValueKind: JsonValueKind.String } element)
        {
            return null;
        }

        if (JsonBody.TryGetString(element, out var text))
        {
            return text;
        }

        errors.Add(name, "the string is not valid Unicode");
        return null;
    }
}
