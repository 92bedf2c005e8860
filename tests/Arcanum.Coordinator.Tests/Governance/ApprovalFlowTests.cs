using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.Api;
using Arcanum.Coordinator.Tests.TestDoubles;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>
/// Requests that need approval: 202 with the request, nothing runs until the quorum; each approver decides once;
/// the initiator and tokens that are not listed cannot decide; a decision on another payload hash is refused; one
/// rejection ends the request; expiry ends it; at the quorum the operation runs once with the approvals as
/// evidence bound to the request's payload hash, and the request ends completed with the answer.
/// </summary>
public sealed class ApprovalFlowTests : IAsyncLifetime
{
    private const string Policy = """
        {"rules":[
          {"id":"two-approvers","operation":"sign_raw","keys":["key-ed25519"],"initiators":["signer","admin"],"action":"require_approval",
           "approval":{"approvers":["approver","bootstrap"],"quorum":2,"expiresIn":600}}]}
        """;

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);

    private ApiServer _server = null!;
    private HttpClient _signer = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync(time: _time);
        using (var put = await _server.Client.PutAsync("/v1/policy", Tokens.Json(Policy)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        _signer = (await Tokens.CreateAsync(_server, "sam", "signer")).Client;
        _alice = (await Tokens.CreateAsync(_server, "alice", "approver")).Client;
        _bob = (await Tokens.CreateAsync(_server, "bob", "approver")).Client;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task QuorumReached_RunsOnceWithEvidence_AndCompletesWithTheAnswer()
    {
        var pending = await RequestAsync("68656c6c6f");
        Assert.Equal("pending_approval", pending.Status);
        Assert.Equal(2, pending.Requires.Quorum);
        Assert.Empty(_server.Operations.Calls);

        var shown = (await _alice.GetFromJsonAsync<RequestInfo>($"/v1/requests/{pending.RequestId}"))!;
        Assert.Equal("sign_raw", shown.Operation);
        Assert.Equal("sam", shown.Initiator);
        Assert.Equal("68656c6c6f", shown.Payload.GetProperty("payload").GetString());

        var afterAlice = await DecideAsync(_alice, pending.RequestId, approve: true, shown.PayloadHash);
        Assert.Equal("pending_approval", afterAlice.Status);
        Assert.Empty(_server.Operations.Calls);
        using (var again = await _alice.PostAsync($"/v1/requests/{pending.RequestId}/approve", null))
        {
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "already-decided", "id");
        }

        var done = await DecideAsync(_bob, pending.RequestId, approve: true);

        Assert.Equal("completed", done.Status);
        Assert.Equal(new string('a', 128), done.Result!.Value.GetProperty("signature").GetString());
        Assert.Equal(["alice", "bob"], done.Approvals.Select(a => a.Approver));
        var call = Assert.Single(_server.Operations.Calls);
        Assert.Equal(Convert.FromHexString("68656c6c6f"), call.Payload);
        var evidence = call.Approval!;
        Assert.Equal(pending.RequestId, evidence.RequestId);
        Assert.Equal(2u, evidence.Quorum);
        Assert.Equal(shown.PayloadHash, Convert.ToHexStringLower(SHA256.HashData(evidence.Statement.Span)));
        Assert.All(evidence.Approvals, a => Assert.Equal(shown.PayloadHash, Convert.ToHexStringLower(a.StatementHash.Span)));
        using var statement = JsonDocument.Parse(evidence.Statement.Memory);
        Assert.Equal(["68656c6c6f"], statement.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
        using var late = await _bob.PostAsync($"/v1/requests/{pending.RequestId}/reject", null);
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "request-not-pending", "id");
    }

    [Fact]
    public async Task InitiatorCannotApprove_NorATokenThatIsNotListed_NorWithAnotherPayloadHash()
    {
        var byAdmin = await RequestAsync("01", _server.Client);
        using var self = await _server.Client.PostAsync($"/v1/requests/{byAdmin.RequestId}/approve", null);
        await ProblemAssert.IsProblemAsync(self, HttpStatusCode.Forbidden, "self-approval", "Authorization");

        var pending = await RequestAsync("02");
        var (carol, _, _) = await Tokens.CreateAsync(_server, "carol", "auditor");
        using var auditor = await carol.PostAsync($"/v1/requests/{pending.RequestId}/approve", null);
        await ProblemAssert.IsProblemAsync(auditor, HttpStatusCode.Forbidden, "forbidden", "Authorization");

        using var wrongHash = await _alice.PostAsync($"/v1/requests/{pending.RequestId}/approve", Tokens.Json($$"""{"payloadHash":"{{new string('0', 64)}}"}"""));
        await ProblemAssert.IsProblemAsync(wrongHash, HttpStatusCode.Conflict, "payload-hash-mismatch", "payloadHash");
        Assert.Empty(_server.Operations.Calls);
        Assert.Empty((await _alice.GetFromJsonAsync<RequestInfo>($"/v1/requests/{pending.RequestId}"))!.Approvals);
    }

    [Fact]
    public async Task OneRejection_EndsTheRequest()
    {
        var pending = await RequestAsync("03");

        var rejected = await DecideAsync(_alice, pending.RequestId, approve: false);
        using var approve = await _bob.PostAsync($"/v1/requests/{pending.RequestId}/approve", null);

        Assert.Equal("rejected", rejected.Status);
        Assert.Equal("rejected by alice", rejected.Reason);
        await ProblemAssert.IsProblemAsync(approve, HttpStatusCode.Conflict, "request-not-pending", "id");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task Expiry_EndsTheRequestExpired()
    {
        var pending = await RequestAsync("04");
        await DecideAsync(_alice, pending.RequestId, approve: true);

        _time.Advance(TimeSpan.FromSeconds(600));
        var shown = (await _bob.GetFromJsonAsync<RequestInfo>($"/v1/requests/{pending.RequestId}"))!;
        using var approve = await _bob.PostAsync($"/v1/requests/{pending.RequestId}/approve", null);

        Assert.Equal("expired", shown.Status);
        await ProblemAssert.IsProblemAsync(approve, HttpStatusCode.Conflict, "request-not-pending", "id");
        Assert.Empty(_server.Operations.Calls);
    }

    [Fact]
    public async Task ChangedPayload_IsANewRequest_WithAnotherHash()
    {
        var first = await RequestAsync("05");
        var changed = await RequestAsync("06");

        var one = (await _alice.GetFromJsonAsync<RequestInfo>($"/v1/requests/{first.RequestId}"))!;
        var two = (await _alice.GetFromJsonAsync<RequestInfo>($"/v1/requests/{changed.RequestId}"))!;
        var listed = (await _alice.GetFromJsonAsync<RequestInfo[]>("/v1/requests?status=pending_approval"))!;

        Assert.NotEqual(first.RequestId, changed.RequestId);
        Assert.NotEqual(one.PayloadHash, two.PayloadHash);
        Assert.Equal(2, listed.Length);
        Assert.All(listed, r => Assert.Equal("pending_approval", r.Status));
    }

    private async Task<PendingRequestResponse> RequestAsync(string messageHex, HttpClient? initiator = null)
    {
        using var response = await (initiator ?? _signer).PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json($$"""{"message":"{{messageHex}}"}"""));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PendingRequestResponse>())!;
    }

    private static async Task<RequestInfo> DecideAsync(HttpClient approver, string requestId, bool approve, string? payloadHash = null)
    {
        var body = payloadHash is null ? null : Tokens.Json($$"""{"payloadHash":"{{payloadHash}}"}""");
        using var response = await approver.PostAsync($"/v1/requests/{requestId}/{(approve ? "approve" : "reject")}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RequestInfo>())!;
    }
}
