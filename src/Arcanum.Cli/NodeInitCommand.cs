using System.CommandLine;
using System.Text.Json;
using Arcanum.Coordinator.Hosting;
using Arcanum.Crypto;
using Arcanum.Transport;

namespace Arcanum.Cli;

/// <summary>
/// <c>arcanum node init --out F --id N [--name NAME]</c>: generates a node's Ed25519 identity and X25519
/// static key into F (mode 0600) and prints the membership entry (public keys) for the coordinator's config.
/// </summary>
internal static class NodeInitCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Where to write the node's secret keys (must not exist).", Required = true };
        var id = new Option<int>("--id") { Description = "The node's id in the cluster (1–255): its party id in every protocol.", Required = true };
        var name = new Option<string?>("--name") { Description = "A name for the membership entry (default node-<id>)." };
        var init = new Command("init", "Generate a node's identity and static keys; print the entry to add to the coordinator's members.") { output, id, name };
        init.SetAction(parse =>
        {
            var nodeId = parse.GetValue(id);
            if (nodeId is < 1 or > 255)
            {
                Console.Error.WriteLine("arcanum: --id must be between 1 and 255.");
                return 2;
            }

            var path = parse.GetValue(output)!;
            if (File.Exists(path))
            {
                Console.Error.WriteLine($"arcanum: {path} exists; refusing to overwrite a node's keys.");
                return 1;
            }

            using var rng = new SodiumRandomNumberGenerator();
            using var keys = IdentityKeys.Create(path, rng);
            var member = Member(nodeId, parse.GetValue(name) ?? $"node-{nodeId}", keys);
            Console.WriteLine(JsonSerializer.Serialize(member, CoordinatorConfig.SerializerOptions));
            return 0;
        });
        var node = new Command("node", "Node administration.");
        node.Subcommands.Add(init);
        return node;
    }

    public static ClusterMember Member(int id, string name, IdentityKeys keys) =>
        new(id, name, Convert.ToHexStringLower(keys.Identity.PublicKey.Bytes), Convert.ToHexStringLower(keys.Static.PublicKey.AsSpan()));
}
