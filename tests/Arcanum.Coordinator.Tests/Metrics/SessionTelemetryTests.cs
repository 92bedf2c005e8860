using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Events;
using Arcanum.Coordinator.Hosting;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Sessions;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Storage;
using Arcanum.Storage.Sqlite;
using Arcanum.TestKit;
using Arcanum.Transport;
using Arcanum.Transport.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>
/// The real orchestrator and hub over a SQLite store, with two in-process nodes on Noise links over
/// loopback TCP that answer a session by sending rounds 1 and 2 and then a report: the session span
/// is a child of the request's, carries its tags and round events, and the counters and the sign
/// latency histogram move.
/// </summary>
public sealed class SessionTelemetryTests : IAsyncLifetime
{
    private const string RequestSource = "Arcanum.Tests.Requests";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arcanum-telemetry-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly List<TestNode> _nodes = [];
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private ActivityListener _listener = null!;
    private ServiceProvider _services = null!;
    private IdentityKeys _coordinator = null!;
    private SqliteCoordinatorStore _store = null!;
    private ClusterHub _hub = null!;
    private SessionOrchestrator _orchestrator = null!;
    private PrometheusTextExporter _exporter = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ArcanumTracing.SourceName or ArcanumTracing.AspNetCoreSourceName or RequestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        Directory.CreateDirectory(_directory);
        _coordinator = IdentityKeys.Create(Path.Combine(_directory, "coordinator.identity.json"), new DeterministicRandom(1));
        _nodes.Add(new TestNode(1, new DeterministicRandom(2)));
        _nodes.Add(new TestNode(2, new DeterministicRandom(3)));
        _store = await SqliteCoordinatorStore.OpenAsync(Path.Combine(_directory, "coordinator.db"));
        await _store.MigrateAsync();
        var members = _nodes.Select(n => n.Member).Append(new ClusterMember(3, "node-3", new string('0', 64), new string('0', 64))).ToList();
        _hub = new ClusterHub(_coordinator, members, _store, new ChannelOptions(), NullLogger<ClusterHub>.Instance, TimeProvider.System, new DeterministicRandom(4));
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ArcanumMetrics(_services.GetRequiredService<IMeterFactory>(), _hub);
        _exporter = new PrometheusTextExporter(metrics);
        _orchestrator = new SessionOrchestrator(_hub, _store, new SessionEventHub(), _coordinator, TimeSpan.FromSeconds(10), TimeProvider.System,
            new DeterministicRandom(5), NullLogger.Instance, metrics);
        foreach (var node in _nodes)
        {
            await node.ConnectAsync(_hub, _coordinator.Static.PublicKey, _stop.Token);
        }

        while (_hub.ConnectedCount < _nodes.Count)
        {
            await Task.Delay(10, _stop.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _hub.DisposeAsync();
        _exporter.Dispose();
        await _services.DisposeAsync();
        await _store.DisposeAsync();
        _coordinator.Dispose();
        _listener.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task RunAsync_CompletedSign_SpanIsChildOfTheRequestWithTagsAndRounds()
    {
        using var requestSource = new ActivitySource(RequestSource);
        SessionResult result;
        Activity request;
        using (request = requestSource.StartActivity("POST /v1/keys/{id}/sign", ActivityKind.Server)!)
        {
            result = await _orchestrator.RunAsync(SignRequest(), [1, 2], "sign", null, _ => null, _stop.Token);
        }

        Assert.True(result.Succeeded);
        var session = Assert.Single(_stopped, a => a.TraceId == request.TraceId && a.Source.Name == ArcanumTracing.SourceName);
        Assert.Equal("session sign", session.OperationName);
        Assert.Equal(request.SpanId, session.ParentSpanId);
        Assert.Equal(result.SessionId, session.GetTagItem("arcanum.session.id"));
        Assert.Equal("key-telemetry", session.GetTagItem("arcanum.key.id"));
        Assert.Equal(KeySchemes.FrostEd25519, session.GetTagItem("arcanum.scheme"));
        Assert.Equal(new[] { 1, 2 }, (int[])session.GetTagItem("arcanum.session.parties")!);
        Assert.Equal("completed", session.GetTagItem("arcanum.session.outcome"));
        Assert.Equal("ok", session.GetTagItem("arcanum.session.reason"));
        Assert.Equal(ActivityStatusCode.Unset, session.Status);
        Assert.Equal(["round 1", "round 2"], session.Events.Select(e => e.Name));

        var document = Scrape();
        (string, string)[] labels = [("kind", "sign"), ("scheme", KeySchemes.FrostEd25519)];
        Assert.Equal(1, document.Value("arcanum_sessions_started_total", labels));
        Assert.Equal(1, document.Value("arcanum_sessions_ended_total", [.. labels, ("status", "completed"), ("reason", "ok")]));
        Assert.Equal(1, document.Value("arcanum_sign_duration_seconds_count", ("scheme", KeySchemes.FrostEd25519)));
        Assert.Equal(2, document.Value("arcanum_nodes_connected"));
    }

    [Fact]
    public async Task SignRoute_SessionSpan_IsChildOfAspNetCoresRequestActivity()
    {
        const string token = "telemetry-test-token-0123456789";
        using var keyRng = new DeterministicRandom(7);
        using var key = Ed25519PrivateKey.Generate(keyRng);
        // A constant sharing polynomial: both verification shares equal the public key, which interpolates to it.
        var publicKey = ByteString.CopyFrom(Convert.FromHexString(key.PublicKey.ToString()));
        var keyResult = new KeyResult { PublicKey = publicKey, ChainCode = ByteString.CopyFrom(new byte[32]), Epoch = 1, Threshold = 2 };
        keyResult.VerificationShares.Add([new PartyPoint { Party = 1, Point = publicKey }, new PartyPoint { Party = 2, Point = publicKey }]);
        await _store.InsertKeyAsync(new KeyRecord("key-over-http", "over-http", KeySchemes.FrostEd25519, 2, [1, 2], publicKey.ToByteArray(),
            new byte[32], 1, keyResult.ToByteArray(), DateTimeOffset.UtcNow, null));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddArcanumApi(new ApiOptions { AdminToken = token });
        builder.Services.AddSingleton<ICoordinatorStore>(_store);
        builder.Services.AddSingleton<IGovernanceStore>(_store);
        await StarterPolicy.InstallIfNoneAsync(_store, "test", TimeProvider.System, CancellationToken.None);
        builder.Services.AddSingleton<IClusterView>(_hub);
        builder.Services.AddSingleton<INodeLinkAcceptor>(_hub);
        builder.Services.AddSingleton<IKeyOperations>(new KeyOperations(_orchestrator, _hub, _store, TimeProvider.System, new DeterministicRandom(6)));
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapArcanumApi();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // The test nodes return an all-zero signature: the coordinator's check refuses it (503).
        using var response = await client.PostAsync("/v1/keys/key-over-http/sign", new StringContent("""{"message":"68656c6c6f"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var session = Assert.Single(_stopped, a => a.Source.Name == ArcanumTracing.SourceName && (string?)a.GetTagItem("arcanum.key.id") == "key-over-http");
        var request = Assert.Single(_stopped, a => a.SpanId == session.ParentSpanId && a.TraceId == session.TraceId);
        Assert.Equal((ArcanumTracing.AspNetCoreSourceName, "Microsoft.AspNetCore.Hosting.HttpRequestIn"), (request.Source.Name, request.OperationName));
        Assert.Equal(("aborted", "rejected"), (session.GetTagItem("arcanum.session.outcome"), session.GetTagItem("arcanum.session.reason")));
        await app.StopAsync();
    }

    [Fact]
    public async Task RunAsync_ResultsRefusedByTheCheck_EndsAbortedRejected()
    {
        var result = await _orchestrator.RunAsync(SignRequest(), [1, 2], "sign", null, _ => new SessionEnd.Aborted("signature does not verify", []), _stop.Token);

        Assert.False(result.Succeeded);
        var session = Assert.Single(_stopped, a => (string?)a.GetTagItem("arcanum.session.id") == result.SessionId);
        Assert.Equal(("aborted", "rejected"), (session.GetTagItem("arcanum.session.outcome"), session.GetTagItem("arcanum.session.reason")));
        Assert.Equal((ActivityStatusCode.Error, "signature does not verify"), (session.Status, session.StatusDescription));
        var document = Scrape();
        Assert.Equal(1, document.Value("arcanum_sessions_ended_total", ("kind", "sign"), ("scheme", KeySchemes.FrostEd25519), ("status", "aborted"), ("reason", "rejected")));
        Assert.Null(document.Value("arcanum_sign_duration_seconds_count", ("scheme", KeySchemes.FrostEd25519)));
    }

    [Fact]
    public async Task RunAsync_PartyNotConnected_EndsTimedOut()
    {
        var result = await _orchestrator.RunAsync(SignRequest(parties: [1, 3]), [1, 3], "sign", null, _ => null, _stop.Token);

        Assert.False(result.Succeeded);
        var document = Scrape();
        Assert.Equal(1, document.Value("arcanum_sessions_ended_total", ("kind", "sign"), ("scheme", KeySchemes.FrostEd25519), ("status", "timed_out"), ("reason", "timed_out")));
        Assert.Null(document.Value("arcanum_sessions_ended_total", ("kind", "sign"), ("scheme", KeySchemes.FrostEd25519), ("status", "completed"), ("reason", "ok")));
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsCancelled()
    {
        foreach (var node in _nodes)
        {
            node.Silent = true;
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _orchestrator.RunAsync(SignRequest(), [1, 2], "sign", null, _ => null, cancel.Token));

        Assert.Equal(1, Scrape().Value("arcanum_sessions_ended_total", ("kind", "sign"), ("scheme", KeySchemes.FrostEd25519), ("status", "cancelled"), ("reason", "cancelled")));
    }

    private PrometheusDocument Scrape()
    {
        Assert.True(PrometheusText.TryParse(_exporter.Scrape(), out var document, out var errors), string.Join("; ", errors));
        return document;
    }

    private static SessionRequest SignRequest(uint[]? parties = null)
    {
        var request = new SessionRequest
        {
            Kind = SessionKind.Sign, KeyId = "key-telemetry", Scheme = KeyScheme.FrostEd25519, Threshold = 2, Epoch = 1, Message = ByteString.CopyFromUtf8("hello"),
        };
        request.Parties.Add(parties ?? [1, 2]);
        return request;
    }

    /// <summary>A node that answers each session request with routed rounds 1 and 2 and a signature report (unless silent).</summary>
    private sealed class TestNode(int id, DeterministicRandom rng) : IAsyncDisposable
    {
        private readonly X25519PrivateKey _static = X25519PrivateKey.Generate(rng);
        private readonly Ed25519PrivateKey _identity = Ed25519PrivateKey.Generate(rng);
        private NoiseChannel? _channel;
        private Task _loop = Task.CompletedTask;

        public ClusterMember Member => new(id, $"node-{id}", _identity.PublicKey.ToString(), Convert.ToHexStringLower(_static.PublicKey.ToArray()));

        public volatile bool Silent;

        public async Task ConnectAsync(ClusterHub hub, X25519PublicKey coordinator, CancellationToken cancellationToken)
        {
            var (client, server) = await TcpWebSocketPairAsync();
            _ = hub.RunAsync(server, cancellationToken);
            _channel = await NoiseChannel.ConnectAsync(client, _static, coordinator, new ChannelOptions(), rng, cancellationToken);
            await _channel.SendAsync(new ClusterFrame { Hello = new NodeHello { NodeId = (uint)id, Version = "test" } }, cancellationToken);
            _loop = AnswerAsync(_channel, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
            _static.Dispose();
            _identity.Dispose();
        }

        private async Task AnswerAsync(NoiseChannel channel, CancellationToken cancellationToken)
        {
            while (await channel.ReceiveAsync(cancellationToken) is { } frame)
            {
                if (frame.BodyCase != ClusterFrame.BodyOneofCase.SessionRequest || Silent)
                {
                    continue;
                }

                var session = SessionRequest.Parser.ParseFrom(frame.SessionRequest.Request).SessionId;
                for (uint round = 1; round <= 2; round++)
                {
                    await channel.SendAsync(new ClusterFrame { Routed = new RoutedMessage { SessionId = session, Round = round, From = (uint)id, To = 0 } }, cancellationToken);
                }

                var report = new SessionReport { SessionId = session, From = (uint)id, Signature = new SignatureResult { Signature = ByteString.CopyFrom(new byte[64]) } };
                await channel.SendAsync(new ClusterFrame { Report = report }, cancellationToken);
            }
        }

        private static async Task<(WebSocket Client, WebSocket Server)> TcpWebSocketPairAsync()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new TcpClient();
            var accept = listener.AcceptTcpClientAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var server = await accept;
            return (WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }),
                WebSocket.CreateFromStream(server.GetStream(), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero }));
        }
    }
}
