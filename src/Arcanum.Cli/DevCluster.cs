using System.Security.Cryptography;
using Arcanum.Coordinator.Hosting;
using Arcanum.Coordinator.Ledger;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Crypto;
using Arcanum.Node.Hosting;
using Arcanum.Node.Vault;
using Arcanum.Transport;

namespace Arcanum.Cli;

/// <summary>What <c>arcanum dev</c> was asked for.</summary>
internal sealed record DevOptions(int Nodes, int Port, string DataDirectory, string? Token, string? Postgres, bool Fresh, string? Genesis = null,
    bool ProposeWrongStateRoot = false);

/// <summary>
/// The files of a dev cluster under one directory: the coordinator's config, identity, admin token and
/// SQLite database, the ledger's genesis document (genesis.json, chain <see cref="DevChainId"/> unless --genesis gives
/// one) and the coordinator's ledger database, and per node (node-1, node-2, …) its config, identity, master key file,
/// vault, consumption ledger and copy of the privacy ledger. Created on first use; reused on restart, so keys, shares
/// and the chain survive.
/// </summary>
internal sealed class DevCluster
{
    private DevCluster(string directory, CoordinatorConfig coordinator, IReadOnlyList<string> nodeConfigs, string token)
    {
        Directory = directory;
        Coordinator = coordinator;
        NodeConfigs = nodeConfigs;
        Token = token;
    }

    /// <summary>The chain id of the genesis document <c>arcanum dev</c> writes.</summary>
    public const string DevChainId = "arcanum-dev";

    /// <summary>The genesis document's file name in the data directory.</summary>
    public const string GenesisFileName = "genesis.json";

    public string Directory { get; }

    /// <summary>The ledger's chain id (from the genesis document).</summary>
    public string ChainId { get; private init; } = DevChainId;

    public CoordinatorConfig Coordinator { get; }

    public IReadOnlyList<string> NodeConfigs { get; }

    public string Token { get; }

    public string ApiUrl => Coordinator.Listen;

    public string CoordinatorConfigPath => Path.Combine(Directory, "coordinator.json");

    public static string NodeDirectory(string directory, int id) => Path.Combine(directory, $"node-{id}");

    /// <summary>Creates or reopens the cluster files; throws <see cref="InvalidOperationException"/> with a user-facing reason.</summary>
    public static DevCluster Prepare(DevOptions options)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        if (options.Fresh && System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "coordinator.json");
        var coordinator = File.Exists(configPath) ? Reopen(configPath, options) : Create(directory, options);
        var genesis = WriteGenesis(directory, options.Genesis);
        coordinator = coordinator with
        {
            Listen = $"http://127.0.0.1:{options.Port}",
            Postgres = options.Postgres ?? coordinator.Postgres,
            Ledger = coordinator.Ledger ?? new LedgerSettings { Genesis = GenesisFileName, Sqlite = "ledger.db" },
        };
        var ledgerFault = coordinator.Ledger! with { ProposeWrongStateRoot = options.ProposeWrongStateRoot };
        var tokenPath = coordinator.Resolve(coordinator.AdminTokenFile);
        if (options.Token is { } token)
        {
            if (token.Length < 16)
            {
                throw new InvalidOperationException("--token must be at least 16 characters.");
            }

            File.WriteAllText(tokenPath, token + "\n");
        }

        coordinator.Save(configPath);
        var nodeConfigs = coordinator.Members.Select(m => Path.Combine(NodeDirectory(directory, m.Id), "node.json")).ToList();
        foreach (var path in nodeConfigs)
        {
            var node = NodeConfig.Load(path);
            // Each node: the shared genesis document and its own ledger database in its directory.
            (node with
            {
                Coordinator = node.Coordinator with { Url = $"ws://127.0.0.1:{options.Port}/v1/cluster" },
                Chain = node.Chain ?? new NodeChainConfig { Genesis = Path.Combine("..", GenesisFileName), Database = "ledger.db" },
            }).Save(path);
        }

        var cluster = new DevCluster(directory, coordinator with { BaseDirectory = directory, Ledger = ledgerFault }, nodeConfigs, File.ReadAllText(tokenPath).Trim())
        {
            ChainId = genesis.ChainId,
        };
        File.WriteAllText(Path.Combine(directory, "env"), $"export ARCANUM_ADDR={cluster.ApiUrl}\nexport ARCANUM_TOKEN={cluster.Token}\n");
        return cluster;
    }

    /// <summary>
    /// Writes the dev genesis document on first use — <paramref name="source"/>'s document when given (e.g. to fund test
    /// accounts), else chain <see cref="DevChainId"/> with no allocations — and returns the one in force. A different
    /// document for an existing cluster is refused: its chain already started from the first.
    /// </summary>
    private static GenesisDocument WriteGenesis(string directory, string? source)
    {
        var path = Path.Combine(directory, GenesisFileName);
        byte[]? wanted = null;
        if (source is not null)
        {
            try
            {
                GenesisFile.Load(source);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidOperationException($"--genesis: {e.Message}", e);
            }

            wanted = File.ReadAllBytes(source);
        }

        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, wanted ?? System.Text.Encoding.UTF8.GetBytes($"{{\"chainId\":\"{DevChainId}\",\"allocations\":[]}}\n"));
        }
        else if (wanted is not null && !File.ReadAllBytes(path).AsSpan().SequenceEqual(wanted))
        {
            throw new InvalidOperationException($"{directory} already holds a chain started from another genesis document; run with --fresh to start over (destroys its keys).");
        }

        try
        {
            return GenesisFile.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    private static CoordinatorConfig Reopen(string configPath, DevOptions options)
    {
        var existing = CoordinatorConfig.Load(configPath);
        if (existing.Members.Count != options.Nodes)
        {
            throw new InvalidOperationException(
                $"{Path.GetDirectoryName(configPath)} holds a {existing.Members.Count}-node cluster; run with --nodes {existing.Members.Count}, or --fresh to start over (destroys its keys).");
        }

        return existing;
    }

    private static CoordinatorConfig Create(string directory, DevOptions options)
    {
        using var rng = new SodiumRandomNumberGenerator();
        using var coordinatorKeys = IdentityKeys.Create(Path.Combine(directory, "coordinator.identity.json"), rng);
        var token = options.Token ?? "arc_dev_" + Convert.ToBase64String(RandomBytes(rng, 24)).Replace('+', '-').Replace('/', '_');
        SecretFiles.CreateNew(Path.Combine(directory, "admin-token"), System.Text.Encoding.UTF8.GetBytes(token + "\n"));

        var members = new List<ClusterMember>();
        for (var id = 1; id <= options.Nodes; id++)
        {
            var nodeDirectory = NodeDirectory(directory, id);
            System.IO.Directory.CreateDirectory(nodeDirectory);
            using var keys = IdentityKeys.Create(Path.Combine(nodeDirectory, "identity.json"), rng);
            MasterKey.CreateKeyFile(Path.Combine(nodeDirectory, "master.key"), rng).Dispose();
            members.Add(NodeInitCommand.Member(id, $"node-{id}", keys));
        }

        foreach (var member in members)
        {
            var node = new NodeConfig
            {
                Id = member.Id,
                IdentityFile = "identity.json",
                MasterKeyFile = "master.key",
                Coordinator = new CoordinatorEndpoint
                {
                    Url = $"ws://127.0.0.1:{options.Port}/v1/cluster",
                    IdentityKey = Convert.ToHexStringLower(coordinatorKeys.Identity.PublicKey.Bytes),
                    StaticKey = Convert.ToHexStringLower(coordinatorKeys.Static.PublicKey.AsSpan()),
                },
                Peers = [.. members.Where(m => m.Id != member.Id).Select(m => new PeerEntry(m.Id, m.IdentityKey, m.StaticKey))],
            };
            node.Save(Path.Combine(NodeDirectory(directory, member.Id), "node.json"));
        }

        return new CoordinatorConfig { Members = members, BaseDirectory = directory };
    }

    private static byte[] RandomBytes(RandomNumberGenerator rng, int count)
    {
        var bytes = new byte[count];
        rng.GetBytes(bytes);
        return bytes;
    }
}
