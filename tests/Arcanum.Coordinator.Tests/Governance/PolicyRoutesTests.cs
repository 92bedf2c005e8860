using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.Api;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>/v1/policy: versions are kept, an invalid document changes nothing, evaluate explains, decisions apply to the routes (deny is 403 and nothing runs; a window counts what ran).</summary>
public sealed class PolicyRoutesTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Put_StoresTheNextVersion_KeepsTheOldOnes_AndGetReturnsTheActive()
    {
        var installed = await PutAsync("""{"rules":[{"id":"freeze","action":"deny"}]}""");
        var active = await _server.Client.GetFromJsonAsync<PolicyInfo>("/v1/policy");
        var versions = await _server.Client.GetFromJsonAsync<PolicyInfo[]>("/v1/policy/versions");

        Assert.Equal(2, installed.Version);
        Assert.Equal(2, active!.Version);
        Assert.Equal("freeze", active.Policy.GetProperty("rules")[0].GetProperty("id").GetString());
        Assert.NotNull(versions);
        Assert.Equal([1L, 2L], versions.Select(v => v.Version));
        Assert.Equal("test", versions[0].CreatedBy);
        Assert.Equal("bootstrap", versions[1].CreatedBy);
        Assert.Matches("^[0-9a-f]{64}$", active.Hash);
    }

    [Theory]
    [InlineData("""{"rules":[{"id":"r","action":"allow","amount":{"max":5}}]}""", "rules[0].amount.max")]
    [InlineData("""{"rules":[{"id":"r","action":"permit"}]}""", "rules[0].action")]
    [InlineData("""{"rules":[{"id":"r","action":"require_approval"}]}""", "rules[0].approval")]
    [InlineData("""{"rules":[{"id":"r","action":"allow","colour":"blue"}]}""", "rules[0].colour")]
    public async Task Put_InvalidDocument_Is400NamingThePath_AndChangesNothing(string document, string path)
    {
        using var response = await _server.Client.PutAsync("/v1/policy", Tokens.Json(document));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", path);
        Assert.Equal(1, (await _server.Governance.GetActivePolicyAsync())!.Version);
    }

    [Fact]
    public async Task Evaluate_ExplainsTheDecisionAndTheRulesThatApplied()
    {
        await PutAsync("""
            {"rules":[
              {"id":"small","operation":"sign_transaction","initiators":["signer"],"amount":{"max":"100"},"action":"allow"},
              {"id":"blocked","operation":"sign_transaction","destinations":{"deny":["0xbad"]},"action":"deny"}]}
            """);

        var allowed = await EvaluateAsync("""{"operation":"sign_transaction","keyId":"key-ecdsa","initiator":{"name":"sam","role":"signer"},"transaction":{"chains":["ethereum"],"asset":"native","destinations":["0xgood"],"amount":"99"}}""");
        var denied = await EvaluateAsync("""{"operation":"sign_transaction","keyId":"key-ecdsa","initiator":{"name":"sam","role":"signer"},"transaction":{"chains":["ethereum"],"asset":"native","destinations":["0xBAD"],"amount":"99"}}""");
        var nothing = await EvaluateAsync("""{"operation":"sign_transaction","keyId":"key-ecdsa","initiator":{"name":"sam","role":"signer"},"transaction":{"chains":["ethereum"],"amount":"101"}}""");

        Assert.Equal("allow", allowed.Decision);
        Assert.Equal(["small"], allowed.Matched.Select(m => m.Rule));
        Assert.Equal("deny", denied.Decision);
        Assert.Equal(["small", "blocked"], denied.Matched.Select(m => m.Rule));
        Assert.Contains("blocked", denied.Reason, StringComparison.Ordinal);
        Assert.Equal("deny", nothing.Decision);
        Assert.Empty(nothing.Matched);
        Assert.Equal(2, allowed.PolicyVersion);
    }

    [Fact]
    public async Task DeniedOperation_Is403PolicyDenied_AndNothingRuns()
    {
        var (signer, _, _) = await Tokens.CreateAsync(_server, "sam", "signer");

        using var response = await signer.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"00"}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "policy-denied");
        Assert.Contains("no rule", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task NoPolicyInstalled_EveryGovernedOperationIsDenied()
    {
        await using var server = await ApiServer.StartAsync(starterPolicy: false);

        using var sign = await server.Client.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"00"}"""));
        using var policy = await server.Client.GetAsync("/v1/policy");

        var problem = await ProblemAssert.IsProblemAsync(sign, HttpStatusCode.Forbidden, "policy-denied");
        Assert.Contains("no policy is installed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(policy, HttpStatusCode.NotFound, "no-policy");
        Assert.Empty(server.Operations.Calls);
    }

    [Fact]
    public async Task Window_CountsWhatRan_AndDeniesPastTheBudget()
    {
        await PutAsync("""{"rules":[{"id":"two-per-hour","operation":"sign_raw","keys":["key-ed25519"],"initiators":["signer"],"window":{"seconds":3600,"maxCount":2},"action":"allow"}]}""");
        var (signer, _, _) = await Tokens.CreateAsync(_server, "sam", "signer");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await signer.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json($$"""{"message":"0{{i}}"}"""));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], statuses);
        Assert.Equal(2, _server.Operations.Calls.Count);
        Assert.Equal(2, (await _server.Governance.ListSpendsAsync("key-ed25519", DateTimeOffset.UtcNow.AddDays(-1))).Count);
    }

    private async Task<PolicyInfo> PutAsync(string document)
    {
        using var response = await _server.Client.PutAsync("/v1/policy", Tokens.Json(document));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PolicyInfo>())!;
    }

    private async Task<EvaluateResponse> EvaluateAsync(string request)
    {
        using var response = await _server.Client.PostAsync("/v1/policy/evaluate", Tokens.Json(request));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EvaluateResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}
