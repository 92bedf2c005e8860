using System.Net;
using System.Text;
using System.Text.Json;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>Every rule of docs/api.md: 400 "invalid-request" naming the field, and nothing reaches the cluster.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> InvalidCreateRequests => new()
    {
        { """{"scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"","scheme":"frost-ed25519","threshold":2}""", "name" },
        { $$"""{"name":"{{new string('a', 65)}}","scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"has space","scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"slash/","scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"é","scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"ledger-committee","scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"k","threshold":2}""", "scheme" },
        { """{"name":"k","scheme":"FROST-ED25519","threshold":2}""", "scheme" },
        { """{"name":"k","scheme":"rsa","threshold":2}""", "scheme" },
        { """{"name":"k","scheme":"frost-ed25519"}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":1}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":-5}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":4}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":3,"parties":2}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":2,"parties":1}""", "parties" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":2,"parties":4}""", "parties" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":2,"parties":0}""", "parties" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":"2"}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":2.5}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":2e0}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":99999999999999999999999999}""", "threshold" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":true}""", "threshold" },
        { """{"name":7,"scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":["k"],"scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"k","scheme":"frost-ed25519","threshold":2,"extra":1}""", "extra" },
        { """{"Name":"k","scheme":"frost-ed25519","threshold":2}""", "Name" },
        { """{"name":"k","name":"j","scheme":"frost-ed25519","threshold":2}""", "name" },
        { """{"name":"\ud800","scheme":"frost-ed25519","threshold":2}""", "name" },
        { "[]", "body" },
        { "null", "body" },
        { "\"k\"", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateRequests))]
    public async Task CreateKey_InvalidField_Returns400NamingIt(string body, string field)
    {
        using var response = await PostJsonAsync("/v1/keys", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task CreateKey_SeveralInvalidFields_ReportsEveryOne()
    {
        using var response = await PostJsonAsync("/v1/keys", """{"name":"","scheme":"x","threshold":1,"bogus":true}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "bogus");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["bogus"], errors);
        Assert.Empty(_server.Operations.Calls);

        using var second = await PostJsonAsync("/v1/keys", """{"name":"","scheme":"x","threshold":1}""");
        var secondProblem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.BadRequest, "invalid-request", "name");
        Assert.Equal(["name", "scheme", "threshold"], secondProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateKey_EcdsaOverSixteenParties_Returns400NamingParties()
    {
        for (var id = 4; id <= 20; id++)
        {
            await _server.Store.UpsertNodeAsync(new Storage.NodeRecord(id, $"node-{id}", new byte[32], new byte[32], null, null));
        }

        using var ecdsa = await PostJsonAsync("/v1/keys", """{"name":"k","scheme":"ecdsa-secp256k1","threshold":2,"parties":17}""");
        using var ecdsaDefault = await PostJsonAsync("/v1/keys", """{"name":"k","scheme":"ecdsa-secp256k1","threshold":2}""");
        using var frost = await PostJsonAsync("/v1/keys", """{"name":"k","scheme":"frost-secp256k1","threshold":2,"parties":17}""");

        await ProblemAssert.IsProblemAsync(ecdsa, HttpStatusCode.BadRequest, "invalid-request", "parties");
        await ProblemAssert.IsProblemAsync(ecdsaDefault, HttpStatusCode.BadRequest, "invalid-request", "parties");
        Assert.Equal(HttpStatusCode.Created, frost.StatusCode);
        Assert.Equal(17, Assert.Single(_server.Operations.Calls).Parties);
    }

    public static TheoryData<string, string, string> InvalidSignRequests => new()
    {
        { "key-ed25519", """{}""", "message" },
        { "key-ed25519", """{"digest":"00"}""", "digest" },
        { "key-ed25519", """{"message":"00","digest":"00"}""", "digest" },
        { "key-ed25519", """{"message":"0"}""", "message" },
        { "key-ed25519", """{"message":"zz"}""", "message" },
        { "key-ed25519", """{"message":"0x00"}""", "message" },
        { "key-ed25519", """{"message":"00 11"}""", "message" },
        { "key-secp256k1", """{"message":42}""", "message" },
        { "key-ecdsa", """{"message":"00"}""", "message" },
        { "key-ecdsa", """{}""", "digest" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 62)}}"}""", "digest" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 66)}}"}""", "digest" },
        { "key-taproot", """{"digest":""}""", "digest" },
        { "key-taproot", $$"""{"digest":"{{new string('g', 64)}}"}""", "digest" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"m/0'"}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"m/0h"}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"m/2147483648"}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"0/1"}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"m//1"}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"m/-1"}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":""}""", "path" },
        { "key-ecdsa", $$"""{"digest":"{{new string('a', 64)}}","path":"m{{string.Concat(Enumerable.Repeat("/1", 256))}}"}""", "path" },
        { "key-ed25519", """{"message":"00","signature":"00"}""", "signature" },
    };

    [Theory]
    [MemberData(nameof(InvalidSignRequests))]
    public async Task Sign_InvalidField_Returns400NamingIt(string keyId, string body, string field)
    {
        using var response = await PostJsonAsync($"/v1/keys/{keyId}/sign", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
        Assert.Empty(_server.Operations.Calls);
    }

    public static TheoryData<string, string> InvalidReshareRequests => new()
    {
        { """{}""", "parties" },
        { """{"parties":3}""", "threshold" },
        { """{"threshold":2}""", "parties" },
        { """{"threshold":1,"parties":3}""", "threshold" },
        { """{"threshold":3,"parties":2}""", "threshold" },
        { """{"threshold":2,"parties":4}""", "parties" },
        { """{"threshold":2,"parties":3,"scheme":"frost-ed25519"}""", "scheme" },
    };

    [Theory]
    [MemberData(nameof(InvalidReshareRequests))]
    public async Task Reshare_InvalidCommittee_Returns400NamingIt(string body, string field)
    {
        using var response = await PostJsonAsync("/v1/keys/key-ed25519/reshare", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task Refresh_WithBody_Returns400NamingBody()
    {
        using var response = await PostJsonAsync("/v1/keys/key-ed25519/refresh", "{}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "unexpected-body", "body");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task InvalidRequest_ErrorsMap_ListsReasonsPerField()
    {
        using var response = await PostJsonAsync("/v1/keys/key-ed25519/sign", """{"digest":"00"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "digest");
        var errors = problem.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.GetProperty("digest").ValueKind);
        Assert.Equal(JsonValueKind.Array, errors.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task CreateKey_ManyUnknownProperties_ReportsABoundedNumber()
    {
        var body = "{" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"\"p{i}\":1")) + "}";

        using var response = await PostJsonAsync("/v1/keys", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "p0");
        Assert.Equal(16, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.EndsWith("and 184 more", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        await _server.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
