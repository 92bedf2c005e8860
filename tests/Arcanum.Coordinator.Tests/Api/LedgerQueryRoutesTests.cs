using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.Queries;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// The module queries under /v1/ledger: their answers over a block made from transactions submitted through the API,
/// proofs that a client verifies with only the committee key (the recomputed answer equals the returned one; one
/// flipped byte fails), and every 400 naming its field.
/// </summary>
public sealed class LedgerQueryRoutesTests : IAsyncLifetime
{
    private const string Group = "group:team";

    private LedgerTestHost _host = null!;

    private LedgerServiceDouble Ledger => _host.Ledger;

    private string Alice => Ledger.Id("alice").ToBech32();

    private string Bob => Ledger.Id("bob").ToBech32();

    public async Task InitializeAsync() => _host = await LedgerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Queries_AfterABlock_AnswerTheFinalizedState()
    {
        await MakeBlockAsync();

        var account = await AnswerAsync<AccountView>($"/v1/ledger/accounts/{Alice}");
        var keystore = await AnswerAsync<KeystoreView>($"/v1/ledger/keystore/{Bob}");
        var resource = await AnswerAsync<ResourceView>($"/v1/ledger/access/resources/{Group}");
        var bobAllowed = await AnswerAsync<AccessCheckView>($"/v1/ledger/access/resources/{Group}/check/{Bob}");
        var daveAllowed = await AnswerAsync<AccessCheckView>($"/v1/ledger/access/resources/{Group}/check/{Ledger.Id("dave").ToHex()}");
        var inbox = await AnswerAsync<MessagesView>($"/v1/ledger/messages/{Bob}");
        var group = await AnswerAsync<MessagesView>($"/v1/ledger/messages/groups/{Group}");

        Assert.All(new long[] { account.Height, keystore.Height, resource.Height, bobAllowed.Height, inbox.Height, group.Height }, h => Assert.Equal(1, h));
        Assert.Null(account.Proof);
        Assert.Equal(new AccountView(Alice, 10_000 - 40, 5), account.Value);
        Assert.True(keystore.Value.Registered);
        Assert.Equal(Convert.ToHexStringLower(Filled(2)), keystore.Value.EncryptionKey);
        Assert.Equal(Alice, resource.Value.Owner);
        Assert.Equal(new[] { Bob, Ledger.Id("carol").ToBech32() }.Order(StringComparer.Ordinal), resource.Value.Grantees.Order(StringComparer.Ordinal));
        Assert.True(bobAllowed.Value.Allowed);
        Assert.Equal(LedgerServiceDouble.StartTime + LedgerServiceDouble.BlockIntervalMs, bobAllowed.Value.AtTime);
        Assert.False(daveAllowed.Value.Allowed);
        Assert.Equal(Ledger.Id("dave").ToBech32(), daveAllowed.Value.Account);
        var message = Assert.Single(inbox.Value.Messages);
        Assert.Equal(Alice, message.Sender);
        Assert.Equal(Convert.ToHexStringLower(Filled(9)), message.Envelope);
        Assert.Equal(Ledger.Id("carol").ToBech32(), Assert.Single(group.Value.Messages).Sender);
    }

    [Fact]
    public async Task Messages_AfterAndLimit_PageTheInbox()
    {
        await _host.SubmitAsync(Ledger.Sign("bob", "keystore", "register_key", new RegisterKeyArgs(Filled(2), Filled(4)).Encode()));
        for (var i = 0; i < 3; i++)
        {
            await _host.SubmitAsync(Ledger.Sign("alice", "messages", "send_message", new SendMessageArgs(MessageTarget.ToAccount(Ledger.Id("bob")), Filled(i)).Encode()));
        }

        Ledger.FinalizeBlock();

        var first = await AnswerAsync<MessagesView>($"/v1/ledger/messages/{Bob}?limit=2");
        var rest = await AnswerAsync<MessagesView>($"/v1/ledger/messages/{Bob}?after={first.Value.Messages[^1].Sequence}&limit=100");

        Assert.Equal(2, first.Value.Messages.Count);
        Assert.Equal(3UL, first.Value.LastSequence);
        Assert.Equal(first.Value.Messages[^1].Sequence + 1, Assert.Single(rest.Value.Messages).Sequence);
    }

    [Theory]
    [InlineData("accounts")]
    [InlineData("keystore")]
    [InlineData("resource")]
    [InlineData("check")]
    [InlineData("inbox")]
    [InlineData("group")]
    public async Task Proof_RecomputedWithOnlyTheCommitteeKey_EqualsTheAnswer_AndAFlippedByteFails(string query)
    {
        await MakeBlockAsync();
        var (path, recompute) = Route(query);

        using var response = await _host.Client.GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "proof=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var proof = answer.GetProperty("proof").Deserialize<LedgerProof>(LedgerTestHost.Web)!;
        Assert.Equal(1, proof.Height);
        Assert.Equal(LedgerServiceDouble.ChainId, proof.ChainId);

        var view = Verify(proof.Proofs);
        Assert.NotNull(view);
        var recomputed = recompute(view, view.Header.Header.TimeUnixMilliseconds);
        Assert.Equal(answer.GetProperty("value").GetRawText(), JsonSerializer.Serialize(recomputed, recomputed.GetType(), LedgerTestHost.Contract));

        var random = new Random(query.Length);
        for (var trial = 0; trial < 24; trial++)
        {
            var index = random.Next(proof.Proofs.Count);
            var bytes = Convert.FromHexString(proof.Proofs[index]);
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            var tampered = proof.Proofs.Select((p, i) => i == index ? Convert.ToHexStringLower(bytes) : p).ToList();
            var tamperedView = Verify(tampered);
            if (tamperedView is not null)
            {
                // The proofs still verify only when the flip moved a proof to another key: the query then reads a key nothing proves.
                Assert.Throws<UnprovenKeyException>(() => recompute(tamperedView, tamperedView.Header.Header.TimeUnixMilliseconds));
            }
        }
    }

    [Fact]
    public async Task Proof_WhileOnlyGenesisExists_409()
    {
        using var withProof = await _host.Client.GetAsync($"/v1/ledger/accounts/{Alice}?proof=true");
        var withoutProof = await AnswerAsync<AccountView>($"/v1/ledger/accounts/{Alice}?proof=false");

        await ProblemAssert.IsProblemAsync(withProof, HttpStatusCode.Conflict, "ledger-no-finalized-block");
        Assert.Equal(0, withoutProof.Height);
        Assert.Equal(10_000UL, withoutProof.Value.Balance);
    }

    [Theory]
    [InlineData("/v1/ledger/accounts/arc1nope", "account")]
    [InlineData("/v1/ledger/accounts/ABCDEF", "account")]
    [InlineData("/v1/ledger/keystore/alice", "account")]
    [InlineData("/v1/ledger/access/resources/Has%20Space", "resourceId")]
    [InlineData("/v1/ledger/access/resources/UPPER/check/arc1nope", "resourceId")]
    [InlineData("/v1/ledger/messages/xyz", "account")]
    [InlineData("/v1/ledger/messages/groups/%E2%82%AC", "resourceId")]
    [InlineData("/v1/ledger/accounts/{alice}?proof=yes", "proof")]
    [InlineData("/v1/ledger/accounts/{alice}?proof=", "proof")]
    [InlineData("/v1/ledger/accounts/{alice}?proof=true&proof=true", "proof")]
    [InlineData("/v1/ledger/accounts/{alice}?proof=True", "proof")]
    [InlineData("/v1/ledger/messages/{alice}?limit=0", "limit")]
    [InlineData("/v1/ledger/messages/{alice}?limit=101", "limit")]
    [InlineData("/v1/ledger/messages/{alice}?limit=-1", "limit")]
    [InlineData("/v1/ledger/messages/{alice}?after=-1", "after")]
    [InlineData("/v1/ledger/messages/{alice}?after=18446744073709551616", "after")]
    [InlineData("/v1/ledger/messages/groups/g?after=1&after=2", "after")]
    public async Task Query_BadInput_400NamingTheField(string path, string field)
    {
        using var response = await _host.Client.GetAsync(path.Replace("{alice}", Alice, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
    }

    [Fact]
    public async Task Check_BothInputsBad_ReportsBoth()
    {
        using var response = await _host.Client.GetAsync("/v1/ledger/access/resources/UPPER/check/nobody?proof=maybe");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "resourceId");
        Assert.Equal(["resourceId", "account", "proof"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>Block 1: keys for alice and bob, alice's group with bob and carol granted, a transfer, a message to bob, carol's group message.</summary>
    private async Task MakeBlockAsync()
    {
        var group = ResourceId.Create(Group);
        await _host.SubmitAsync(Ledger.Sign("alice", "keystore", "register_key", new RegisterKeyArgs(Filled(1), Filled(3)).Encode()));
        await _host.SubmitAsync(Ledger.Sign("bob", "keystore", "register_key", new RegisterKeyArgs(Filled(2), Filled(4)).Encode()));
        await _host.SubmitAsync(Ledger.Sign("alice", "access", "register_resource", new RegisterResourceArgs(group, PrivacyLevel.Confidential).Encode()));
        await _host.SubmitAsync(Ledger.Sign("alice", "access", "batch_grant", BatchGrantArgs.Create(group, [Ledger.Id("bob"), Ledger.Id("carol")], null).Encode()));
        await _host.SubmitAsync(Ledger.Sign("alice", "accounts", "transfer", new TransferArgs(Ledger.Id("carol"), 40).Encode()));
        await _host.SubmitAsync(Ledger.Sign("alice", "messages", "send_message", new SendMessageArgs(MessageTarget.ToAccount(Ledger.Id("bob")), Filled(9)).Encode()));
        await _host.SubmitAsync(Ledger.Sign("carol", "messages", "send_message", new SendMessageArgs(MessageTarget.ToGroup(group), Filled(8)).Encode()));
        var block = Ledger.FinalizeBlock();
        Assert.Equal(7, block.Block.Transactions.Count);
    }

    /// <summary>A route and the same query a client runs over the proven state (for check, at the proven header's time).</summary>
    private (string Path, Func<ProvenStateView, ulong, object> Recompute) Route(string query)
    {
        var alice = Ledger.Id("alice");
        var bob = Ledger.Id("bob");
        var group = ResourceId.Create(Group);
        return query switch
        {
            "accounts" => ($"/v1/ledger/accounts/{Alice}", (view, _) => LedgerQueries.Account(view, alice)),
            "keystore" => ($"/v1/ledger/keystore/{Bob}", (view, _) => LedgerQueries.Keystore(view, bob)),
            "resource" => ($"/v1/ledger/access/resources/{Group}", (view, _) => LedgerQueries.Resource(view, group)),
            "check" => ($"/v1/ledger/access/resources/{Group}/check/{Bob}", (view, time) => LedgerQueries.CheckAccess(view, group, bob, time)),
            "inbox" => ($"/v1/ledger/messages/{Bob}?limit=10", (view, _) => LedgerQueries.Inbox(view, bob, 0, 10)),
            _ => ($"/v1/ledger/messages/groups/{Group}", (view, _) => LedgerQueries.Group(view, group, 0, LedgerQueries.MaxMessages)),
        };
    }

    /// <summary>What a client holding only the committee key does: decode every proof and verify them together; null when anything fails.</summary>
    private ProvenStateView? Verify(IReadOnlyList<string> proofs)
    {
        var decoded = new List<QueryProof>();
        foreach (var hex in proofs)
        {
            if (!QueryProof.TryDecode(Convert.FromHexString(hex), out var proof, out _))
            {
                return null;
            }

            decoded.Add(proof);
        }

        return ProvenStateView.TryCreate(Ledger.Committee.PublicKey, LedgerServiceDouble.ChainId, decoded, out var view, out _) ? view : null;
    }

    private async Task<LedgerAnswer<T>> AnswerAsync<T>(string path)
    {
        using var response = await _host.Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LedgerAnswer<T>>(LedgerTestHost.Web))!;
    }

    private static byte[] Filled(int tag) => [.. Enumerable.Range(0, 32).Select(j => (byte)((tag * 31) + j))];
}
