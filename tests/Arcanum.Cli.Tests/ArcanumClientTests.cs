using System.Net;
using System.Text.Json;
using Arcanum.Client;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Tests;

/// <summary>Every SDK call against the API test double: the request on the wire and the parsed answer.</summary>
public sealed class ArcanumClientTests : IAsyncLifetime
{
    private FakeCoordinator _server = null!;
    private ArcanumClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCoordinator.StartAsync();
        _client = new ArcanumClient(_server.Address, FakeCoordinator.Token);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetHealthAsync_Ready_SendsBearerAndParsesBody()
    {
        _server.Serve("GET", "/v1/sys/health", 200, Samples.HealthOk);

        var health = await _client.GetHealthAsync();

        Assert.Equal(new HealthResponse("ok", new NodeCounts(3, 3)), health);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GET", "/v1/sys/health", "Bearer " + FakeCoordinator.Token), (request.Method, request.Path, request.Authorization));
    }

    [Fact]
    public async Task GetHealthAsync_Unavailable503_ReturnsBody()
    {
        _server.Serve("GET", "/v1/sys/health", 503, Samples.HealthUnavailable);

        var health = await _client.GetHealthAsync();

        Assert.Equal(new HealthResponse("unavailable", new NodeCounts(1, 3)), health);
    }

    [Fact]
    public async Task ListNodesAsync_TwoNodes_ParsesEveryField()
    {
        _server.Serve("GET", "/v1/nodes", 200, Samples.Nodes);

        var nodes = await _client.ListNodesAsync();

        Assert.Equal(2, nodes.Length);
        Assert.Equal(new NodeInfo(1, "alpha", true, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "0.1.0"), nodes[0]);
        Assert.Equal(new NodeInfo(2, "beta", false, null, null), nodes[1]);
    }

    [Fact]
    public async Task CreateKeyAsync_Request_PostsJsonBodyAndParsesKey()
    {
        _server.Serve("POST", "/v1/keys", 201, Samples.Key);

        var key = await _client.CreateKeyAsync(new CreateKeyRequest("treasury", KeySchemes.EcdsaSecp256k1, 2, 3));

        AssertSampleKey(key);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/v1/keys"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"name":"treasury","scheme":"ecdsa-secp256k1","threshold":2,"parties":3}""", request.Body);
    }

    [Fact]
    public async Task ListKeysAsync_OneKey_ParsesIt()
    {
        _server.Serve("GET", "/v1/keys", 200, Samples.Keys);

        var keys = await _client.ListKeysAsync();

        AssertSampleKey(Assert.Single(keys));
    }

    [Fact]
    public async Task GetKeyAsync_IdWithReservedCharacters_IsEscapedInThePath()
    {
        _server.Serve("GET", "/v1/keys/a%2Fb%20c%3F", 200, Samples.Key);

        var key = await _client.GetKeyAsync("a/b c?");

        AssertSampleKey(key);
        Assert.Equal("/v1/keys/a%2Fb%20c%3F", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task DestroyKeyAsync_NoContent_SendsDelete()
    {
        _server.Serve("DELETE", $"/v1/keys/{Samples.KeyId}", 204, "");

        await _client.DestroyKeyAsync(Samples.KeyId);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("DELETE", $"/v1/keys/{Samples.KeyId}", ""), (request.Method, request.Path, request.Body));
    }

    [Fact]
    public async Task RefreshKeyAsync_PostsToRefreshAndParsesKey()
    {
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/refresh", 200, Samples.Key);

        AssertSampleKey(await _client.RefreshKeyAsync(Samples.KeyId));

        Assert.Equal(("POST", $"/v1/keys/{Samples.KeyId}/refresh"), (Assert.Single(_server.Requests).Method, _server.Requests.Single().Path));
    }

    [Fact]
    public async Task ReshareKeyAsync_PostsThresholdAndParties()
    {
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/reshare", 200, Samples.Key);

        AssertSampleKey(await _client.ReshareKeyAsync(Samples.KeyId, new ReshareRequest(3, 4)));

        Assert.Equal("""{"threshold":3,"parties":4}""", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public async Task SignAsync_Digest_PostsBodyAndParsesEcdsaFields()
    {
        _server.Serve("POST", $"/v1/keys/{Samples.KeyId}/sign", 200, Samples.EcdsaSignature);

        var signature = await _client.SignAsync(Samples.KeyId, new SignRequest(Digest: Samples.Digest, Path: "m/0/1"));

        Assert.Equal(new string('5', 128), signature.Signature);
        Assert.Equal((Samples.PublicKey, Samples.SessionId), (signature.PublicKey, signature.Session));
        Assert.Equal((new string('6', 64), new string('7', 64), 1, "3044"), (signature.R, signature.S, signature.RecoveryId, signature.Der));
        Assert.Equal($$"""{"digest":"{{Samples.Digest}}","path":"m/0/1"}""", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public async Task GetSessionAsync_Aborted_ParsesCulprits()
    {
        _server.Serve("GET", $"/v1/sessions/{Samples.SessionId}", 200, Samples.Session);

        var session = await _client.GetSessionAsync(Samples.SessionId);

        Assert.Equal(("sign", "aborted", "bad share"), (session.Kind, session.Status, session.Reason));
        Assert.Equal([3], session.Culprits);
        Assert.Equal([1, 3], session.Parties);
        Assert.Empty(session.Missing);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero), session.EndedAt);
    }

    [Fact]
    public async Task CreateKeyAsync_ProblemDetails_ThrowsApiExceptionNamingTheField()
    {
        _server.Serve("POST", "/v1/keys", 400, Samples.ProblemWithField, "application/problem+json");

        var error = await Assert.ThrowsAsync<ArcanumApiException>(() => _client.CreateKeyAsync(new CreateKeyRequest("k", KeySchemes.FrostEd25519, 1, 3)));

        Assert.Equal(400, error.Status);
        Assert.Equal(("urn:arcanum:problem:invalid-request", "threshold"), (error.Problem.Type, error.Problem.Field));
        Assert.Equal("Invalid request: threshold must be at least 2 (field: threshold)", error.Message);
    }

    [Fact]
    public async Task GetKeyAsync_WrongToken_ThrowsUnauthorized()
    {
        using var client = new ArcanumClient(_server.Address, "wrong-token");

        var error = await Assert.ThrowsAsync<ArcanumApiException>(() => client.GetKeyAsync(Samples.KeyId));

        Assert.Equal(401, error.Status);
        Assert.Equal("Unauthorized", error.Problem.Title);
    }

    [Fact]
    public async Task GetKeyAsync_ErrorWithoutProblemBody_ThrowsApiExceptionWithStatus()
    {
        _server.Serve("GET", $"/v1/keys/{Samples.KeyId}", 502, "<html>bad gateway</html>", "text/html");

        var error = await Assert.ThrowsAsync<ArcanumApiException>(() => _client.GetKeyAsync(Samples.KeyId));

        Assert.Equal(502, error.Status);
        Assert.Null(error.Problem.Field);
        Assert.Contains("Bad Gateway", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    public async Task GetKeyAsync_MalformedSuccessBody_ThrowsInvalidData(string body)
    {
        _server.Serve("GET", $"/v1/keys/{Samples.KeyId}", 200, body);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _client.GetKeyAsync(Samples.KeyId));

        Assert.Contains("/v1/keys/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchEventsAsync_TwoEvents_YieldsThemThenEnds()
    {
        _server.Events =
        [
            $$"""{"type":"session.started","session":"{{Samples.SessionId}}","kind":"keygen","keyId":null,"status":"running","round":null,"time":"2025-01-02T03:04:05+00:00"}""",
            $$"""{"type":"session.round","session":"{{Samples.SessionId}}","kind":"keygen","keyId":null,"status":"running","round":2,"time":"2025-01-02T03:04:06+00:00"}""",
        ];

        var events = new List<SessionEvent>();
        await foreach (var sessionEvent in _client.WatchEventsAsync())
        {
            events.Add(sessionEvent);
        }

        Assert.Equal(["session.started", "session.round"], events.Select(e => e.Type));
        Assert.Equal(2, events[1].Round);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("/v1/events", "Bearer " + FakeCoordinator.Token), (request.Path, request.Authorization));
    }

    [Fact]
    public async Task WatchEventsAsync_MessageNotAnEvent_ThrowsInvalidData()
    {
        _server.Events = ["not json at all"];

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var unused in _client.WatchEventsAsync())
            {
                Assert.Fail("no event should be yielded");
            }
        });
    }

    [Fact]
    public async Task ListKeysAsync_NothingListening_KeepsTheTransportException()
    {
        var closedPort = _server.Address;
        await _server.DisposeAsync();
        _server = await FakeCoordinator.StartAsync();
        using var client = new ArcanumClient(closedPort, FakeCoordinator.Token);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ListKeysAsync());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/", "token")]
    [InlineData("http://127.0.0.1/?q=1", "token")]
    [InlineData("http://127.0.0.1/", "")]
    [InlineData("http://127.0.0.1/", "has space")]
    [InlineData("http://127.0.0.1/", "line\nbreak")]
    public void Constructor_BadAddressOrToken_Throws(string address, string token) =>
        Assert.Throws<ArgumentException>(() => new ArcanumClient(new Uri(address), token));

    [Fact]
    public async Task GetKeyAsync_AddressWithPathPrefix_KeepsThePrefix()
    {
        using var client = new ArcanumClient(new Uri(_server.Address, "prefix"), FakeCoordinator.Token);

        await Assert.ThrowsAsync<ArcanumApiException>(() => client.GetKeyAsync("k"));

        Assert.Equal("/prefix/v1/keys/k", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public void ToString_NeverShowsTheToken() =>
        Assert.DoesNotContain(FakeCoordinator.Token, _client.ToString(), StringComparison.Ordinal);

    private static void AssertSampleKey(KeyInfo key)
    {
        Assert.Equal((Samples.KeyId, "treasury", KeySchemes.EcdsaSecp256k1, 2), (key.Id, key.Name, key.Scheme, key.Threshold));
        Assert.Equal([1, 2, 3], key.Parties);
        Assert.Equal((Samples.PublicKey, Samples.ChainCode, 4L), (key.PublicKey, key.ChainCode, key.Epoch));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), key.CreatedAt);
        Assert.Equal(Samples.Key, JsonSerializer.Serialize(key, ApiJsonContext.Default.KeyInfo).Replace("Z\"", "+00:00\"", StringComparison.Ordinal));
    }
}
