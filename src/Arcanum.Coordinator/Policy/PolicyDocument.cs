using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Arcanum.Coordinator.Policy;

/// <summary>
/// A parsed, valid policy document: <c>{"rules": [...]}</c> (docs/policy.md). Obtain one with
/// <see cref="TryParse(JsonElement, out PolicyDocument?, out IReadOnlyList{PolicyError})"/>; its
/// <see cref="Canonical"/> form is what is stored and hashed.
/// </summary>
public sealed class PolicyDocument
{
    /// <summary>A policy nests four levels deep; anything deeper is refused by the JSON reader.</summary>
    private const int MaxJsonDepth = 8;

    private PolicyDocument(IReadOnlyList<PolicyRule> rules)
    {
        Rules = rules;
        LongestWindowSeconds = rules.Select(r => r.Window?.Seconds ?? 0).DefaultIfEmpty(0).Max();
    }

    /// <summary>The rules in document order (the order ties are broken in).</summary>
    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>
    /// The longest <c>window.seconds</c> of any rule, 0 when no rule has a window: the history an evaluation needs
    /// is the operations after <c>now − LongestWindowSeconds</c>.
    /// </summary>
    public int LongestWindowSeconds { get; }

    /// <summary>
    /// Reads <paramref name="json"/> strictly. On failure <paramref name="errors"/> holds every problem found
    /// (at most <see cref="PolicyLimits.MaxErrors"/>), each naming its JSON path; never throws on bad input.
    /// </summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out PolicyDocument? document, out IReadOnlyList<PolicyError> errors)
    {
        var reader = new PolicyReader();
        var rules = reader.ReadDocument(json);
        errors = reader.Errors;
        document = rules is null ? null : new PolicyDocument(rules);
        return document is not null;
    }

    /// <summary>Reads a policy from JSON text; text that is not JSON is one error at <c>$</c>.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out PolicyDocument? document, out IReadOnlyList<PolicyError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return TryParse(parsed.RootElement, out document, out errors);
        }
        catch (JsonException e)
        {
            document = null;
            errors = [new PolicyError("$", $"is not valid JSON: {e.Message}")];
            return false;
        }
    }

    /// <summary>
    /// The document re-serialized canonically: properties in the reference order (id, description, operation,
    /// keys, initiators, chains, assets, destinations, amount, window, action, approval), absent conditions left
    /// out, <c>operation</c> always a list, <c>window.per</c> always written, amounts as decimal strings, list
    /// entries in document order, no whitespace. Equal documents give equal text, so its SHA-256 is stable.
    /// </summary>
    public string Canonical()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("rules");
            foreach (var rule in Rules)
            {
                WriteRule(writer, rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteRule(Utf8JsonWriter writer, PolicyRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        if (rule.Description is not null)
        {
            writer.WriteString("description", rule.Description);
        }

        WriteList(writer, "operation", rule.Operations);
        WriteList(writer, "keys", rule.Keys);
        WriteList(writer, "initiators", rule.Initiators);
        WriteList(writer, "chains", rule.Chains);
        WriteList(writer, "assets", rule.Assets);
        if (rule.Destinations is { } destinations)
        {
            writer.WriteStartObject("destinations");
            WriteList(writer, destinations.Mode == DestinationMode.Allow ? "allow" : "deny", destinations.Addresses);
            writer.WriteEndObject();
        }

        if (rule.Amount is { } amount)
        {
            writer.WriteStartObject("amount");
            if (amount.Max is { } max)
            {
                writer.WriteString("max", PolicyText.Number(max));
            }

            if (amount.Above is { } above)
            {
                writer.WriteString("above", PolicyText.Number(above));
            }

            writer.WriteEndObject();
        }

        if (rule.Window is { } window)
        {
            writer.WriteStartObject("window");
            writer.WriteNumber("seconds", window.Seconds);
            if (window.MaxSum is { } maxSum)
            {
                writer.WriteString("maxSum", PolicyText.Number(maxSum));
            }

            if (window.MaxCount is { } maxCount)
            {
                writer.WriteNumber("maxCount", maxCount);
            }

            writer.WriteString("per", PolicyText.ScopeName(window.Per));
            writer.WriteEndObject();
        }

        writer.WriteString("action", PolicyText.ActionName(rule.Action));
        if (rule.Approval is { } approval)
        {
            writer.WriteStartObject("approval");
            WriteList(writer, "approvers", approval.Approvers);
            writer.WriteNumber("quorum", approval.Quorum);
            writer.WriteNumber("expiresIn", approval.ExpiresInSeconds);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
