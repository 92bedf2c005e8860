using System.Net;
using System.Text;
using Arcanum.Client.Contracts;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// POST /v1/keys/{id}/transactions refuses, before any session, what cannot be signed: a malformed envelope
/// (400 "invalid-request" naming the field), a key whose scheme cannot sign for the chain (400
/// "unsupported-chain", field chain), an unknown key (404), and a body above the transaction limit (413).
/// Signing itself is tested against a real cluster (Arcanum.Cluster.Tests).
/// </summary>
public sealed class TransactionRoutesTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> InvalidEnvelopes => new()
    {
        { """{"transaction":{"psbt":"cHNidP8="}}""", "chain" },
        { """{"chain":7,"transaction":{}}""", "chain" },
        { """{"chain":"ethereum"}""", "transaction" },
        { """{"chain":"ethereum","transaction":null}""", "transaction" },
        { """{"chain":"ethereum","transaction":"0x01"}""", "transaction" },
        { """{"chain":"ethereum","transaction":[]}""", "transaction" },
        { """{"chain":"ethereum","transaction":{},"personalSign":"0x01"}""", "transaction" },
        { """{"chain":"ethereum","personalSign":"0x01","typedData":{}}""", "transaction" },
        { """{"chain":"ethereum","personalSign":1}""", "personalSign" },
        { """{"chain":"ethereum","typedData":"{}"}""", "typedData" },
        { """{"chain":"bitcoin","personalSign":"0x01"}""", "personalSign" },
        { """{"chain":"tron","typedData":{}}""", "typedData" },
        { """{"chain":"ethereum","path":5,"transaction":{}}""", "path" },
        { """{"chain":"ethereum","path":"m/0'","transaction":{}}""", "path" },
        { """{"chain":"ethereum","path":"m/x","transaction":{}}""", "path" },
        { """{"chain":"ethereum","transaction":{},"extra":1}""", "extra" },
        { """{"chain":"ethereum","chain":"tron","transaction":{}}""", "chain" },
        { """{"chain":"\ud800","transaction":{}}""", "chain" },
        { "[]", "body" },
        { "\"ethereum\"", "body" },
    };

    public static TheoryData<string, string> UnsupportedPairs => new()
    {
        { KeySchemes.FrostEd25519, "bitcoin" },
        { KeySchemes.FrostEd25519, "ethereum" },
        { KeySchemes.FrostSecp256k1, "bitcoin-testnet" },
        { KeySchemes.FrostSecp256k1, "solana" },
        { KeySchemes.FrostTaproot, "ethereum" },
        { KeySchemes.FrostTaproot, "cosmos" },
        { KeySchemes.EcdsaSecp256k1, "solana" },
        { KeySchemes.EcdsaSecp256k1, "dogecoin" },
        { KeySchemes.EcdsaSecp256k1, "Ethereum" },
    };

    [Theory]
    [MemberData(nameof(InvalidEnvelopes))]
    public async Task InvalidEnvelope_Returns400NamingTheField(string body, string field)
    {
        using var response = await PostAsync(ApiServer.KeyIdByScheme[KeySchemes.EcdsaSecp256k1], body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
        Assert.Empty(_server.Operations.Calls);
    }

    [Theory]
    [MemberData(nameof(UnsupportedPairs))]
    public async Task KeyThatCannotSignForTheChain_Returns400NamingChain(string scheme, string chain)
    {
        using var response = await PostAsync(ApiServer.KeyIdByScheme[scheme], "{\"chain\":\"" + chain + "\",\"transaction\":{}}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "unsupported-chain", "chain");
        Assert.Contains(chain, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task UnknownOrDestroyedKey_Returns404()
    {
        using var unknown = await PostAsync("no-such-key", """{"chain":"ethereum","transaction":{}}""");
        using var destroyed = await PostAsync(ApiServer.DestroyedKeyId, """{"chain":"ethereum","transaction":{}}""");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "unknown-key", "id");
        await ProblemAssert.IsProblemAsync(destroyed, HttpStatusCode.NotFound, "unknown-key", "id");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task BodyAboveTheTransactionLimit_Returns413_ButOtherRoutesKeepTheirSmallerLimit()
    {
        await using var server = await ApiServer.StartAsync(maxBodyBytes: 1024, maxTransactionBodyBytes: 8192);
        var key = ApiServer.KeyIdByScheme[KeySchemes.EcdsaSecp256k1];
        var padding = new string('a', 4096);
        var withinTransactionLimit = """{"chain":"solana","transaction":{"serialized":"PAD"}}""".Replace("PAD", padding, StringComparison.Ordinal);

        using var accepted = await PostAsync(server, key, withinTransactionLimit);
        using var tooLarge = await PostAsync(server, key, withinTransactionLimit.Replace(padding, padding + padding, StringComparison.Ordinal));
        using var signTooLarge = await server.Client.PostAsync($"/v1/keys/{key}/sign", new StringContent($$"""{"message":"{{padding}}"}""", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(accepted, HttpStatusCode.BadRequest, "unsupported-chain", "chain");
        await ProblemAssert.IsProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "body");
        await ProblemAssert.IsProblemAsync(signTooLarge, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "body");
    }

    [Fact]
    public async Task WrongMediaType_Returns415()
    {
        using var response = await _server.Client.PostAsync(
            $"/v1/keys/{ApiServer.KeyIdByScheme[KeySchemes.EcdsaSecp256k1]}/transactions", new StringContent("""{"chain":"ethereum"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_server.Operations.Calls);
    }

    private Task<HttpResponseMessage> PostAsync(string keyId, string body) => PostAsync(_server, keyId, body);

    private static Task<HttpResponseMessage> PostAsync(ApiServer server, string keyId, string body) =>
        server.Client.PostAsync($"/v1/keys/{keyId}/transactions", new StringContent(body, Encoding.UTF8, "application/json"));
}
