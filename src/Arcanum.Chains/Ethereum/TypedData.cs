using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// EIP-712 typed structured data hashing, as eth_signTypedData_v4 (arrays and nested structs included):
/// the input is <c>{types, primaryType, domain, message}</c> and the signed digest is
/// Keccak-256(0x19 0x01 ‖ hashStruct(EIP712Domain, domain) ‖ hashStruct(primaryType, message)) (EIP-712 §Specification).
/// Stricter than the reference implementation where leniency could hide what is signed: every declared
/// field must be present, no undeclared field may appear, values must have the exact type (no null structs,
/// bytesN of exactly N bytes, integers in range, fixed-size arrays of their size).
/// </summary>
public static class TypedData
{
    /// <summary>The name of the domain type (EIP-712 §Definition of domainSeparator).</summary>
    public const string DomainType = "EIP712Domain";

    private static readonly byte[] DigestPrefix = [0x19, 0x01];

    private static readonly string[] TopLevelFields = ["types", "primaryType", "domain", "message"];

    /// <summary>Computes the hashes; false with an error naming the offending type, field or value path.</summary>
    public static bool TryHash(JsonElement json, [NotNullWhen(true)] out TypedDataHash? hash, out string? error)
    {
        hash = null;
        try
        {
            hash = Hash(json);
            error = null;
            return true;
        }
        catch (JsonFieldException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static TypedDataHash Hash(JsonElement json)
    {
        var fields = JsonFields.Read(json, string.Empty, TopLevelFields);
        var schema = TypedDataTypes.Parse(JsonFields.Required(fields, string.Empty, "types"));
        var primaryType = JsonFields.Required(fields, string.Empty, "primaryType");
        var primary = primaryType.ValueKind == JsonValueKind.String ? primaryType.GetString()!
            : throw new JsonFieldException($"primaryType: expected a string, found {primaryType.ValueKind}");
        if (!schema.IsStruct(primary))
        {
            throw new JsonFieldException($"primaryType: '{primary}' is not a type declared in types");
        }

        if (!schema.IsStruct(DomainType))
        {
            throw new JsonFieldException($"types.{DomainType}: required");
        }

        var domainSeparator = schema.HashStruct(DomainType, JsonFields.Required(fields, string.Empty, "domain"), "domain");
        var messageHash = primary == DomainType ? null
            : schema.HashStruct(primary, JsonFields.Required(fields, string.Empty, "message"), "message");
        var digest = Keccak256.Hash([.. DigestPrefix, .. domainSeparator, .. messageHash ?? []]);
        return new TypedDataHash(domainSeparator, messageHash, digest);
    }
}
