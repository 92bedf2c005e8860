using System.Net;
using System.Text.Json;
using Arcanum.Coordinator.Tests.Governance;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// The /v1/ledger routes as a whole: 503 without a ledger service or before the chain is ready, their own rate-limit
/// bucket per token, and their entries (with bodies) in the OpenAPI document.
/// </summary>
public sealed class LedgerSurfaceTests
{
    private const string Account = "0000000000000000000000000000000000000000000000000000000000000001";

    /// <summary>Every ledger route, with a valid input (so only availability decides the answer).</summary>
    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "/v1/ledger/transactions" },
        { "GET", $"/v1/ledger/transactions/{new string('a', 64)}" },
        { "GET", "/v1/ledger/blocks/0" },
        { "GET", "/v1/ledger/blocks/latest" },
        { "GET", "/v1/ledger/status" },
        { "GET", "/v1/ledger/genesis" },
        { "GET", $"/v1/ledger/accounts/{Account}" },
        { "GET", $"/v1/ledger/keystore/{Account}" },
        { "GET", "/v1/ledger/access/resources/doc-1" },
        { "GET", $"/v1/ledger/access/resources/doc-1/check/{Account}" },
        { "GET", $"/v1/ledger/messages/{Account}?after=0&limit=5" },
        { "GET", "/v1/ledger/messages/groups/doc-1" },
        { "GET", "/v1/ledger/events" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task NoLedgerService_EveryRoute503NotConfigured(string method, string path)
    {
        await using var server = await ApiServer.StartAsync();

        using var response = await server.Client.SendAsync(Request(method, path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "ledger-not-configured");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ChainNotReady_EveryRouteButEvents503NotReady(string method, string path)
    {
        await using var host = await LedgerTestHost.StartAsync(ready: false);

        using var response = await host.Client.SendAsync(Request(method, path));

        if (path.EndsWith("/events", StringComparison.Ordinal))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "websocket-required");
        }
        else
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "ledger-not-ready");
        }

        Assert.Equal(0, host.Ledger.Submissions);
    }

    [Fact]
    public async Task RateLimit_KeyRoutesExhausted_LedgerRoutesStillServe_AndTheOtherWayRound()
    {
        await using var host = await LedgerTestHost.StartAsync(configure: o => o with { RequestsPerSecondPerToken = 5, LedgerRateLimitPerSecond = 5 });
        var (keys, _, _) = await Tokens.CreateAsync(host.Server, "busy-on-keys", "signer");
        var (ledger, _, _) = await Tokens.CreateAsync(host.Server, "busy-on-ledger", "signer");

        Assert.Equal(HttpStatusCode.TooManyRequests, await ExhaustAsync(keys, "/v1/keys"));
        using (var stillServed = await keys.GetAsync("/v1/ledger/status"))
        {
            Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await ExhaustAsync(ledger, "/v1/ledger/status"));
        using var keysServed = await ledger.GetAsync("/v1/keys");
        Assert.Equal(HttpStatusCode.OK, keysServed.StatusCode);
    }

    [Fact]
    public async Task OpenApi_ListsEveryLedgerRouteWithItsBodies()
    {
        await using var server = await ApiServer.StartAsync();
        using var anonymous = server.NewClient(token: null);

        using var response = await anonymous.GetAsync("/openapi/v1.json");

        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        string[] routes =
        [
            "/v1/ledger/transactions/{hash}", "/v1/ledger/blocks/{height}", "/v1/ledger/blocks/latest", "/v1/ledger/status", "/v1/ledger/genesis",
            "/v1/ledger/accounts/{account}", "/v1/ledger/keystore/{account}", "/v1/ledger/access/resources/{resourceId}",
            "/v1/ledger/access/resources/{resourceId}/check/{account}", "/v1/ledger/messages/{account}", "/v1/ledger/messages/groups/{resourceId}",
            "/v1/ledger/events",
        ];
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var path), $"{route} missing");
            var get = path.GetProperty("get");
            Assert.False(string.IsNullOrEmpty(get.GetProperty("summary").GetString()));
            Assert.True(get.GetProperty("responses").TryGetProperty("503", out _), $"{route} lacks 503");
            if (!route.EndsWith("/events", StringComparison.Ordinal))
            {
                Assert.True(get.GetProperty("responses").GetProperty("200").TryGetProperty("content", out _), $"{route} lacks its 200 body");
            }
        }

        var submit = paths.GetProperty("/v1/ledger/transactions").GetProperty("post");
        var body = submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(body.ValueKind == JsonValueKind.Object);
        Assert.True(submit.GetProperty("responses").GetProperty("202").TryGetProperty("content", out _));
        foreach (var status in new[] { "400", "401", "403", "413", "415", "429" })
        {
            Assert.True(submit.GetProperty("responses").TryGetProperty(status, out _), $"submit lacks {status}");
        }

        var account = paths.GetProperty("/v1/ledger/accounts/{account}").GetProperty("get").GetProperty("responses");
        Assert.True(account.TryGetProperty("400", out _));
        Assert.True(account.TryGetProperty("409", out _));
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method == "POST" ? LedgerTestHost.Json("{}") : null };

    /// <summary>Sends GETs until one is 429 (at most 60); returns the last status.</summary>
    private static async Task<HttpStatusCode> ExhaustAsync(HttpClient client, string path)
    {
        var status = HttpStatusCode.OK;
        for (var i = 0; i < 60 && status != HttpStatusCode.TooManyRequests; i++)
        {
            using var response = await client.GetAsync(path);
            status = response.StatusCode;
        }

        return status;
    }
}
