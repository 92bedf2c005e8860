using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Modules.Accounts;

/// <summary>One genesis allocation: an account and its opening balance.</summary>
public sealed record GenesisAllocation(AccountId Account, ulong Balance);

/// <summary>
/// The genesis document: the chain id and the opening balances.
/// <code>{"chainId":"arcanum-dev","allocations":[{"account":"arc1…","balance":1000000}]}</code>
/// Parsing is strict: exactly these members, each once; at most <see cref="MaxAllocations"/> allocations, each account
/// once, every balance above zero, and a total that fits in 64 bits. <see cref="Apply"/> writes the state of height 0:
/// <c>ledger/chain_id</c> → UTF-8 chain id, the balances, and <c>accounts/supply</c>.
/// </summary>
public sealed class GenesisDocument
{
    /// <summary>The most allocations a genesis document may hold.</summary>
    public const int MaxAllocations = 10_000;

    /// <summary>The largest accepted document, in bytes.</summary>
    public const int MaxLength = 2 * 1024 * 1024;

    private GenesisDocument(string chainId, IReadOnlyList<GenesisAllocation> allocations)
    {
        ChainId = chainId;
        Allocations = allocations;
    }

    /// <summary>The chain id every transaction must carry.</summary>
    public string ChainId { get; }

    /// <summary>The allocations, in ascending account order.</summary>
    public IReadOnlyList<GenesisAllocation> Allocations { get; }

    /// <summary>The key holding the chain id.</summary>
    public static byte[] ChainIdKey() => StateKey.Of("ledger/chain_id");

    /// <summary>Checks and builds a document; false with the field at fault.</summary>
    public static bool TryCreate(string chainId, IEnumerable<GenesisAllocation> allocations, [NotNullWhen(true)] out GenesisDocument? document, [NotNullWhen(false)] out FieldError? error)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        document = null;
        if (!Transaction.IsValidChainId(chainId))
        {
            error = new FieldError("chainId", "must be 1–64 characters from [a-z0-9-].");
            return false;
        }
        var sorted = allocations.OrderBy(a => a.Account).ToList();
        if (sorted.Count > MaxAllocations)
        {
            error = new FieldError("allocations", $"at most {MaxAllocations}.");
            return false;
        }
        ulong total = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Balance == 0)
            {
                error = new FieldError($"allocations[{sorted[i].Account}].balance", "must be above zero.");
                return false;
            }
            if (i > 0 && sorted[i].Account.Equals(sorted[i - 1].Account))
            {
                error = new FieldError($"allocations[{sorted[i].Account}]", "the account appears twice.");
                return false;
            }
            if (ulong.MaxValue - total < sorted[i].Balance)
            {
                error = new FieldError("allocations", "the total exceeds 2^64 − 1.");
                return false;
            }
            total += sorted[i].Balance;
        }
        error = null;
        document = new GenesisDocument(chainId, sorted);
        return true;
    }

    /// <summary>Parses the JSON form strictly (see the type); never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out GenesisDocument? document, [NotNullWhen(false)] out FieldError? error)
    {
        document = null;
        if (utf8Json.Length > MaxLength)
        {
            error = new FieldError(string.Empty, $"the document is over {MaxLength} bytes.");
            return false;
        }
        try
        {
            using var json = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            if (!TryMembers(json.RootElement, string.Empty, ["chainId", "allocations"], out var root, out error))
            {
                return false;
            }
            if (root["chainId"].ValueKind != JsonValueKind.String)
            {
                error = new FieldError("chainId", "must be a string.");
                return false;
            }
            var list = root["allocations"];
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxAllocations)
            {
                error = new FieldError("allocations", $"must be an array of at most {MaxAllocations} objects.");
                return false;
            }
            var allocations = new List<GenesisAllocation>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var field = $"allocations[{index++}]";
                if (!TryMembers(item, field, ["account", "balance"], out var members, out error))
                {
                    return false;
                }
                if (members["account"].ValueKind != JsonValueKind.String || !AccountId.TryParse(members["account"].GetString(), out var account))
                {
                    error = new FieldError(field + ".account", "must be an account id (arc1… or 64 lower-case hex digits).");
                    return false;
                }
                if (members["balance"].ValueKind != JsonValueKind.Number || !members["balance"].TryGetUInt64(out var balance))
                {
                    error = new FieldError(field + ".balance", "must be an integer from 1 to 18446744073709551615.");
                    return false;
                }
                allocations.Add(new GenesisAllocation(account, balance));
            }
            return TryCreate(root["chainId"].GetString()!, allocations, out document, out error);
        }
        catch (JsonException)
        {
            error = new FieldError(string.Empty, "is not well-formed JSON.");
            return false;
        }
    }

    /// <summary>
    /// The JSON form <see cref="TryParse"/> reads (see the type): members in that order, accounts in Bech32, allocations
    /// in ascending account order — so parsing it gives back an equal document.
    /// </summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("chainId", ChainId);
            writer.WriteStartArray("allocations");
            foreach (var allocation in Allocations)
            {
                writer.WriteStartObject();
                writer.WriteString("account", allocation.Account.ToBech32());
                writer.WriteNumber("balance", allocation.Balance);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Writes the genesis state into an empty <paramref name="state"/>.</summary>
    public void Apply(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Get(ChainIdKey()) is not null)
        {
            throw new InvalidOperationException("The state already holds a genesis.");
        }
        state.Set(ChainIdKey(), System.Text.Encoding.UTF8.GetBytes(ChainId));
        ulong total = 0;
        foreach (var allocation in Allocations)
        {
            AccountsState.SetBalance(state, allocation.Account, allocation.Balance);
            total += allocation.Balance;
        }
        StateKey.SetUInt64(state, AccountsState.SupplyKey(), total);
    }

    private static bool TryMembers(JsonElement element, string field, string[] names, [NotNullWhen(true)] out Dictionary<string, JsonElement>? members, [NotNullWhen(false)] out FieldError? error)
    {
        members = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = new FieldError(field, "must be an object.");
            return false;
        }
        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = field.Length == 0 ? property.Name : $"{field}.{property.Name}";
            if (Array.IndexOf(names, property.Name) < 0)
            {
                error = new FieldError(name, "is not a genesis field.");
                return false;
            }
            if (!found.TryAdd(property.Name, property.Value))
            {
                error = new FieldError(name, "appears twice.");
                return false;
            }
        }
        var missing = names.FirstOrDefault(n => !found.ContainsKey(n));
        if (missing is not null)
        {
            error = new FieldError(field.Length == 0 ? missing : $"{field}.{missing}", "is missing.");
            return false;
        }
        members = found;
        error = null;
        return true;
    }
}
