using System.CommandLine;
using System.Text;
using Arcanum.Coordinator.Hosting;
using Arcanum.Crypto;
using Arcanum.Node.Hosting;
using Arcanum.Node.Vault;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Spectre.Console;

namespace Arcanum.Cli;

/// <summary><c>arcanum serve coordinator|node --config F</c>: run one cluster role in the foreground until SIGINT/SIGTERM.</summary>
internal static class ServeCommand
{
    /// <summary>Set by <c>arcanum dev</c> for its children: exit when standard input closes (the parent died).</summary>
    public const string LifelineVariable = "ARCANUM_LIFELINE";

    public const string PassphraseVariable = "ARCANUM_NODE_PASSPHRASE";

    public static Command Create()
    {
        var serve = new Command("serve", "Run a cluster role (coordinator or node) in the foreground until interrupted.");
        var auditFile = new Option<string?>("--audit-file") { Description = "Also append every audit entry to this file as JSON lines (fail-closed, like the store); overrides the config's auditFile." };
        var coordinator = Role("coordinator", "Serve the REST API and the node links (config: listen URL, store, members).",
            (parse, config, cancellationToken) => RunCoordinatorAsync(config, parse.GetValue(auditFile), cancellationToken));
        coordinator.Options.Add(auditFile);
        serve.Subcommands.Add(coordinator);
        serve.Subcommands.Add(Role("node", "Run a node: dial the coordinator, hold sealed shares, take part in sessions.", (_, config, cancellationToken) => RunNodeAsync(config, cancellationToken)));
        return serve;
    }

    private static Command Role(string name, string description, Func<ParseResult, string, CancellationToken, Task<int>> run)
    {
        var config = new Option<string>("--config") { Description = "The role's JSON configuration file.", Required = true };
        var command = new Command(name, description) { config };
        command.SetAction((parse, cancellationToken) => run(parse, parse.GetValue(config)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunCoordinatorAsync(string configPath, string? auditFile, CancellationToken cancellationToken)
    {
        if (TryLoad(configPath, CoordinatorConfig.Load) is not { } loaded)
        {
            return 1;
        }

        var config = auditFile is null ? loaded : loaded with { AuditFile = Path.GetFullPath(auditFile) };

        await using var app = await CoordinatorServer.BuildAsync(config, ConfigureLogs, cancellationToken);
        await app.RunAsync(cancellationToken.IsCancellationRequested ? "" : config.Listen);
        return 0;
    }

    private static async Task<int> RunNodeAsync(string configPath, CancellationToken cancellationToken)
    {
        if (TryLoad(configPath, NodeConfig.Load) is not { } config)
        {
            return 1;
        }

        using var loggers = LoggerFactory.Create(ConfigureLogs);
        var logger = loggers.CreateLogger($"node-{config.Id}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Environment.GetEnvironmentVariable(LifelineVariable) == "stdin")
        {
            _ = Task.Run(() => WatchLifeline(stop), CancellationToken.None);
        }

        using var masterKey = OpenMasterKey(config);
        if (masterKey is null)
        {
            return 1;
        }

        NodeHost host;
        try
        {
            host = new NodeHost(config, masterKey, logger);
        }
        catch (VaultSealException e)
        {
            logger.LogCritical("Node {NodeId} cannot unseal its vault and will not join: {Error}", config.Id, e.Message);
            return 2;
        }

        await using (host)
        {
            await host.RunAsync(stop.Token);
        }

        logger.LogInformation("Node {NodeId} stopped", config.Id);
        return 0;
    }

    /// <summary>
    /// Structured logs: one JSON object per line on standard error (Timestamp in UTC, ISO 8601; EventId;
    /// LogLevel; Category; Message; State; Scopes with TraceId and SpanId), see docs/operations.md
    /// ("Logs"). A node started by <c>arcanum dev</c> (<see cref="LifelineVariable"/> set) writes single
    /// human lines instead, since its log file is read by a person.
    /// </summary>
    private static void ConfigureLogs(ILoggingBuilder logging)
    {
        if (Environment.GetEnvironmentVariable(LifelineVariable) == "stdin")
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
            return;
        }

        logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.IncludeScopes = true;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>The role's configuration, or null after saying on standard error why it cannot be read.</summary>
    private static TConfig? TryLoad<TConfig>(string path, Func<string, TConfig> load)
        where TConfig : class
    {
        try
        {
            return load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            Console.Error.WriteLine($"arcanum: cannot read {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>The master key from the key file, or from the passphrase (environment variable or prompt); null when none is available.</summary>
    private static MasterKey? OpenMasterKey(NodeConfig config)
    {
        if (config.MasterKeyFile is { } keyFile)
        {
            return MasterKey.FromKeyFile(config.Resolve(keyFile));
        }

        var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
        if (passphrase is null && !Console.IsInputRedirected)
        {
            passphrase = AnsiConsole.Prompt(new TextPrompt<string>($"Passphrase for node {config.Id}:").Secret());
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            Console.Error.WriteLine($"arcanum: node {config.Id} has no masterKeyFile; set {PassphraseVariable} or run interactively.");
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            using var rng = new SodiumRandomNumberGenerator();
            return MasterKey.FromPassphrase(bytes, config.Resolve(config.PassphraseParameters), rng);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void WatchLifeline(CancellationTokenSource stop)
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[64];
        while (input.Read(buffer) > 0)
        {
        }

        stop.Cancel();
    }
}
