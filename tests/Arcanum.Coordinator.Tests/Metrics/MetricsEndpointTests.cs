using System.Net;
using System.Text;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Tests.Api;
using Arcanum.Coordinator.Tests.TestDoubles;

namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>GET /metrics on a real Kestrel server: protected, parseable, and moving with the workload.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0000000000000")]
    public async Task Metrics_WithoutTheToken_Is401(string? token)
    {
        using var client = _server.NewClient(token);

        using var response = await client.GetAsync(MetricsEndpoints.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WithTheToken_ServesTheTextFormatListingEveryMetric()
    {
        using var response = await _server.Client.GetAsync(MetricsEndpoints.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusTextExporter.ContentType, response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(PrometheusText.TryParse(text, out var document, out var errors), string.Join("; ", errors));
        Assert.Equal(
            [
                ("arcanum_audit_write_failures_total", "counter"), ("arcanum_http_request_duration_seconds", "histogram"), ("arcanum_http_requests_total", "counter"),
                ("arcanum_nodes_connected", "gauge"), ("arcanum_policy_decisions_total", "counter"), ("arcanum_sessions_ended_total", "counter"),
                ("arcanum_sessions_started_total", "counter"), ("arcanum_sign_duration_seconds", "histogram"),
            ],
            document.Families.Values.Select(f => (f.Name, f.Type)).OrderBy(f => f.Name, StringComparer.Ordinal));
        Assert.All(document.Families.Values, f => Assert.False(string.IsNullOrWhiteSpace(f.Help)));
    }

    [Fact]
    public async Task Metrics_NodesConnected_FollowsTheCluster()
    {
        Assert.Equal(3, (await ScrapeAsync()).Value("arcanum_nodes_connected"));

        _server.Cluster.SetConnected(2);

        Assert.Equal(1, (await ScrapeAsync()).Value("arcanum_nodes_connected"));
    }

    [Fact]
    public async Task Metrics_HttpRequests_CountByRouteTemplateMethodAndFinalStatus()
    {
        for (var i = 0; i < 3; i++)
        {
            using var key = await _server.Client.GetAsync($"/v1/keys/{ApiServer.KeyIdByScheme.Values.ElementAt(i)}");
            Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        }

        using (var missing = await _server.Client.GetAsync("/v1/keys/no-such-key"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var sign = await _server.Client.PostAsync("/v1/keys/key-ed25519/sign", new StringContent("""{"message":"00ff"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, sign.StatusCode);
        }

        using (var unreachable = await _server.Client.PostAsync($"/v1/keys/{RecordingKeyOperations.FailingKeyId}/refresh", content: null))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unreachable.StatusCode);
        }

        using (var bug = await _server.Client.PostAsync($"/v1/keys/{RecordingKeyOperations.BuggyKeyId}/refresh", content: null))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, bug.StatusCode);
        }

        using (var anonymous = _server.NewClient(token: null))
        using (var refused = await anonymous.GetAsync("/v1/keys"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var nowhere = await _server.Client.GetAsync("/v1/no/such/route/secret-looking-path"))
        {
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        }

        var document = await ScrapeAsync(d => d.Value("arcanum_http_requests_total", ("method", "GET"), ("route", HttpMetricsMiddleware.UnmatchedRoute), ("status", "404")) == 1);

        Assert.Equal(3, Requests(document, "GET", "/v1/keys/{id}", 200));
        Assert.Equal(1, Requests(document, "GET", "/v1/keys/{id}", 404));
        Assert.Equal(1, Requests(document, "POST", "/v1/keys/{id}/sign", 200));
        Assert.Equal(1, Requests(document, "POST", "/v1/keys/{id}/refresh", 503));
        Assert.Equal(1, Requests(document, "POST", "/v1/keys/{id}/refresh", 500));
        Assert.Equal(1, Requests(document, "GET", "/v1/keys", 401));
        var routes = document.Samples("arcanum_http_requests_total").Select(s => s.Labels["route"]).ToHashSet();
        Assert.DoesNotContain(routes, r => r.Contains("key-", StringComparison.Ordinal) || r.Contains("secret", StringComparison.Ordinal));
        Assert.Equal(4, document.Value("arcanum_http_request_duration_seconds_count", ("method", "GET"), ("route", "/v1/keys/{id}")));
    }

    [Fact]
    public async Task Metrics_WebSocket_CountsOnceWhenClosedAs101()
    {
        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + ApiServer.AdminToken);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(_server.WebSocketUri("/v1/events"), timeout.Token);
            await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }

        var document = await ScrapeAsync(d => Requests(d, "GET", "/v1/events", 101) is not null);

        Assert.Equal(1, Requests(document, "GET", "/v1/events", 101));
    }

    [Fact]
    public async Task Metrics_UnusualMethod_CountsAsOther()
    {
        using var request = new HttpRequestMessage(new HttpMethod("BREW"), "/v1/keys");
        using var response = await _server.Client.SendAsync(request);

        var document = await ScrapeAsync(d => d.Samples("arcanum_http_requests_total").Any(s => s.Labels["method"] == "OTHER"));

        Assert.DoesNotContain(document.Samples("arcanum_http_requests_total"), s => s.Labels["method"] == "BREW");
    }

    private static double? Requests(PrometheusDocument document, string method, string route, int status) =>
        document.Value("arcanum_http_requests_total", ("method", method), ("route", route), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Scrapes until <paramref name="ready"/> holds (a request is counted once its response has been
    /// sent, which may be just after the client read it), at most 10 s.
    /// </summary>
    private async Task<PrometheusDocument> ScrapeAsync(Func<PrometheusDocument, bool>? ready = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await _server.Client.GetStringAsync(MetricsEndpoints.Path);
            Assert.True(PrometheusText.TryParse(text, out var document, out var errors), string.Join("; ", errors));
            if (ready is null || ready(document) || DateTime.UtcNow > deadline)
            {
                return document;
            }

            await Task.Delay(20);
        }
    }
}
