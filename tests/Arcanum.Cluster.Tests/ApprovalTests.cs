using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Governance against the real cluster: an operation that policy sends for approval runs only at the quorum, with
/// the approvals carried to the nodes as evidence (a node refuses a session whose evidence does not match), and the
/// signature it produces verifies independently; a token that is not a listed approver cannot decide; the audit
/// chain verifies after it.
/// </summary>
[Collection(FiveNodeCollection.Name)]
public sealed class ApprovalTests(FiveNodeCluster fixture)
{
    private ArcanumClient Admin => fixture.Cluster.Client;

    [Fact]
    public async Task RawSignatureAndTransaction_NeedTwoApprovals_ThenVerifyIndependently()
    {
        var key = await Admin.CreateKeyAsync(new CreateKeyRequest("approvals-ecdsa", KeySchemes.EcdsaSecp256k1, 2, 3));
        var policy = $$$"""
            {"rules":[
              {"id":"admin-may-do-everything","operation":["sign_raw","sign_transaction","sign_message","key_create","key_destroy","reshare"],"initiators":["admin"],"action":"allow"},
              {"id":"needs-two","operation":["sign_raw","sign_transaction"],"keys":["{{{key.Id}}}"],"initiators":["signer"],"action":"require_approval",
               "approval":{"approvers":["approver"],"quorum":2,"expiresIn":600}},
              {"id":"approvers-sign-too","operation":["sign_raw"],"keys":["{{{key.Id}}}"],"initiators":["approvals-carol"],"action":"require_approval",
               "approval":{"approvers":["approver"],"quorum":1,"expiresIn":600}}]}
            """;
        await Admin.PutPolicyAsync(JsonDocument.Parse(policy).RootElement);
        using var signer = await ClientWithAsync("approvals-signer", "signer");
        using var alice = await ClientWithAsync("approvals-alice", "approver");
        using var bob = await ClientWithAsync("approvals-bob", "approver");
        using var carol = await ClientWithAsync("approvals-carol", "signer");

        var digest = SHA256.HashData("pay bob 5"u8);
        var raw = await Assert.ThrowsAsync<ArcanumApprovalPendingException>(() => signer.SignAsync(key.Id, new SignRequest(Digest: Convert.ToHexStringLower(digest), Path: "m/1")));
        var address = (await Admin.GetAddressAsync(key.Id, "ethereum")).Address;
        var transfer = JsonDocument.Parse("""{"type":"0x2","chainId":"1","nonce":"0","to":"0x000000000000000000000000000000000000dEaD","value":"1","data":"0x","gas":"21000","maxFeePerGas":"2","maxPriorityFeePerGas":"1"}""").RootElement;
        var tx = await Assert.ThrowsAsync<ArcanumApprovalPendingException>(() => signer.SignTransactionAsync(key.Id, new TransactionRequest("ethereum", Transaction: transfer)));

        var outsider = await Assert.ThrowsAsync<ArcanumApiException>(() => Admin.DecideAsync(raw.Pending.RequestId, approve: true));
        Assert.Equal(403, outsider.Status);
        Assert.EndsWith("not-an-approver", outsider.Problem.Type, StringComparison.Ordinal);
        Assert.Equal("pending_approval", (await alice.DecideAsync(raw.Pending.RequestId, approve: true)).Status);
        var signed = await bob.DecideAsync(raw.Pending.RequestId, approve: true);
        await alice.DecideAsync(tx.Pending.RequestId, approve: true);
        var sent = await bob.DecideAsync(tx.Pending.RequestId, approve: true);

        Assert.Equal("completed", signed.Status);
        var signature = signed.Result!.Value.Deserialize(ApiJsonContext.Default.SignResponse)!;
        IndependentVerifier.AssertValid(KeySchemes.EcdsaSecp256k1, digest, signature);
        Assert.Equal(IndependentVerifier.ChildPublicKey(key, "m/1"), signature.PublicKey);
        Assert.Equal("completed", sent.Status);
        var verdicts = await ChainVerifiers.VerifyAllAsync(
            [new { op = "verify", family = "evm", signedTransaction = sent.Result!.Value.GetProperty("signedTransaction").GetString(), address, chainId = "1" }]);
        Assert.True(verdicts[0].Ok, verdicts[0].Reason);
        Assert.True((await Admin.VerifyAuditAsync()).Ok);
    }

    [Fact]
    public async Task ChangedPayload_IsANewRequest_AndTheInitiatorCannotDecide()
    {
        var key = await Admin.CreateKeyAsync(new CreateKeyRequest("approvals-payloads", KeySchemes.FrostEd25519, 2, 3));
        await Admin.PutPolicyAsync(JsonDocument.Parse($$$"""
            {"rules":[
              {"id":"admin-may-do-everything","operation":["sign_raw","sign_transaction","sign_message","key_create","key_destroy","reshare"],"initiators":["admin"],"action":"allow"},
              {"id":"even-admin-asks","operation":["sign_raw"],"keys":["{{{key.Id}}}"],"initiators":["admin"],"action":"require_approval",
               "approval":{"approvers":["admin","approver"],"quorum":1,"expiresIn":600}}]}
            """).RootElement);
        using var dave = await ClientWithAsync("approvals-dave", "approver");

        var first = await Assert.ThrowsAsync<ArcanumApprovalPendingException>(() => Admin.SignAsync(key.Id, new SignRequest(Message: "0101")));
        var changed = await Assert.ThrowsAsync<ArcanumApprovalPendingException>(() => Admin.SignAsync(key.Id, new SignRequest(Message: "0102")));
        var self = await Assert.ThrowsAsync<ArcanumApiException>(() => Admin.DecideAsync(first.Pending.RequestId, approve: true));
        var one = await dave.GetRequestAsync(first.Pending.RequestId);
        var two = await dave.GetRequestAsync(changed.Pending.RequestId);
        var done = await dave.DecideAsync(changed.Pending.RequestId, approve: true, two.PayloadHash);

        Assert.NotEqual(first.Pending.RequestId, changed.Pending.RequestId);
        Assert.NotEqual(one.PayloadHash, two.PayloadHash);
        Assert.Equal(403, self.Status);
        Assert.EndsWith("self-approval", self.Problem.Type, StringComparison.Ordinal);
        Assert.Equal("pending_approval", (await dave.GetRequestAsync(first.Pending.RequestId)).Status);
        Assert.Equal("completed", done.Status);
        IndependentVerifier.AssertValid(KeySchemes.FrostEd25519, [0x01, 0x02], done.Result!.Value.Deserialize(ApiJsonContext.Default.SignResponse)!);
    }

    [Fact]
    public async Task RequestWithoutQuorumInTime_EndsExpired_AndCannotBeApprovedAnymore()
    {
        var key = await Admin.CreateKeyAsync(new CreateKeyRequest("approvals-expiry", KeySchemes.FrostEd25519, 2, 3));
        await Admin.PutPolicyAsync(JsonDocument.Parse($$$"""
            {"rules":[
              {"id":"admin-may-do-everything","operation":["sign_raw","sign_transaction","sign_message","key_create","key_destroy","reshare"],"initiators":["admin"],"action":"allow"},
              {"id":"shortest-wait","operation":["sign_raw"],"keys":["{{{key.Id}}}"],"initiators":["admin"],"action":"require_approval",
               "approval":{"approvers":["approver"],"quorum":1,"expiresIn":60}}]}
            """).RootElement);
        using var gina = await ClientWithAsync("approvals-gina", "approver");
        var pending = await Assert.ThrowsAsync<ArcanumApprovalPendingException>(() => Admin.SignAsync(key.Id, new SignRequest(Message: "0103")));

        await Task.Delay(TimeSpan.FromSeconds(61));
        var expired = await gina.GetRequestAsync(pending.Pending.RequestId);
        var late = await Assert.ThrowsAsync<ArcanumApiException>(() => gina.DecideAsync(pending.Pending.RequestId, approve: true));

        Assert.Equal("expired", expired.Status);
        Assert.Equal(409, late.Status);
        Assert.Null(expired.Result);
    }

    private async Task<ArcanumClient> ClientWithAsync(string name, string role)
    {
        var existing = (await Admin.ListTokensAsync()).Where(t => t.Name == name && t.RevokedAt is null);
        foreach (var token in existing)
        {
            await Admin.RevokeTokenAsync(token.Accessor);
        }

        var created = await Admin.CreateTokenAsync(new CreateTokenRequest(name, role));
        return new ArcanumClient(fixture.Cluster.Address, created.Token);
    }
}
