using Arcanum.Cli;
using Arcanum.Crypto;
using Arcanum.Transport;
using Arcanum.Transport.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// A real node process against a test coordinator that holds the real coordinator keys (read from
/// the dev cluster's files) and replays frames: a request of an earlier session and a stale request
/// are refused, whatever the coordinator signs.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task ReplayedSessionRequest_FromAnEarlierSession_IsRefusedByTheNode()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arcanum-replay-" + Guid.NewGuid().ToString("n"));
        var port = DevClusterProcess.FreePort();
        try
        {
            var cluster = DevCluster.Prepare(new DevOptions(2, port, directory, DevClusterProcess.Token, null, Fresh: false));
            using var coordinatorKeys = IdentityKeys.Load(Path.Combine(directory, "coordinator.identity.json"));
            var linked = new TaskCompletionSource<NoiseChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            var done = new TaskCompletionSource();
            await using var coordinator = await StartTestCoordinatorAsync(port, coordinatorKeys, linked, done.Task);
            using var node = DevClusterProcess.StartArcanum(["serve", "node", "--config", cluster.NodeConfigs[0]],
                new Dictionary<string, string> { ["ARCANUM_LIFELINE"] = "stdin" });
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var channel = await linked.Task.WaitAsync(timeout.Token);

                var first = Destroy(coordinatorKeys, DateTimeOffset.UtcNow);
                await channel.SendAsync(first, timeout.Token);
                Assert.Equal(SessionReport.OutcomeOneofCase.Destroyed, (await NextReportAsync(channel, timeout.Token)).OutcomeCase);

                // The same signed frame again: an earlier session, replayed.
                await channel.SendAsync(first, timeout.Token);
                var replayed = await NextReportAsync(channel, timeout.Token);
                Assert.Equal(SessionReport.OutcomeOneofCase.Aborted, replayed.OutcomeCase);
                Assert.Contains("replayed request", replayed.Aborted.Reason, StringComparison.Ordinal);

                // A fresh session id, but issued ten minutes ago.
                var stale = await SendAndReportAsync(channel, Destroy(coordinatorKeys, DateTimeOffset.UtcNow.AddMinutes(-10)), timeout.Token);
                Assert.Equal(SessionReport.OutcomeOneofCase.Aborted, stale.OutcomeCase);
                Assert.Contains("issued", stale.Aborted.Reason, StringComparison.Ordinal);

                // Signed by someone else: dropped without a report; the next genuine request is answered.
                using var stranger = IdentityKeys.Create(Path.Combine(directory, "stranger.json"), new SodiumRandomNumberGenerator());
                await channel.SendAsync(Destroy(stranger, DateTimeOffset.UtcNow), timeout.Token);
                var genuine = Destroy(coordinatorKeys, DateTimeOffset.UtcNow);
                var answer = await SendAndReportAsync(channel, genuine, timeout.Token);
                Assert.Equal(SessionRequest.Parser.ParseFrom(genuine.SessionRequest.Request).SessionId, answer.SessionId);
                Assert.Equal(SessionReport.OutcomeOneofCase.Destroyed, answer.OutcomeCase);
            }
            finally
            {
                done.TrySetResult();
                node.Kill();
                await node.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<SessionReport> SendAndReportAsync(NoiseChannel channel, ClusterFrame frame, CancellationToken cancellationToken)
    {
        await channel.SendAsync(frame, cancellationToken);
        return await NextReportAsync(channel, cancellationToken);
    }

    private static async Task<SessionReport> NextReportAsync(NoiseChannel channel, CancellationToken cancellationToken)
    {
        while (await channel.ReceiveAsync(cancellationToken) is { } frame)
        {
            if (frame.BodyCase == ClusterFrame.BodyOneofCase.Report)
            {
                return frame.Report;
            }
        }

        throw new InvalidOperationException($"the node closed the link: {channel.CloseReason}");
    }

    private static ClusterFrame Destroy(IdentityKeys signer, DateTimeOffset issuedAt)
    {
        var request = new SessionRequest
        {
            SessionId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            Kind = SessionKind.Destroy,
            KeyId = "no-such-key",
            Scheme = KeyScheme.FrostEd25519,
            Threshold = 2,
            Epoch = 1,
            IssuedAtMs = (ulong)issuedAt.ToUnixTimeMilliseconds(),
            RoundTimeoutMs = 10_000,
        };
        request.Parties.Add(1);
        return new ClusterFrame { SessionRequest = SessionRequests.Sign(request, signer.Identity) };
    }

    private static async Task<WebApplication> StartTestCoordinatorAsync(int port, IdentityKeys keys, TaskCompletionSource<NoiseChannel> linked, Task done)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/cluster", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var rng = new SodiumRandomNumberGenerator();
            await using var channel = await NoiseChannel.AcceptAsync(socket, keys.Static, _ => true, new ChannelOptions(), rng, CancellationToken.None);
            var hello = await channel.ReceiveAsync(CancellationToken.None);
            Assert.Equal(ClusterFrame.BodyOneofCase.Hello, hello?.BodyCase);
            linked.TrySetResult(channel);
            await done;
        });
        await app.StartAsync();
        return app;
    }
}
