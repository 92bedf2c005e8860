using System.Text.Json;
using System.Text.Json.Serialization;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Audit;

/// <summary>Audit entries as JSON (camelCase): the file sink's lines.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
