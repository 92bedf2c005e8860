using System.Net;
using Arcanum.Coordinator.Tests.Api;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>Idempotency-Key on POST: a completed request is replayed byte for byte; the same key in flight is 409; with another body 422; keys are per token.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private const string Sign = "/v1/keys/key-ed25519/sign";

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Replay_ReturnsTheStoredResponse_AndRunsNothingAgain()
    {
        using var first = await _server.Client.SendAsync(Tokens.Post("/v1/keys", """{"name":"idem","scheme":"frost-ed25519","threshold":2}""", "create-1"));
        using var second = await _server.Client.SendAsync(Tokens.Post("/v1/keys", """{"name":"idem","scheme":"frost-ed25519","threshold":2}""", "create-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(_server.Operations.Calls);
    }

    [Fact]
    public async Task SameKeyDifferentBody_Is422_AndNothingRuns()
    {
        using var first = await _server.Client.SendAsync(Tokens.Post(Sign, """{"message":"01"}""", "k"));
        using var other = await _server.Client.SendAsync(Tokens.Post(Sign, """{"message":"02"}""", "k"));
        using var otherPath = await _server.Client.SendAsync(Tokens.Post("/v1/keys/key-secp256k1/sign", """{"message":"01"}""", "k"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key");
        await ProblemAssert.IsProblemAsync(otherPath, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key");
        Assert.Single(_server.Operations.Calls);
    }

    [Fact]
    public async Task TwoConcurrentRequestsWithOneKey_OneRuns_TheOtherIs409_ThenAReplay()
    {
        using var gate = new SemaphoreSlim(0);
        _server.Operations.SignGate = gate;
        var first = _server.Client.SendAsync(Tokens.Post(Sign, """{"message":"0a"}""", "concurrent"));
        await WaitUntilAsync(() => _server.Operations.Calls.Count == 1);

        using var second = await _server.Client.SendAsync(Tokens.Post(Sign, """{"message":"0a"}""", "concurrent"));
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "idempotency-key-in-flight", "Idempotency-Key");

        gate.Release();
        using var completed = await first;
        using var replay = await _server.Client.SendAsync(Tokens.Post(Sign, """{"message":"0a"}""", "concurrent"));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(await completed.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Single(_server.Operations.Calls);
    }

    [Fact]
    public async Task ServerError_ReleasesTheKey_SoTheRequestCanBeRetried()
    {
        using var failed = await _server.Client.SendAsync(Tokens.Post($"/v1/keys/{Doubles.FailingKeyId}/sign", """{"message":"00"}""", "retry-me"));
        using var retried = await _server.Client.SendAsync(Tokens.Post($"/v1/keys/{Doubles.FailingKeyId}/sign", """{"message":"00"}""", "retry-me"));

        await ProblemAssert.IsProblemAsync(failed, HttpStatusCode.ServiceUnavailable, "cluster-unavailable");
        await ProblemAssert.IsProblemAsync(retried, HttpStatusCode.ServiceUnavailable, "cluster-unavailable");
        Assert.Equal(2, _server.Operations.Calls.Count);
    }

    [Fact]
    public async Task KeysArePerToken()
    {
        var (signer, _, _) = await Tokens.CreateAsync(_server, "sam", "signer");
        using var admin = await _server.Client.SendAsync(Tokens.Post("/v1/policy/evaluate", """{"operation":"sign_raw"}""", "shared"));
        using var other = await signer.SendAsync(Tokens.Post(Sign, """{"message":"0b"}""", "shared"));

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden, "policy-denied");
    }

    [Fact]
    public async Task TokenCreation_RefusesAKey_SoTheSecretIsNeverStoredForReplay()
    {
        using var response = await _server.Client.SendAsync(Tokens.Post("/v1/tokens", """{"name":"bot","role":"signer"}""", "token-1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "idempotency-not-supported", "Idempotency-Key");
        Assert.Empty(await _server.Governance.ListTokensAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task InvalidKey_Is400NamingTheHeader(string key)
    {
        var request = Tokens.Post(Sign, """{"message":"00"}""");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await _server.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-idempotency-key", "Idempotency-Key");
        Assert.Empty(_server.Operations.Calls);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static class Doubles
    {
        public const string FailingKeyId = TestDoubles.RecordingKeyOperations.FailingKeyId;
    }
}
