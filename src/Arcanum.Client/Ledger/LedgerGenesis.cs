using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Modules.Accounts;

namespace Arcanum.Client.Ledger;

/// <summary>
/// GET /v1/ledger/genesis: the chain's genesis document and the committee key the coordinator reports. The key is the
/// coordinator's claim only; a verifier compares it with the key it trusts (<see cref="LedgerTrustAnchor"/>).
/// </summary>
/// <param name="Document">The genesis document (chain id and allocations).</param>
/// <param name="CommitteeKey">The committee key the coordinator reports.</param>
public sealed record LedgerGenesis(GenesisDocument Document, Ed25519PublicKey CommitteeKey)
{
    /// <summary>The member added to the genesis document's JSON.</summary>
    public const string CommitteeKeyMember = "committeeKey";

    /// <summary>
    /// Parses the body: the genesis document's JSON (<see cref="GenesisDocument.TryParse"/>, strict) with one more
    /// member, <c>committeeKey</c> (64 hex digits). False with the reason; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out LedgerGenesis? genesis, [NotNullWhen(false)] out string? error)
    {
        genesis = null;
        if (utf8Json.Length > GenesisDocument.MaxLength + 256)
        {
            error = $"the genesis body is over {GenesisDocument.MaxLength + 256} bytes";
            return false;
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(utf8Json, documentOptions: new JsonDocumentOptions { MaxDepth = 4 }) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            error = "the genesis body is not a JSON object";
            return false;
        }

        if (!root.TryGetPropertyValue(CommitteeKeyMember, out var keyNode) || keyNode?.GetValueKind() != JsonValueKind.String
            || keyNode.GetValue<string>() is not { Length: 2 * Ed25519PublicKey.Length } keyHex || !Hex.TryDecode(keyHex, out var keyBytes))
        {
            error = $"{CommitteeKeyMember} must be {2 * Ed25519PublicKey.Length} hex digits";
            return false;
        }

        root.Remove(CommitteeKeyMember);
        if (!GenesisDocument.TryParse(JsonSerializer.SerializeToUtf8Bytes(root, GenesisJsonContext.Default.JsonObject), out var document, out var documentError))
        {
            error = "the genesis document is malformed: " + documentError;
            return false;
        }

        genesis = new LedgerGenesis(document, Ed25519PublicKey.FromBytes(keyBytes));
        error = null;
        return true;
    }
}

/// <summary>Source-generated JSON for re-serializing the genesis document without the committee key.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class GenesisJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
