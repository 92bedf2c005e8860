using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Events;
using Arcanum.Coordinator.Sessions;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Coordinator.Governance;
using Arcanum.Storage;
using Arcanum.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ephemeral port) running the API over test doubles: three
/// members (all connected), and one live key per scheme plus a destroyed one and one whose
/// operations fail with 503 and one whose operations fail with a bug. Captures every log line.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-7f3c9a1e5b2d4f60";

    /// <summary>The body limit of the default test server (small, so 413 is cheap to reach).</summary>
    public const int MaxBodyBytes = 4096;

    public static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Live keys by scheme; the public keys are 32 bytes (Ed25519) or 33-byte compressed points.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyIdByScheme = new Dictionary<string, string>
    {
        [KeySchemes.FrostEd25519] = "key-ed25519",
        [KeySchemes.FrostSecp256k1] = "key-secp256k1",
        [KeySchemes.FrostTaproot] = "key-taproot",
        [KeySchemes.EcdsaSecp256k1] = "key-ecdsa",
    };

    public const string DestroyedKeyId = "key-destroyed";

    private readonly WebApplication _app;

    private readonly string _directory;

    private ApiServer(WebApplication app, Uri address, ConcurrentQueue<string> logLines, string directory, SqliteCoordinatorStore governance)
    {
        _app = app;
        _directory = directory;
        Governance = governance;
        BaseAddress = address;
        LogLines = logLines;
        Client = NewClient(AdminToken);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client presenting the admin token.</summary>
    public HttpClient Client { get; }

    public InMemoryCoordinatorStore Store => (InMemoryCoordinatorStore)_app.Services.GetRequiredService<ICoordinatorStore>();

    public RecordingKeyOperations Operations => (RecordingKeyOperations)_app.Services.GetRequiredService<IKeyOperations>();

    public FakeClusterView Cluster => (FakeClusterView)_app.Services.GetRequiredService<IClusterView>();

    public EchoNodeLinkAcceptor LinkAcceptor => (EchoNodeLinkAcceptor)_app.Services.GetRequiredService<INodeLinkAcceptor>();

    public SessionEventHub Events => _app.Services.GetRequiredService<SessionEventHub>();

    /// <summary>Every log line written so far, at every level.</summary>
    public ConcurrentQueue<string> LogLines { get; }

    /// <summary>Governance records (tokens, policy, audit, requests, idempotency) in a real SQLite file.</summary>
    public SqliteCoordinatorStore Governance { get; }

    /// <summary>The SQLite file behind <see cref="Governance"/>, for tests that tamper with it as an attacker with file access would.</summary>
    public string GovernanceDatabase => Path.Combine(_directory, "governance.db");

    /// <summary>The audit file sink, when the server was started with one.</summary>
    public string AuditFile => Path.Combine(_directory, "audit.jsonl");

    public static async Task<ApiServer> StartAsync(
        int maxBodyBytes = MaxBodyBytes,
        int maxTransactionBodyBytes = 2 * MaxBodyBytes,
        Func<ApiOptions, ApiOptions>? configure = null,
        bool starterPolicy = true,
        TimeProvider? time = null,
        bool auditFile = false,
        Action<IServiceCollection>? services = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("arcanum-api-").FullName;
        var governance = await SqliteCoordinatorStore.OpenAsync(Path.Combine(directory, "governance.db"));
        await governance.MigrateAsync();
        if (starterPolicy)
        {
            await StarterPolicy.InstallIfNoneAsync(governance, "test", TimeProvider.System, CancellationToken.None);
        }

        var builder = WebApplication.CreateSlimBuilder();
        var logLines = new ConcurrentQueue<string>();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(logLines));
        var options = new ApiOptions
        {
            AdminToken = AdminToken,
            MaxRequestBodyBytes = maxBodyBytes,
            MaxTransactionBodyBytes = maxTransactionBodyBytes,
            AuditFile = auditFile ? Path.Combine(directory, "audit.jsonl") : null,
        };
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddArcanumApi(configure?.Invoke(options) ?? options);
        builder.Services.AddSingleton<ICoordinatorStore, InMemoryCoordinatorStore>();
        builder.Services.AddSingleton<IGovernanceStore>(governance);
        builder.Services.AddSingleton<IKeyOperations, RecordingKeyOperations>();
        builder.Services.AddSingleton<IClusterView, FakeClusterView>();
        builder.Services.AddSingleton<INodeLinkAcceptor, EchoNodeLinkAcceptor>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapArcanumApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var server = new ApiServer(app, new Uri(address), logLines, directory, governance);
        await server.SeedAsync();
        return server;
    }

    public HttpClient NewClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseAddress.Authority}{pathAndQuery}");

    private async Task SeedAsync()
    {
        for (var id = 1; id <= 3; id++)
        {
            await Store.UpsertNodeAsync(new NodeRecord(id, $"node-{id}", new byte[32], new byte[32], null, null));
        }

        await Store.TouchNodeAsync(1, Created, "1.2.3");
        Cluster.SetConnected(1, 2, 3);
        foreach (var (scheme, id) in KeyIdByScheme)
        {
            await Store.InsertKeyAsync(Key(id, scheme));
        }

        await Store.InsertKeyAsync(Key(DestroyedKeyId, KeySchemes.FrostEd25519) with { DestroyedAt = Created });
        await Store.InsertKeyAsync(Key(RecordingKeyOperations.FailingKeyId, KeySchemes.FrostEd25519));
        await Store.InsertKeyAsync(Key(RecordingKeyOperations.BuggyKeyId, KeySchemes.FrostEd25519));
    }

    /// <summary>A key whose public key is 0x02 followed by 32 bytes of 0x11 (secp256k1) or 32 bytes of 0x22 (Ed25519).</summary>
    public static KeyRecord Key(string id, string scheme)
    {
        var publicKey = scheme == KeySchemes.FrostEd25519 ? Enumerable.Repeat((byte)0x22, 32).ToArray() : [0x02, .. Enumerable.Repeat((byte)0x11, 32)];
        return new KeyRecord(id, id + "-name", scheme, 2, [1, 2, 3], publicKey, Enumerable.Repeat((byte)0xcc, 32).ToArray(), 4, [], Created, null);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Governance.DisposeAsync();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Keeps every formatted log line (with its exception) so tests can search them.</summary>
    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
