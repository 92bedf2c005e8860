using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Node.Hosting;

/// <summary>
/// <c>arcanum serve node --config F</c>: a node's configuration file (JSON). Relative paths are
/// resolved against the file's directory. The coordinator's and peers' public keys are pinned here:
/// the node trusts nothing the coordinator says about them. See docs/cluster.md for an example.
/// </summary>
public sealed record NodeConfig
{
    /// <summary>This node's id: its party id in every protocol and its id in the coordinator's membership.</summary>
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("identityFile")]
    public string IdentityFile { get; init; } = "identity.json";

    [JsonPropertyName("coordinator")]
    public CoordinatorEndpoint Coordinator { get; init; } = new();

    /// <summary>The directory of sealed shares.</summary>
    [JsonPropertyName("vault")]
    public string Vault { get; init; } = "vault";

    /// <summary>The master key file (dev); when null the master key comes from a passphrase (Argon2id).</summary>
    [JsonPropertyName("masterKeyFile")]
    public string? MasterKeyFile { get; init; }

    /// <summary>Argon2id parameters (salt, limits) for the passphrase, created on first start.</summary>
    [JsonPropertyName("passphraseParameters")]
    public string PassphraseParameters { get; init; } = "passphrase.json";

    /// <summary>The consumption ledger (nonces, presignatures and session ids already used).</summary>
    [JsonPropertyName("ledger")]
    public string Ledger { get; init; } = "ledger.bin";

    /// <summary>
    /// This node's copy of the privacy ledger (docs/node.md, "Nodes and blocks"); optional. When absent the node keeps
    /// no ledger and refuses ledger block sessions. (The JSON name is <c>chain</c>: <c>ledger</c> is the consumption ledger.)
    /// </summary>
    [JsonPropertyName("chain")]
    public NodeChainConfig? Chain { get; init; }

    /// <summary>The other members: id and public keys (hex).</summary>
    [JsonPropertyName("peers")]
    public IReadOnlyList<PeerEntry> Peers { get; init; } = [];

    [JsonIgnore]
    public string BaseDirectory { get; init; } = ".";

    public string Resolve(string path) => Path.GetFullPath(path, BaseDirectory);

    public static NodeConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        var config = JsonSerializer.Deserialize<NodeConfig>(File.ReadAllBytes(full), SerializerOptions)
            ?? throw new InvalidDataException($"{path} is empty.");
        return config with { BaseDirectory = Path.GetDirectoryName(full)! };
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, SerializerOptions));

    private static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>
/// The <c>chain</c> section of a node's configuration: the chain's genesis document (the same file the coordinator
/// and every other node use) and this node's ledger database. Paths are relative to the configuration file.
/// </summary>
public sealed record NodeChainConfig
{
    /// <summary>The genesis document (JSON, <c>GenesisDocument.TryParse</c>); it names the chain id. Required.</summary>
    [JsonPropertyName("genesis")]
    public string Genesis { get; init; } = "genesis.json";

    /// <summary>This node's ledger database (SQLite): its state tree, head and finalized blocks.</summary>
    [JsonPropertyName("database")]
    public string Database { get; init; } = "ledger.db";
}

/// <summary>Where the coordinator listens (ws://host:port/v1/cluster) and its pinned public keys (hex).</summary>
public sealed record CoordinatorEndpoint
{
    [JsonPropertyName("url")]
    public string Url { get; init; } = "ws://127.0.0.1:8700/v1/cluster";

    [JsonPropertyName("identityKey")]
    public string IdentityKey { get; init; } = "";

    [JsonPropertyName("staticKey")]
    public string StaticKey { get; init; } = "";
}

/// <summary>Another node's public keys (hex), as <c>arcanum node init</c> prints them.</summary>
public sealed record PeerEntry(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("identityKey")] string IdentityKey,
    [property: JsonPropertyName("staticKey")] string StaticKey);
