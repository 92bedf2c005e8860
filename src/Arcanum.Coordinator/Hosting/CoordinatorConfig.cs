using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Coordinator.Hosting;

/// <summary>
/// <c>arcanum serve coordinator --config F</c>: the coordinator's configuration file (JSON). Relative
/// paths are resolved against the file's directory. See docs/cluster.md for an example.
/// </summary>
public sealed record CoordinatorConfig
{
    /// <summary>The URL Kestrel listens on, e.g. http://127.0.0.1:8700.</summary>
    [JsonPropertyName("listen")]
    public string Listen { get; init; } = "http://127.0.0.1:8700";

    /// <summary>The coordinator's identity file (<see cref="Transport.IdentityKeys"/>).</summary>
    [JsonPropertyName("identityFile")]
    public string IdentityFile { get; init; } = "coordinator.identity.json";

    /// <summary>A file holding the admin bearer token (one line).</summary>
    [JsonPropertyName("adminTokenFile")]
    public string AdminTokenFile { get; init; } = "admin-token";

    /// <summary>SQLite database file (the default store).</summary>
    [JsonPropertyName("sqlite")]
    public string? Sqlite { get; init; } = "coordinator.db";

    /// <summary>A PostgreSQL connection string; when set, used instead of <see cref="Sqlite"/>.</summary>
    [JsonPropertyName("postgres")]
    public string? Postgres { get; init; }

    /// <summary>How long a session waits for the next round's messages before it ends timed_out.</summary>
    [JsonPropertyName("roundTimeoutSeconds")]
    public double RoundTimeoutSeconds { get; init; } = 10;

    /// <summary>A second, fail-closed audit sink: JSON lines appended to this file (relative to the config file); null: the store only.</summary>
    [JsonPropertyName("auditFile")]
    public string? AuditFile { get; init; }

    /// <summary>The ledger sequencer's settings (docs/ledger.md, "Sequencer"); null: this coordinator runs no ledger.</summary>
    [JsonPropertyName("ledger")]
    public Ledger.LedgerSettings? Ledger { get; init; }

    [JsonPropertyName("members")]
    public IReadOnlyList<ClusterMember> Members { get; init; } = [];

    /// <summary>The directory relative paths start from (the config file's).</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = ".";

    public string Resolve(string path) => Path.GetFullPath(path, BaseDirectory);

    public static CoordinatorConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        var config = JsonSerializer.Deserialize<CoordinatorConfig>(File.ReadAllBytes(full), SerializerOptions)
            ?? throw new InvalidDataException($"{path} is empty.");
        return config with { BaseDirectory = Path.GetDirectoryName(full)! };
    }

    public void Save(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, SerializerOptions));

    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
