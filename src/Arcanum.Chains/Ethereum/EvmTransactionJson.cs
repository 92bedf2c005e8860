using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text.Json;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// Reads an unsigned transaction written with JSON-RPC field names (the <c>eth_signTransaction</c> object).
/// <list type="bullet">
/// <item><c>type</c>: 0 legacy (EIP-155) or 2 (EIP-1559); when absent it follows from the fee fields.</item>
/// <item><c>chainId</c> (required, 1 … 2^64 − 1), <c>nonce</c> and <c>gas</c>/<c>gasLimit</c> (required, 64-bit).</item>
/// <item><c>to</c>: a 20-byte address (EIP-55 checked when mixed case); absent or null creates a contract.</item>
/// <item><c>value</c> (default 0) and the fees: <c>gasPrice</c> for legacy, <c>maxFeePerGas</c> and
/// <c>maxPriorityFeePerGas</c> for type 2 (priority ≤ max, as EIP-1559 requires); all below 2^256.</item>
/// <item><c>data</c>/<c>input</c>: hex (default empty); <c>accessList</c> (type 2 only).</item>
/// </list>
/// Fields of the other type, unknown fields and both spellings of one field at once are refused, so
/// nothing in the request is silently left out of what is signed.
/// </summary>
internal static class EvmTransactionJson
{
    /// <summary>The largest call data accepted (geth's 128 KiB transaction size limit).</summary>
    public const int MaxDataBytes = 128 * 1024;

    /// <summary>The most access-list entries, and storage keys per entry, accepted.</summary>
    public const int MaxAccessListItems = 4096;

    private static readonly BigInteger MaxUInt64 = ulong.MaxValue;

    private static readonly string[] AccessListEntryFields = ["address", "storageKeys"];

    private static readonly HashSet<string> KnownFields =
    [
        "type", "chainId", "nonce", "to", "value", "data", "input", "gas", "gasLimit",
        "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "accessList",
    ];

    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out EvmTransaction? transaction, out string? error)
    {
        transaction = null;
        try
        {
            transaction = Read(json);
            error = null;
            return true;
        }
        catch (JsonFieldException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static EvmTransaction Read(JsonElement json)
    {
        var fields = JsonFields.Read(json, string.Empty, KnownFields);
        var type = ReadType(fields);
        var chainId = (ulong)Quantity(fields, "chainId", MaxUInt64, required: true);
        if (chainId == 0)
        {
            throw new JsonFieldException("chainId: must be at least 1 (EIP-155)");
        }

        return new EvmTransaction
        {
            Type = type,
            ChainId = chainId,
            Nonce = (ulong)Quantity(fields, "nonce", MaxUInt64, required: true),
            GasLimit = (ulong)Quantity(fields, Alias(fields, "gas", "gasLimit"), MaxUInt64, required: true),
            To = ReadTo(fields),
            Value = Quantity(fields, "value", EvmTransaction.MaxUInt256, required: false),
            Data = ReadData(fields),
            GasPrice = type == EvmTransactionType.Legacy ? Quantity(fields, "gasPrice", EvmTransaction.MaxUInt256, required: true) : 0,
            MaxFeePerGas = type == EvmTransactionType.DynamicFee ? Quantity(fields, "maxFeePerGas", EvmTransaction.MaxUInt256, required: true) : 0,
            MaxPriorityFeePerGas = type == EvmTransactionType.DynamicFee ? ReadPriorityFee(fields) : 0,
            AccessList = type == EvmTransactionType.DynamicFee && fields.TryGetValue("accessList", out var list) ? ReadAccessList(list) : [],
        };
    }

    private static EvmTransactionType ReadType(Dictionary<string, JsonElement> fields)
    {
        var hasLegacyFee = fields.ContainsKey("gasPrice");
        var hasDynamicFee = fields.ContainsKey("maxFeePerGas") || fields.ContainsKey("maxPriorityFeePerGas");
        EvmTransactionType type;
        if (fields.TryGetValue("type", out var typeElement))
        {
            type = JsonQuantity.TryRead(typeElement, "type", 0xff, out var value, out var error)
                ? (int)value switch
                {
                    0 => EvmTransactionType.Legacy,
                    2 => EvmTransactionType.DynamicFee,
                    _ => throw new JsonFieldException($"type: {value} is not supported (0 legacy or 2 EIP-1559)"),
                }
                : throw new JsonFieldException(error!);
        }
        else if (hasLegacyFee != hasDynamicFee)
        {
            type = hasLegacyFee ? EvmTransactionType.Legacy : EvmTransactionType.DynamicFee;
        }
        else
        {
            throw new JsonFieldException("type: absent, and the fee fields do not say (gasPrice for legacy, maxFeePerGas and maxPriorityFeePerGas for type 2)");
        }

        var (field, present) = type == EvmTransactionType.Legacy
            ? (fields.ContainsKey("maxFeePerGas") ? "maxFeePerGas" : "maxPriorityFeePerGas", hasDynamicFee)
            : ("gasPrice", hasLegacyFee);
        if (present)
        {
            throw new JsonFieldException($"{field}: not allowed in a type {(int)type} transaction");
        }

        if (type == EvmTransactionType.Legacy && fields.ContainsKey("accessList"))
        {
            throw new JsonFieldException("accessList: not allowed in a legacy transaction");
        }

        return type;
    }

    private static BigInteger ReadPriorityFee(Dictionary<string, JsonElement> fields)
    {
        var priority = Quantity(fields, "maxPriorityFeePerGas", EvmTransaction.MaxUInt256, required: true);
        var max = Quantity(fields, "maxFeePerGas", EvmTransaction.MaxUInt256, required: true);
        return priority <= max ? priority
            : throw new JsonFieldException($"maxPriorityFeePerGas: {priority} exceeds maxFeePerGas {max} (EIP-1559)");
    }

    private static EthereumAddress? ReadTo(Dictionary<string, JsonElement> fields)
    {
        if (!fields.TryGetValue("to", out var to) || to.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ReadAddress(to, "to");
    }

    private static byte[] ReadData(Dictionary<string, JsonElement> fields)
    {
        var name = Alias(fields, "data", "input");
        if (!fields.TryGetValue(name, out var element))
        {
            return [];
        }

        return JsonQuantity.TryReadData(element, name, MaxDataBytes, out var data, out var error) ? data : throw new JsonFieldException(error!);
    }

    private static List<AccessListEntry> ReadAccessList(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxAccessListItems)
        {
            throw new JsonFieldException($"accessList: expected an array of at most {MaxAccessListItems} entries");
        }

        return [.. list.EnumerateArray().Select((entry, i) => ReadAccessListEntry(entry, $"accessList[{i}]"))];
    }

    private static AccessListEntry ReadAccessListEntry(JsonElement entry, string field)
    {
        var fields = JsonFields.Read(entry, field, AccessListEntryFields);
        return new AccessListEntry(
            ReadAddress(JsonFields.Required(fields, field, "address"), $"{field}.address"),
            ReadStorageKeys(JsonFields.Required(fields, field, "storageKeys"), $"{field}.storageKeys"));
    }

    private static List<ReadOnlyMemory<byte>> ReadStorageKeys(JsonElement keys, string field)
    {
        if (keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() > MaxAccessListItems)
        {
            throw new JsonFieldException($"{field}: expected an array of at most {MaxAccessListItems} keys");
        }

        return [.. keys.EnumerateArray().Select((key, i) =>
            JsonQuantity.TryReadData(key, $"{field}[{i}]", AccessListEntry.StorageKeyLength, out var bytes, out var error)
                ? bytes.Length == AccessListEntry.StorageKeyLength ? (ReadOnlyMemory<byte>)bytes
                    : throw new JsonFieldException($"{field}[{i}]: a storage key is {AccessListEntry.StorageKeyLength} bytes")
                : throw new JsonFieldException(error!))];
    }

    private static EthereumAddress ReadAddress(JsonElement element, string field) =>
        JsonQuantity.TryReadAddress(element, field, out var address, out var error) ? address : throw new JsonFieldException(error!);

    private static string Alias(Dictionary<string, JsonElement> fields, string name, string alias) =>
        !fields.ContainsKey(alias) ? name
            : fields.ContainsKey(name) ? throw new JsonFieldException($"{name}: given both as '{name}' and '{alias}'")
            : alias;

    private static BigInteger Quantity(Dictionary<string, JsonElement> fields, string name, BigInteger max, bool required)
    {
        if (!fields.TryGetValue(name, out var element))
        {
            return required ? throw new JsonFieldException($"{name}: required") : BigInteger.Zero;
        }

        return JsonQuantity.TryRead(element, name, max, out var value, out var error) ? value : throw new JsonFieldException(error!);
    }
}
