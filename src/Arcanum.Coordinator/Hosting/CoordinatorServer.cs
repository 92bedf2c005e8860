using System.Security.Cryptography;
using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Sessions;
using Arcanum.Crypto;
using Arcanum.Storage;
using Arcanum.Storage.Postgres;
using Arcanum.Storage.Sqlite;
using Arcanum.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Arcanum.Coordinator.Hosting;

/// <summary>
/// <c>arcanum serve coordinator</c>: opens the store (SQLite or PostgreSQL, migrations applied),
/// records the membership, and serves the REST API and the node links on one Kestrel endpoint.
/// Traces are exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (<see cref="ArcanumTracing"/>).
/// </summary>
public static class CoordinatorServer
{
    /// <summary>Bytes of a ledger frame beyond its block encodings (the session request's other fields and signature, tags, lengths).</summary>
    private const int FrameOverhead = 64 * 1024;

    /// <summary>Builds the application; the caller runs it (RunAsync) and disposes it.</summary>
    public static async Task<WebApplication> BuildAsync(CoordinatorConfig config, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var identity = IdentityKeys.Load(config.Resolve(config.IdentityFile));
        var adminToken = (await File.ReadAllTextAsync(config.Resolve(config.AdminTokenFile), cancellationToken).ConfigureAwait(false)).Trim();
        if (adminToken.Length < 16)
        {
            throw new InvalidDataException($"{config.AdminTokenFile}: the admin token must be at least 16 characters.");
        }

        ICoordinatorStore store = config.Postgres is { Length: > 0 } connectionString
            ? await PostgresCoordinatorStore.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false)
            : await SqliteCoordinatorStore.OpenAsync(config.Resolve(config.Sqlite ?? "coordinator.db"), cancellationToken).ConfigureAwait(false);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        // Sessions a previous coordinator process left running can no longer finish: their parties
        // dropped them when the links closed.
        foreach (var orphan in await store.ListRunningSessionsAsync(cancellationToken).ConfigureAwait(false))
        {
            await store.EndSessionAsync(orphan.Id, new SessionOutcome(SessionStatus.Aborted, "the coordinator restarted during the session", [], [], null,
                DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        }

        // A request approved by a previous process was signing when it stopped; its sessions are gone.
        var governance = (IGovernanceStore)store;
        foreach (var stuck in await governance.ListRequestsAsync(RequestStatus.Approved, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            await governance.MoveRequestAsync(stuck.Id, RequestStatus.Approved,
                new RequestUpdate(RequestStatus.Failed, null, "the coordinator restarted while the approved operation ran", DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        }

        foreach (var member in config.Members)
        {
            await store.UpsertNodeAsync(new NodeRecord(member.Id, member.Name, Convert.FromHexString(member.IdentityKey), Convert.FromHexString(member.StaticKey), null, null),
                cancellationToken).ConfigureAwait(false);
        }

        // Everything comes from the config file: no appsettings.json, no environment overrides, and so
        // no file watcher on the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = config.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(config.Listen);
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Services.AddArcanumApi(new ApiOptions { AdminToken = adminToken, AuditFile = config.AuditFile is null ? null : config.Resolve(config.AuditFile) });
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(governance);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RandomNumberGenerator>(new SodiumRandomNumberGenerator());
        builder.Services.AddSingleton(sp => new ClusterHub(identity, config.Members, store, new ChannelOptions(),
            sp.GetRequiredService<ILogger<ClusterHub>>(), TimeProvider.System, sp.GetRequiredService<RandomNumberGenerator>()));
        builder.Services.AddSingleton<IClusterView>(sp => sp.GetRequiredService<ClusterHub>());
        builder.Services.AddSingleton<INodeLinkAcceptor>(sp => sp.GetRequiredService<ClusterHub>());
        builder.Services.AddSingleton(sp => new SessionOrchestrator(sp.GetRequiredService<ClusterHub>(), store, sp.GetRequiredService<ISessionEvents>(), identity,
            TimeSpan.FromSeconds(config.RoundTimeoutSeconds), TimeProvider.System, sp.GetRequiredService<RandomNumberGenerator>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Arcanum.Sessions"), sp.GetRequiredService<ArcanumMetrics>()));
        builder.Services.AddSingleton<IKeyOperations>(sp => new KeyOperations(sp.GetRequiredService<SessionOrchestrator>(), sp.GetRequiredService<ClusterHub>(), store,
            TimeProvider.System, sp.GetRequiredService<RandomNumberGenerator>()));

        if (config.Ledger is { } ledger)
        {
            AddLedger(builder.Services, config, ledger);
        }

        // Traces leave the process only when an OTLP collector is configured (docs/operations.md, "Traces").
        if (ArcanumTracing.CreateOtlpExporter(Environment.GetEnvironmentVariable) is { } tracing)
        {
            builder.Services.AddSingleton(_ => tracing); // created by a factory, so the container disposes (flushes) it
        }

        var app = builder.Build();
        app.MapArcanumApi();
        _ = app.Services.GetService<TracerProvider>();

        // Orchestration must be listening before the first node links in.
        _ = app.Services.GetRequiredService<IKeyOperations>();

        // The ledger's store is open and bound (or the coordinator refuses to start) before the API answers.
        if (app.Services.GetService<LedgerSequencer>() is { } sequencer)
        {
            await sequencer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return app;
    }

    /// <summary>The ledger sequencer (docs/ledger.md, "Sequencer") as <see cref="ILedgerService"/>, the ledger-key guard and a hosted service.</summary>
    private static void AddLedger(IServiceCollection services, CoordinatorConfig config, LedgerSettings ledger)
    {
        ledger.Validate();
        var genesis = GenesisFile.Load(config.Resolve(ledger.Genesis));
        var channel = new ChannelOptions();
        services.AddSingleton<ICommitteeSessions>(sp => new ClusterCommitteeSessions(sp.GetRequiredService<SessionOrchestrator>(), sp.GetRequiredService<ClusterHub>()));
        services.AddSingleton(sp => new LedgerSequencer(ledger, genesis, ct => LedgerStoreFactory.OpenAsync(ledger, config.Resolve, ct),
            sp.GetRequiredService<ICommitteeSessions>(), sp.GetRequiredService<IKeyOperations>(), sp.GetRequiredService<ICoordinatorStore>(),
            [.. config.Members.Select(m => m.Id)], TimeProvider.System, sp.GetRequiredService<ILogger<LedgerSequencer>>(), sp.GetRequiredService<ArcanumMetrics>(),
            // A block proposal and a catch-up answer each travel in one cluster frame: leave room for the frame's other fields.
            frameBudget: channel.MaxFrameBytes - FrameOverhead));
        services.AddSingleton<ILedgerService>(sp => sp.GetRequiredService<LedgerSequencer>());
        services.AddSingleton<ILedgerKeyGuard>(sp => sp.GetRequiredService<LedgerSequencer>());
        services.AddHostedService(sp => sp.GetRequiredService<LedgerSequencer>());
    }
}
