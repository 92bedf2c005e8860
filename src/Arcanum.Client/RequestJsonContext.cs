using System.Text.Json;
using System.Text.Json.Serialization;
using Arcanum.Client.Contracts;

namespace Arcanum.Client;

/// <summary>
/// Request bodies as the SDK sends them: the API's camelCase names, with unset (null) members left
/// out, so that a sign request carries only the one of message/digest it means.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(SignRequest))]
[JsonSerializable(typeof(ReshareRequest))]
[JsonSerializable(typeof(TransactionRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(EvaluateRequest))]
[JsonSerializable(typeof(DecisionRequest))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
