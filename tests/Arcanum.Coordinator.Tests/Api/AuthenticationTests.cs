using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Arcanum.Coordinator.Tests.Api;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> SecuredRoutes => new()
    {
        { "GET", "/v1/nodes" },
        { "GET", "/v1/keys" },
        { "POST", "/v1/keys" },
        { "GET", "/v1/keys/key-ed25519" },
        { "DELETE", "/v1/keys/key-ed25519" },
        { "POST", "/v1/keys/key-ed25519/sign" },
        { "POST", "/v1/keys/key-ed25519/refresh" },
        { "POST", "/v1/keys/key-ed25519/reshare" },
        { "GET", "/v1/sessions/0123456789abcdef0123456789abcdef" },
        { "GET", "/v1/events" },
    };

    [Theory]
    [MemberData(nameof(SecuredRoutes))]
    public async Task SecuredRoute_NoToken_Returns401WithBearerChallenge(string method, string path)
    {
        using var anonymous = _server.NewClient(token: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{ not json", Encoding.UTF8, "application/json") };

        using var response = await anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(_server.Operations.Calls);
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + ApiServer.AdminToken + "x")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData(ApiServer.AdminToken)]
    public async Task SecuredRoute_WrongCredentials_Returns401InvalidToken(string authorization)
    {
        using var client = _server.NewClient(token: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.DeleteAsync("/v1/keys/key-ed25519");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task SecuredRoute_RightTokenAnyCaseScheme_Succeeds()
    {
        using var client = _server.NewClient(token: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + ApiServer.AdminToken);

        using var response = await client.GetAsync("/v1/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SecuredRoute_TokenInQueryOfPlainRequest_Returns401()
    {
        using var anonymous = _server.NewClient(token: null);

        using var response = await anonymous.GetAsync($"/v1/keys?token={ApiServer.AdminToken}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("/v1/sys/health", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/v1/cluster", HttpStatusCode.BadRequest)]
    public async Task PublicRoute_NoToken_IsServed(string path, HttpStatusCode status)
    {
        using var anonymous = _server.NewClient(token: null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Token_AfterRequestsOfEveryKind_NeverAppearsInLogs()
    {
        using var badBody = await _server.Client.PostAsync("/v1/keys", new StringContent("{", Encoding.UTF8, "application/json"));
        using var failing = await _server.Client.PostAsync("/v1/keys/key-unreachable/refresh", null);
        using var wrong = _server.NewClient(ApiServer.AdminToken + "-wrong");
        using var rejected = await wrong.GetAsync("/v1/keys");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(_server.WebSocketUri($"/v1/events?token={ApiServer.AdminToken}"), CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.NotEmpty(_server.LogLines);
        Assert.DoesNotContain(_server.LogLines, line => line.Contains(ApiServer.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public void ApiOptions_ToString_RedactsToken()
    {
        var options = new Coordinator.Api.ApiOptions { AdminToken = ApiServer.AdminToken };

        Assert.DoesNotContain(ApiServer.AdminToken, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddArcanumApi_BlankToken_Throws(string token)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        Assert.Throws<ArgumentException>(() => Coordinator.Api.CoordinatorApi.AddArcanumApi(services, new Coordinator.Api.ApiOptions { AdminToken = token }));
    }

    [Fact]
    public async Task AuthorizationHeader_Repeated_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/keys");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + ApiServer.AdminToken, "Bearer " + ApiServer.AdminToken]);
        using var anonymous = _server.NewClient(token: null);

        using var response = await anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }
}
