using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Accounts;

namespace Arcanum.Ledger.Transactions;

/// <summary>
/// The JSON wire form of a transaction, as <c>POST /v1/ledger/transactions</c> takes it:
/// <code>
/// {"chainId":"arcanum-dev","sender":"arc1…","nonce":0,"module":"accounts","call":"transfer","args":"&lt;hex&gt;","signature":"&lt;hex&gt;"}
/// </code>
/// <c>sender</c> is an account id (Bech32 or hex), <c>nonce</c> a JSON integer 0 … 2^64 − 1, <c>args</c> the lower-case hex of
/// the call's canonical arguments, <c>signature</c> 128 lower-case hex digits. The parser is strict: an object with exactly
/// these seven members, each once, no other members, at most <see cref="MaxLength"/> bytes; every error names the field.
/// </summary>
public static class TransactionJson
{
    /// <summary>The largest accepted document, in bytes (hex args at their bound plus room for the other fields).</summary>
    public const int MaxLength = (2 * Transaction.MaxArgsLength) + 1024;

    private static readonly string[] Fields = ["chainId", "sender", "nonce", "module", "call", "args", "signature"];

    /// <summary>Writes the wire form, members in the order of the type's example, sender in Bech32.</summary>
    public static byte[] Write(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("chainId", transaction.ChainId);
            writer.WriteString("sender", transaction.Sender.ToBech32());
            writer.WriteNumber("nonce", transaction.Nonce);
            writer.WriteString("module", transaction.Module);
            writer.WriteString("call", transaction.Call);
            writer.WriteString("args", Hex.Encode(transaction.Args));
            writer.WriteString("signature", Hex.Encode(transaction.Signature));
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Parses the wire form strictly (see the type); false with the field at fault, never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out FieldError? error)
    {
        transaction = null;
        if (utf8Json.Length > MaxLength)
        {
            error = new FieldError(string.Empty, $"the document is over {MaxLength} bytes.");
            return false;
        }
        var values = new Dictionary<string, JsonElementValue>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new FieldError(string.Empty, "must be a JSON object.");
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (Array.IndexOf(Fields, name) < 0)
                {
                    error = new FieldError(name, "is not a transaction field.");
                    return false;
                }
                if (values.ContainsKey(name))
                {
                    error = new FieldError(name, "appears twice.");
                    return false;
                }
                reader.Read();
                values[name] = reader.TokenType switch
                {
                    JsonTokenType.String => new JsonElementValue(reader.GetString(), null),
                    JsonTokenType.Number => new JsonElementValue(null, reader.TryGetUInt64(out var number) ? number : null),
                    _ => new JsonElementValue(null, null),
                };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    error = new FieldError(name, "must be a string or a number, not a structure.");
                    return false;
                }
            }
            if (reader.Read())
            {
                error = new FieldError(string.Empty, "content after the object.");
                return false;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            error = new FieldError(string.Empty, "is not well-formed JSON.");
            return false;
        }
        return TryBuild(values, out transaction, out error);
    }

    private static bool TryBuild(Dictionary<string, JsonElementValue> values, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out FieldError? error)
    {
        transaction = null;
        foreach (var field in Fields)
        {
            if (!values.ContainsKey(field))
            {
                error = new FieldError(field, "is missing.");
                return false;
            }
        }
        if (!TryText(values, "chainId", out var chainId, out error)
            || !TryText(values, "sender", out var senderText, out error)
            || !TryText(values, "module", out var module, out error)
            || !TryText(values, "call", out var call, out error)
            || !TryHex(values, "args", out var args, out error)
            || !TryHex(values, "signature", out var signature, out error))
        {
            return false;
        }
        if (!AccountId.TryParse(senderText, out var sender))
        {
            error = new FieldError("sender", "must be an account id: arc1… (Bech32) or 64 lower-case hex digits.");
            return false;
        }
        if (values["nonce"].Number is not { } nonce)
        {
            error = new FieldError("nonce", "must be an integer from 0 to 18446744073709551615.");
            return false;
        }
        return Transaction.TryCreate(chainId, sender, nonce, module, call, args, signature, out transaction, out error);
    }

    private static bool TryText(Dictionary<string, JsonElementValue> values, string field, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out FieldError? error)
    {
        text = values[field].Text;
        error = text is null ? new FieldError(field, "must be a string.") : null;
        return text is not null;
    }

    private static bool TryHex(Dictionary<string, JsonElementValue> values, string field, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out FieldError? error)
    {
        bytes = null;
        if (!TryText(values, field, out var text, out error))
        {
            return false;
        }
        if (text.AsSpan().ContainsAnyInRange('A', 'F') || !Hex.TryDecode(text, out bytes))
        {
            error = new FieldError(field, "must be lower-case hexadecimal with an even number of digits.");
            return false;
        }
        return true;
    }

    /// <summary>A member's value: its text if a string, its value if an unsigned 64-bit integer, else neither.</summary>
    private readonly record struct JsonElementValue(string? Text, ulong? Number);
}
