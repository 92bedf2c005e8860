using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Coordinator.Governance;

// The canonical payloads of governed operations: what the API checked, written by the coordinator (one
// serializer, declaration order, no whitespace), stored with a request that awaits approval and read back
// when it runs. A change to any field is another payload, hence another approval statement.

/// <summary>key_create: a checked POST /v1/keys.</summary>
internal sealed record CreateKeyCommand(string Name, string Scheme, int Threshold, int Parties);

/// <summary>key_destroy: DELETE /v1/keys/{id}.</summary>
internal sealed record DestroyKeyCommand(string KeyId);

/// <summary>reshare: a checked POST /v1/keys/{id}/reshare.</summary>
internal sealed record ReshareCommand(string KeyId, int Threshold, int Parties);

/// <summary>sign_raw: a checked POST /v1/keys/{id}/sign — the exact bytes (hex) and the path.</summary>
internal sealed record SignRawCommand(string KeyId, string Payload, IReadOnlyList<uint> Path);

/// <summary>sign_transaction / sign_message: POST /v1/keys/{id}/transactions with its body in canonical JSON.</summary>
internal sealed record SignTransactionCommand(string KeyId, JsonElement Body);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateKeyCommand))]
[JsonSerializable(typeof(DestroyKeyCommand))]
[JsonSerializable(typeof(ReshareCommand))]
[JsonSerializable(typeof(SignRawCommand))]
[JsonSerializable(typeof(SignTransactionCommand))]
internal sealed partial class CommandJsonContext : JsonSerializerContext;
