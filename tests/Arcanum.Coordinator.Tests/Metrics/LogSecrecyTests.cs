using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Arcanum.Coordinator.Tests.Api;
using Arcanum.Coordinator.Tests.TestDoubles;

namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>
/// No log line of an API run, at any level down to Trace, contains the admin token, whether the client
/// sent it as a bearer header, under another scheme, wrongly extended, or in the /v1/events query
/// (RFC 6750 §2.3). (A token put in a URL path is logged by ASP.NET Core's routing at Debug: paths
/// are not where a token goes.)
/// </summary>
public sealed class LogSecrecyTests
{
    [Fact]
    public async Task Logs_MixedWorkload_NeverContainTheToken()
    {
        await using var server = await ApiServer.StartAsync();
        var client = server.Client;
        (await client.GetAsync("/v1/keys")).Dispose();
        (await client.GetAsync("/v1/nodes")).Dispose();
        (await client.GetAsync("/metrics")).Dispose();
        (await client.PostAsync("/v1/keys/key-ed25519/sign", new StringContent("""{"message":"00"}""", Encoding.UTF8, "application/json"))).Dispose();
        (await client.PostAsync("/v1/keys/key-ed25519/sign", new StringContent("{not json", Encoding.UTF8, "application/json"))).Dispose();
        (await client.PostAsync($"/v1/keys/{RecordingKeyOperations.FailingKeyId}/refresh", content: null)).Dispose();
        (await client.PostAsync($"/v1/keys/{RecordingKeyOperations.BuggyKeyId}/refresh", content: null)).Dispose();
        using (var wrong = server.NewClient(ApiServer.AdminToken + "x"))
        {
            (await wrong.GetAsync("/v1/keys")).Dispose();
        }

        using (var basic = server.NewClient(token: null))
        {
            basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", ApiServer.AdminToken);
            (await basic.GetAsync("/v1/keys")).Dispose();
            (await basic.GetAsync($"/v1/events?token={ApiServer.AdminToken}")).Dispose();
        }

        using (var socket = new ClientWebSocket())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(server.WebSocketUri($"/v1/events?token={ApiServer.AdminToken}"), timeout.Token);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }

        // The unexpected failure is logged (so logs were captured), without the token.
        Assert.Contains(server.LogLines, l => l.Contains(RecordingKeyOperations.BugMessage, StringComparison.Ordinal));
        Assert.DoesNotContain(server.LogLines, l => l.Contains(ApiServer.AdminToken, StringComparison.Ordinal));
    }
}
