using System.Net;
using System.Text.Json;

namespace Arcanum.Coordinator.Tests.Api;

public sealed class SystemRoutesTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, HttpStatusCode.OK, "ok", 3, "null")]
    [InlineData(new[] { 1, 3 }, HttpStatusCode.OK, "degraded", 2, "\"2 of 3 nodes connected\"")]
    [InlineData(new[] { 2 }, HttpStatusCode.ServiceUnavailable, "unavailable", 1, "\"1 of 3 nodes connected; at least 2 are needed\"")]
    [InlineData(new int[0], HttpStatusCode.ServiceUnavailable, "unavailable", 0, "\"0 of 3 nodes connected; at least 2 are needed\"")]
    public async Task Health_ConnectedMembers_ReportsStatus(int[] connected, HttpStatusCode status, string name, int count, string reason)
    {
        _server.Cluster.SetConnected(connected);
        using var anonymous = _server.NewClient(token: null);

        using var response = await anonymous.GetAsync("/v1/sys/health");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($$$"""{"status":"{{{name}}}","nodes":{"connected":{{{count}}},"total":3},"reason":{{{reason}}}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_ConnectedNonMember_IsNotCounted()
    {
        _server.Cluster.SetConnected(1, 2, 3, 99);

        using var response = await _server.Client.GetAsync("/v1/sys/health");

        Assert.Equal("""{"status":"ok","nodes":{"connected":3,"total":3},"reason":null}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nodes_Members_ListsLinkStateLastSeenAndVersion()
    {
        _server.Cluster.SetConnected(1, 3);

        using var response = await _server.Client.GetAsync("/v1/nodes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nodes = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, nodes.GetArrayLength());
        var first = nodes[0];
        Assert.Equal(["id", "name", "connected", "lastSeen", "version"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, first.GetProperty("id").GetInt32());
        Assert.Equal("node-1", first.GetProperty("name").GetString());
        Assert.True(first.GetProperty("connected").GetBoolean());
        Assert.Equal(ApiServer.Created, first.GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal("1.2.3", first.GetProperty("version").GetString());
        Assert.False(nodes[1].GetProperty("connected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, nodes[1].GetProperty("lastSeen").ValueKind);
        Assert.True(nodes[2].GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_Anonymous_ServesDocumentListingEveryRoute()
    {
        using var anonymous = _server.NewClient(token: null);

        using var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        string[][] routes =
        [
            ["/v1/sys/health", "get"], ["/v1/cluster", "get"], ["/v1/nodes", "get"], ["/v1/keys", "get"], ["/v1/keys", "post"],
            ["/v1/keys/{id}", "get"], ["/v1/keys/{id}", "delete"], ["/v1/keys/{id}/sign", "post"], ["/v1/keys/{id}/refresh", "post"],
            ["/v1/keys/{id}/reshare", "post"], ["/v1/sessions/{id}", "get"], ["/v1/events", "get"], ["/v1/keys/{id}/transactions", "post"],
            ["/v1/keys/{id}/address", "get"], ["/v1/keys/{id}/xpub", "get"], ["/v1/tokens", "post"], ["/v1/tokens", "get"],
            ["/v1/tokens/{accessor}", "delete"], ["/v1/policy", "get"], ["/v1/policy", "put"], ["/v1/policy/versions", "get"],
            ["/v1/policy/evaluate", "post"], ["/v1/requests", "get"], ["/v1/requests/{id}", "get"], ["/v1/requests/{id}/approve", "post"],
            ["/v1/requests/{id}/reject", "post"], ["/v1/audit", "get"], ["/v1/audit/verify", "get"],
        ];
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route[0], out var path), $"{route[0]} missing");
            Assert.True(path.TryGetProperty(route[1], out var operation), $"{route[1]} {route[0]} missing");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        }

        var create = paths.GetProperty("/v1/keys").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("401", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.True(create.TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/v1/sys/health").GetProperty("get").TryGetProperty("security", out _));
    }
}
