using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Tests.Api;

public sealed class KeyRoutesTests : IAsyncLifetime
{
    private static readonly string[] KeyInfoProperties = ["id", "name", "scheme", "threshold", "parties", "publicKey", "chainCode", "epoch", "createdAt"];

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreateKey_ValidRequest_Returns201WithLocationAndKeyInfo()
    {
        using var response = await PostJsonAsync("/v1/keys", """{"name":"treasury.hot-1","scheme":"frost-ed25519","threshold":2,"parties":3}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/v1/keys/key-new", response.Headers.Location?.OriginalString);
        var key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(KeyInfoProperties, key.EnumerateObject().Select(p => p.Name));
        var call = Assert.Single(_server.Operations.Calls);
        Assert.Equal(new KeyOperationCall("create", null, "treasury.hot-1", "frost-ed25519", 2, 3, null, null), call);
    }

    [Fact]
    public async Task CreateKey_PartiesOmitted_UsesEveryMember()
    {
        using var response = await PostJsonAsync("/v1/keys", """{"name":"k","scheme":"ecdsa-secp256k1","threshold":2}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, Assert.Single(_server.Operations.Calls).Parties);
    }

    [Fact]
    public async Task ListKeys_LiveKeys_OmitsDestroyed()
    {
        var keys = await _server.Client.GetFromJsonAsync<JsonElement>("/v1/keys");

        var ids = keys.EnumerateArray().Select(k => k.GetProperty("id").GetString()).ToList();
        Assert.Equal([.. ApiServer.KeyIdByScheme.Values, RecordingKeyOperations.FailingKeyId, RecordingKeyOperations.BuggyKeyId], ids);
        Assert.DoesNotContain(ApiServer.DestroyedKeyId, ids);
    }

    [Theory]
    [InlineData("frost-ed25519", "2222222222222222222222222222222222222222222222222222222222222222")]
    [InlineData("frost-secp256k1", "021111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("ecdsa-secp256k1", "021111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("frost-taproot", "1111111111111111111111111111111111111111111111111111111111111111")]
    public async Task GetKey_LiveKey_ShowsPublicDataInHex(string scheme, string publicKey)
    {
        using var response = await _server.Client.GetAsync($"/v1/keys/{ApiServer.KeyIdByScheme[scheme]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(KeyInfoProperties, key.EnumerateObject().Select(p => p.Name));
        Assert.Equal(scheme, key.GetProperty("scheme").GetString());
        Assert.Equal(publicKey, key.GetProperty("publicKey").GetString());
        Assert.Equal(new string('c', 64), key.GetProperty("chainCode").GetString());
        Assert.Equal([1, 2, 3], key.GetProperty("parties").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(4, key.GetProperty("epoch").GetInt64());
        Assert.Equal(2, key.GetProperty("threshold").GetInt32());
        Assert.Equal(ApiServer.Created, key.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/sign")]
    [InlineData("POST", "/refresh")]
    [InlineData("POST", "/reshare")]
    public async Task KeyRoute_UnknownOrDestroyedKey_Returns404WithoutCallingTheCluster(string method, string suffix)
    {
        foreach (var id in new[] { "no-such-key", ApiServer.DestroyedKeyId })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/v1/keys/{id}{suffix}");
            if (suffix is "/sign" or "/reshare")
            {
                request.Content = new StringContent("""{"threshold":2,"parties":2}""", Encoding.UTF8, "application/json");
            }

            using var response = await _server.Client.SendAsync(request);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown-key", "id");
        }

        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task DestroyKey_LiveKey_Returns204AndAsksTheCluster()
    {
        using var response = await _server.Client.DeleteAsync("/v1/keys/key-ecdsa");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(new KeyOperationCall("destroy", "key-ecdsa", null, null, null, null, null, null), Assert.Single(_server.Operations.Calls));
    }

    [Theory]
    [InlineData("frost-ed25519", """{"message":"68656c6c6f"}""", "68656c6c6f")]
    [InlineData("frost-ed25519", """{"message":""}""", "")]
    [InlineData("frost-secp256k1", """{"message":"00FF"}""", "00ff")]
    [InlineData("ecdsa-secp256k1", """{"digest":"0000000000000000000000000000000000000000000000000000000000000001"}""", "0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("frost-taproot", """{"digest":"1111111111111111111111111111111111111111111111111111111111111111","message":null}""", "1111111111111111111111111111111111111111111111111111111111111111")]
    public async Task Sign_ValidPayload_ReturnsSignatureAndPassesBytes(string scheme, string body, string payloadHex)
    {
        using var response = await PostJsonAsync($"/v1/keys/{ApiServer.KeyIdByScheme[scheme]}/sign", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signature = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["signature", "publicKey", "session"], signature.EnumerateObject().Select(p => p.Name));
        var call = Assert.Single(_server.Operations.Calls);
        Assert.Equal(ApiServer.KeyIdByScheme[scheme], call.KeyId);
        Assert.Equal(payloadHex, Convert.ToHexStringLower(call.Payload!));
        Assert.Empty(call.Path!);
    }

    [Fact]
    public async Task Sign_NonHardenedPath_PassesIndices()
    {
        using var response = await PostJsonAsync("/v1/keys/key-ecdsa/sign", $$"""{"digest":"{{new string('a', 64)}}","path":"m/44/0/2147483647"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([44u, 0u, 2147483647u], Assert.Single(_server.Operations.Calls).Path);
    }

    [Theory]
    [InlineData(16 * 1024, HttpStatusCode.OK)]
    [InlineData(16 * 1024 + 1, HttpStatusCode.BadRequest)]
    public async Task Sign_MessageAtAndOverLimit_AcceptsUpTo16KiB(int length, HttpStatusCode status)
    {
        await using var server = await ApiServer.StartAsync(maxBodyBytes: 64 * 1024);

        using var response = await server.Client.PostAsync(
            "/v1/keys/key-ed25519/sign", new StringContent($$"""{"message":"{{new string('7', 2 * length)}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(status == HttpStatusCode.OK ? 1 : 0, server.Operations.Calls.Count);
        if (status != HttpStatusCode.OK)
        {
            await ProblemAssert.IsProblemAsync(response, status, "invalid-request", "message");
        }
    }

    [Fact]
    public async Task Refresh_LiveKey_ReturnsKeyInfo()
    {
        using var response = await _server.Client.PostAsync("/v1/keys/key-taproot/refresh", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(KeyInfoProperties, key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("refresh", Assert.Single(_server.Operations.Calls).Operation);
    }

    [Fact]
    public async Task Reshare_ValidCommittee_ReturnsKeyInfo()
    {
        using var response = await PostJsonAsync("/v1/keys/key-secp256k1/reshare", """{"threshold":3,"parties":3}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, key.GetProperty("threshold").GetInt32());
        Assert.Equal(new KeyOperationCall("reshare", "key-secp256k1", null, null, 3, 3, null, null), Assert.Single(_server.Operations.Calls));
    }

    [Fact]
    public async Task Sign_ClusterFails_ReturnsItsProblemNamingTheSession()
    {
        using var response = await PostJsonAsync($"/v1/keys/{RecordingKeyOperations.FailingKeyId}/sign", """{"message":"00"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "cluster-unavailable", "id");
        Assert.Equal(RecordingKeyOperations.FailingSession, problem.GetProperty("session").GetString());
        Assert.Equal("only 1 of 3 nodes is connected", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refresh_ClusterLayerBug_Returns500WithoutInternalsAndLogsIt()
    {
        using var response = await _server.Client.PostAsync($"/v1/keys/{RecordingKeyOperations.BuggyKeyId}/refresh", content: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "internal");
        Assert.DoesNotContain(RecordingKeyOperations.BugMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(_server.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(RecordingKeyOperations.BugMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetSession_Known_ReturnsSessionInfo()
    {
        var id = new string('f', 32);
        await _server.Store.InsertSessionAsync(new SessionRecord(id, "sign", "key-ecdsa", [1, 2], SessionStatus.Running, null, [], [], null, null, ApiServer.Created, null));
        await _server.Store.EndSessionAsync(id, new SessionOutcome(SessionStatus.TimedOut, "node 3 did not answer", [], [3], null, ApiServer.Created.AddSeconds(30)));

        using var response = await _server.Client.GetAsync($"/v1/sessions/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            ["id", "kind", "keyId", "parties", "status", "reason", "culprits", "missing", "retryOf", "createdAt", "endedAt"],
            session.EnumerateObject().Select(p => p.Name));
        Assert.Equal("timed_out", session.GetProperty("status").GetString());
        Assert.Equal([3], session.GetProperty("missing").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("key-ecdsa", session.GetProperty("keyId").GetString());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdeF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("g123456789abcdef0123456789abcdef")]
    public async Task GetSession_MalformedId_Returns400NamingId(string id)
    {
        using var response = await _server.Client.GetAsync($"/v1/sessions/{id}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "id");
    }

    [Fact]
    public async Task GetSession_Unknown_Returns404()
    {
        using var response = await _server.Client.GetAsync($"/v1/sessions/{new string('0', 32)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown-session", "id");
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        await _server.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
