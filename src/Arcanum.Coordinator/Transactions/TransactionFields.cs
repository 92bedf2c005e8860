using System.Globalization;
using System.Text.Json;
using Arcanum.Coordinator.Api;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// Reads a transaction object whose properties are all strings (PSBT, Solana, Cosmos, Tron inputs) as
/// strictly as <see cref="JsonBody"/> reads a request: an object, only the listed properties, each once,
/// each a string — except those listed as <paramref name="integersAllowed"/>, which may also be a
/// non-negative JSON integer (read as its decimal text). Problems name <c>transaction.{property}</c>.
/// </summary>
internal static class TransactionFields
{
    public static Dictionary<string, string> Read(JsonElement transaction, IReadOnlyList<string> allowed, IReadOnlyList<string>? integersAllowed = null)
    {
        if (transaction.ValueKind != JsonValueKind.Object)
        {
            throw TransactionProblems.Invalid("transaction", $"must be an object with {string.Join(", ", allowed)}, not {JsonBody.Describe(transaction.ValueKind)}");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in transaction.EnumerateObject())
        {
            var field = $"transaction.{ApiProblems.Truncate(property.Name)}";
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw TransactionProblems.Invalid(field, $"unknown property; this transaction takes {string.Join(", ", allowed)}");
            }

            if (fields.ContainsKey(property.Name))
            {
                throw TransactionProblems.Invalid(field, "the property appears more than once");
            }

            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String when JsonBody.TryGetString(property.Value, out var text) => text,
                JsonValueKind.Number when integersAllowed?.Contains(property.Name, StringComparer.Ordinal) == true
                    && property.Value.TryGetUInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => throw TransactionProblems.Invalid(field, $"must be a string, not {JsonBody.Describe(property.Value.ValueKind)}"),
            };
        }

        return fields;
    }
}
