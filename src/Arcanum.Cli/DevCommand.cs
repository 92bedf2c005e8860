using System.CommandLine;
using System.Security.Cryptography;
using Arcanum.Client;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Hosting;
using Arcanum.Coordinator.Sessions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Arcanum.Cli;

/// <summary>
/// <c>arcanum dev</c>: a local cluster in one command — the coordinator in this process (SQLite, or
/// PostgreSQL with --postgres) and N node child processes on 127.0.0.1, all files under one data
/// directory so a restart keeps keys and shares. Prints the API URL, the admin token and how to try it;
/// Ctrl+C or SIGTERM stops every child.
/// </summary>
internal static class DevCommand
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(90);

    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "How many node processes to run (2–16).", DefaultValueFactory = _ => 3 };
        var port = new Option<int>("--port") { Description = "The API port on 127.0.0.1.", DefaultValueFactory = _ => 8700 };
        var data = new Option<string>("--data") { Description = "The cluster's data directory.", DefaultValueFactory = _ => ".arcanum-dev" };
        var token = new Option<string?>("--token") { Description = "Use this admin token (at least 16 characters) instead of the generated one." };
        var postgres = new Option<string?>("--postgres") { Description = "Store coordinator metadata in PostgreSQL (an Npgsql connection string) instead of SQLite." };
        var fresh = new Option<bool>("--fresh") { Description = "Delete the data directory first (destroys its keys)." };
        var genesis = new Option<string?>("--genesis") { Description = "Start the ledger from this genesis document (JSON) instead of chain arcanum-dev with no allocations." };
        var fault = new Option<string?>("--fault")
        {
            Description = "Fault injection for tests: 'wrong-state-root' makes the sequencer propose every block after block 1 with a wrong state root.",
            Hidden = true,
        };
        fault.AcceptOnlyFromAmong("wrong-state-root");
        var command = new Command("dev", "Run a local development cluster: a coordinator and N node processes on 127.0.0.1 (not for production).")
        {
            nodes, port, data, token, postgres, fresh, genesis, fault,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DevOptions(parse.GetValue(nodes), parse.GetValue(port), parse.GetValue(data)!, parse.GetValue(token), parse.GetValue(postgres), parse.GetValue(fresh),
                parse.GetValue(genesis), parse.GetValue(fault) == "wrong-state-root"),
            AnsiConsole.Console, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(DevOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (options.Nodes is < 2 or > 16 || options.Port is < 1 or > 65535)
        {
            console.MarkupLine("[red]--nodes must be 2–16 and --port 1–65535.[/]");
            return 2;
        }

        using (var rng = RandomNumberGenerator.Create())
        {
            if (SelfCheck.Run(rng).Where(r => !r.Passed).ToList() is { Count: > 0 } failed)
            {
                console.MarkupLineInterpolated($"[red]Crypto self-check failed: {string.Join(", ", failed.Select(f => f.Primitive + " " + f.Check))}. Run 'arcanum selfcheck'.[/]");
                return 1;
            }
        }

        DevCluster cluster;
        try
        {
            cluster = DevCluster.Prepare(options);
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }

        WebApplication built;
        try
        {
            built = await CoordinatorServer.BuildAsync(cluster.Coordinator,
                logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning), cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            // The ledger refuses to start (another chain in its database, an unreadable genesis document).
            console.MarkupLineInterpolated($"[red]The coordinator cannot start: {e.Message}[/]");
            return 1;
        }

        await using var app = built;

        // The starter policy is in place before the API listens.
        var policyFile = Path.Combine(cluster.Directory, "policy.json");
        if (!File.Exists(policyFile))
        {
            await File.WriteAllTextAsync(policyFile, StarterPolicy.Json + "\n", cancellationToken);
        }

        var installed = await StarterPolicy.InstallIfNoneAsync(app.Services.GetRequiredService<IGovernanceStore>(), "arcanum dev", TimeProvider.System, cancellationToken);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]Cannot listen on {cluster.ApiUrl}: {e.Message}. Is another cluster running? Try --port.[/]");
            return 1;
        }

        await using var children = new NodeProcesses();
        foreach (var nodeConfig in cluster.NodeConfigs)
        {
            children.Start(nodeConfig);
        }

        var hub = app.Services.GetRequiredService<IClusterView>();
        if (!await WaitForNodesAsync(hub, options.Nodes, console, cancellationToken))
        {
            console.MarkupLineInterpolated($"[red]Not every node connected within {ConnectTimeout.TotalSeconds:0} s; see {cluster.Directory}/node-*/node.log.[/]");
            return 1;
        }

        var committeeKey = await WaitForLedgerAsync(cluster, cancellationToken);
        PrintWelcome(console, cluster, options, policyFile, installed, committeeKey);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        console.MarkupLine("Stopping the nodes and the coordinator…");
        await children.DisposeAsync();
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task<bool> WaitForNodesAsync(IClusterView hub, int nodes, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var connected = false;
        await console.Status().StartAsync($"Waiting for {nodes} nodes…", async context =>
        {
            try
            {
                while (hub.ConnectedCount < nodes)
                {
                    context.Status($"Waiting for nodes: {hub.ConnectedCount}/{nodes} connected…");
                    await Task.Delay(100, timeout.Token);
                }

                connected = true;
            }
            catch (OperationCanceledException)
            {
            }
        });
        return connected;
    }

    /// <summary>
    /// Waits until the ledger has its committee key and block 1 (the sequencer makes the key by DKG once every node is
    /// connected), then adds <c>ARCANUM_COMMITTEE_KEY</c> to the env file: the CLI then checks query proofs against this
    /// cluster's key rather than pinning it (a <c>--fresh</c> start makes a new key). Null when the ledger is not ready
    /// within <see cref="ConnectTimeout"/>.
    /// </summary>
    private static async Task<string?> WaitForLedgerAsync(DevCluster cluster, CancellationToken cancellationToken)
    {
        using var client = new ArcanumClient(new Uri(cluster.ApiUrl), cluster.Token);
        var deadline = DateTimeOffset.UtcNow + ConnectTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var status = await client.GetLedgerStatusAsync(cancellationToken);
                if (status.Height >= 1)
                {
                    await File.AppendAllTextAsync(Path.Combine(cluster.Directory, "env"), $"export ARCANUM_COMMITTEE_KEY={status.CommitteeKey}\n", cancellationToken);
                    return status.CommitteeKey;
                }
            }
            catch (ArcanumApiException)
            {
                // 503 while the committee key is being made.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C while waiting: stop as from the welcome screen.
                return null;
            }

            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private static void PrintWelcome(IAnsiConsole console, DevCluster cluster, DevOptions options, string policyFile, long? installedVersion, string? committeeKey)
    {
        console.Write(new Panel(new Markup(
            "[bold red]DEV MODE — NOT FOR PRODUCTION.[/]\nAll nodes run on this machine with master keys in plain files under the data directory;\n" +
            "anyone who can read it holds every share. Use separate machines, passphrases and TLS for real keys."))
            .Header("[red] arcanum dev [/]").BorderColor(Color.Red));
        var store = options.Postgres is null ? $"SQLite {Path.Combine(cluster.Directory, "coordinator.db")}" : "PostgreSQL";
        console.MarkupLineInterpolated($"API:         [bold]{cluster.ApiUrl}[/]  (OpenAPI: {cluster.ApiUrl}/openapi/v1.json)");
        console.MarkupLineInterpolated($"Admin token: [bold]{cluster.Token}[/]");
        console.MarkupLineInterpolated($"Nodes:       {cluster.NodeConfigs.Count} processes connected; data in {cluster.Directory} ({store})");
        console.MarkupLineInterpolated($"Ledger:      chain [bold]{cluster.ChainId}[/] (genesis {Path.Combine(cluster.Directory, DevCluster.GenesisFileName)}), committee key {committeeKey ?? "not ready yet"}; GET {cluster.ApiUrl}/v1/ledger/status");
        console.MarkupLineInterpolated($"Policy:      {policyFile} — {(installedVersion is null ? "the stored policy is kept" : "installed as the starter policy: admin tokens may do everything")}; edit it and PUT /v1/policy (docs/policy.md)");
        console.MarkupLine("Try it:");
        console.MarkupLineInterpolated($"  source {Path.Combine(cluster.Directory, "env")}");
        console.MarkupLine("  ./arcanum key create --name demo --scheme frost-ed25519 --threshold 2 && ./arcanum sign --key <id> --message 68656c6c6f");
        console.MarkupLine("Press Ctrl+C to stop.");
    }
}
