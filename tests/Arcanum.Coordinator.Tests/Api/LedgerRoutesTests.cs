using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.Governance;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// POST /v1/ledger/transactions, GET transactions/{hash}, blocks, status and genesis: success shapes, every 400, 404,
/// 413, 415 and 503, roles, the body limit boundary, and that a submission writes no audit entry.
/// </summary>
public sealed class LedgerRoutesTests : IAsyncLifetime
{
    private LedgerTestHost _host = null!;

    private LedgerServiceDouble Ledger => _host.Ledger;

    public async Task InitializeAsync() => _host = await LedgerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submit_ValidTransaction_202PendingThenIncludedAfterTheBlock()
    {
        var transaction = Transfer("alice", "bob", 25);

        using var response = await _host.Client.PostAsync("/v1/ledger/transactions", LedgerTestHost.Json(TransactionJson.Write(transaction)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = (await response.Content.ReadFromJsonAsync<LedgerSubmitResponse>(LedgerTestHost.Web))!;
        var hash = Convert.ToHexStringLower(transaction.Hash());
        Assert.Equal(new LedgerSubmitResponse(hash, "pending"), submitted);
        Assert.Equal($"/v1/ledger/transactions/{hash}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", (await StatusOfAsync(hash)).GetProperty("status").GetString());

        Ledger.FinalizeBlock();

        var included = await StatusOfAsync(hash);
        Assert.Equal("included", included.GetProperty("status").GetString());
        Assert.Equal(1, included.GetProperty("height").GetInt64());
        Assert.Equal(0, included.GetProperty("index").GetInt32());
        var transfer = Assert.Single(included.GetProperty("events").EnumerateArray());
        Assert.Equal("accounts", transfer.GetProperty("module").GetString());
        Assert.Equal("transfer", transfer.GetProperty("name").GetString());
        Assert.False(included.TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Submit_UpperCaseHashLookup_FindsTheTransaction()
    {
        var submitted = await _host.SubmitAsync(Transfer("alice", "bob", 1));

        using var response = await _host.Client.GetAsync($"/v1/ledger/transactions/{submitted.Hash.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(submitted.Hash, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Submit_SkippedNonce_RejectedWithReasonAfterTheBlock()
    {
        var submitted = await _host.SubmitAsync(Ledger.Sign("alice", "accounts", "transfer", new TransferArgs(Ledger.Id("bob"), 1).Encode(), nonce: 7));

        Ledger.FinalizeBlock();

        var rejected = await StatusOfAsync(submitted.Hash);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(1, rejected.GetProperty("height").GetInt64());
        Assert.False(string.IsNullOrEmpty(rejected.GetProperty("reason").GetString()));
        Assert.False(rejected.TryGetProperty("index", out _));
        using var resubmitted = await _host.Client.PostAsync("/v1/ledger/transactions",
            LedgerTestHost.Json(TransactionJson.Write(Ledger.Sign("alice", "accounts", "transfer", new TransferArgs(Ledger.Id("bob"), 1).Encode(), nonce: 7))));
        Assert.Equal("rejected", (await resubmitted.Content.ReadFromJsonAsync<LedgerSubmitResponse>(LedgerTestHost.Web))!.Status);
    }

    [Theory]
    [InlineData("extra", "is not a transaction field")]
    [InlineData("nonce", "negative")]
    [InlineData("nonce", "missing")]
    [InlineData("args", "upper")]
    [InlineData("sender", "bad")]
    [InlineData("signature", "short")]
    [InlineData("chainId", "number")]
    [InlineData("module", "twice")]
    public async Task Submit_BadField_400NamingTheField(string field, string fault)
    {
        var json = Encoding.UTF8.GetString(TransactionJson.Write(Transfer("alice", "bob", 1)));
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var text = (field, fault) switch
        {
            ("extra", _) => json[..^1] + ",\"extra\":1}",
            ("nonce", "negative") => Replace(node, "nonce", -1),
            ("nonce", _) => Without(node, "nonce"),
            ("args", _) => Replace(node, "args", node["args"]!.GetValue<string>().ToUpperInvariant() + "AB"),
            ("sender", _) => Replace(node, "sender", "arc1nope"),
            ("signature", _) => Replace(node, "signature", "00"),
            ("chainId", _) => Replace(node, "chainId", 5),
            _ => json[..^1] + ",\"module\":\"accounts\"}",
        };

        using var response = await _host.Client.PostAsync("/v1/ledger/transactions", LedgerTestHost.Json(text));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, Ledger.Submissions);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("{\"chainId\":\"arcanum-test\"} {}")]
    public async Task Submit_NotATransactionObject_400Body(string body)
    {
        using var response = await _host.Client.PostAsync("/v1/ledger/transactions", LedgerTestHost.Json(body));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "body");
        Assert.Equal(0, Ledger.Submissions);
    }

    [Fact]
    public async Task Submit_BadSignature_400FromTheServiceNamingSignature()
    {
        var genuine = Transfer("alice", "bob", 1);
        var forged = Ledger.Sign("carol", "accounts", "transfer", new TransferArgs(Ledger.Id("carol"), 2).Encode(), nonce: 0);
        Assert.True(Transaction.TryCreate(genuine.ChainId, genuine.Sender, genuine.Nonce, genuine.Module, genuine.Call, genuine.Args, forged.Signature, out var tampered, out _));

        using var response = await _host.Client.PostAsync("/v1/ledger/transactions", LedgerTestHost.Json(TransactionJson.Write(tampered)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-transaction", "signature");
        Assert.Equal(0, (await Ledger.GetStatusAsync(CancellationToken.None)).Pending);
    }

    [Fact]
    public async Task Submit_TextPlain_415()
    {
        using var response = await _host.Client.PostAsync("/v1/ledger/transactions",
            new StringContent(Encoding.UTF8.GetString(TransactionJson.Write(Transfer("alice", "bob", 1))), Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "body");
        Assert.Equal(0, Ledger.Submissions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Submit_BodyOfExactlyMaxLength_Accepted_OneByteMore_413(bool chunked)
    {
        Assert.True(TransactionJson.MaxLength > 64 * 1024, "the ledger's limit is above the global one");
        var transaction = Transfer("alice", "bob", 3);
        var json = TransactionJson.Write(transaction);
        byte[] AtLength(int length) => [.. Enumerable.Repeat((byte)' ', length - json.Length), .. json];

        using var atLimit = await PostAsync(AtLength(TransactionJson.MaxLength), chunked);
        using var overLimit = await PostAsync(AtLength(TransactionJson.MaxLength + 1), chunked);

        Assert.True(HttpStatusCode.Accepted == atLimit.StatusCode, await atLimit.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(overLimit, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "body");
        Assert.Equal(1, Ledger.Submissions);
    }

    [Fact]
    public async Task Roles_SignerAndOperatorSubmit_AuditorAndApproverCannot_EveryRoleReads()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in new[] { "operator", "signer", "approver", "auditor" })
        {
            clients[role] = (await Tokens.CreateAsync(_host.Server, "ledger-" + role, role)).Client;
        }

        foreach (var (role, nonce) in new[] { ("signer", 0UL), ("operator", 1UL) })
        {
            await _host.SubmitAsync(Ledger.Sign("alice", "accounts", "transfer", new TransferArgs(Ledger.Id("bob"), 1).Encode(), nonce), clients[role]);
        }

        foreach (var role in new[] { "auditor", "approver" })
        {
            using var refused = await clients[role].PostAsync("/v1/ledger/transactions", LedgerTestHost.Json(TransactionJson.Write(Transfer("carol", "bob", 1))));
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        }

        foreach (var client in clients.Values)
        {
            using var status = await client.GetAsync("/v1/ledger/status");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        using var anonymous = _host.Server.NewClient(token: null);
        using var unauthorized = await anonymous.GetAsync("/v1/ledger/status");
        await ProblemAssert.IsProblemAsync(unauthorized, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(2, Ledger.Submissions);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000ff")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public async Task GetTransaction_NotAHash_400Hash(string hash)
    {
        using var response = await _host.Client.GetAsync($"/v1/ledger/transactions/{hash}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "hash");
    }

    [Fact]
    public async Task GetTransaction_Unknown_404()
    {
        using var response = await _host.Client.GetAsync($"/v1/ledger/transactions/{new string('a', 64)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "ledger-transaction-not-found", "hash");
    }

    [Fact]
    public async Task Blocks_GenesisThenAFinalizedBlock_DecodeAndVerify()
    {
        var genesis = await BlockAsync("/v1/ledger/blocks/0");
        Assert.Equal(0, genesis.Height);
        Assert.Null(genesis.Signature);
        Assert.Empty(genesis.Transactions);
        Assert.True(Block.TryDecode(Convert.FromHexString(genesis.Encoded), out var genesisBlock, out _));
        Assert.Equal(genesis.Hash, Convert.ToHexStringLower(genesisBlock.Header.Hash()));
        await AssertSameBlockAsync(genesis, "/v1/ledger/blocks/latest");

        var submitted = await _host.SubmitAsync(Transfer("alice", "bob", 5));
        Ledger.FinalizeBlock();

        var block = await BlockAsync("/v1/ledger/blocks/1");
        Assert.Equal(1, block.Height);
        Assert.Equal(genesis.Hash, block.PrevHash);
        Assert.Equal(new[] { submitted.Hash }, block.Transactions);
        Assert.Equal(LedgerServiceDouble.StartTime + LedgerServiceDouble.BlockIntervalMs, (ulong)block.Time);
        Assert.True(FinalizedBlock.TryDecode(Convert.FromHexString(block.Encoded), out var finalized, out _));
        Assert.Equal(block.Hash, Convert.ToHexStringLower(finalized.Header.Hash()));
        Assert.Equal(block.StateRoot, Convert.ToHexStringLower(finalized.Header.StateRoot));
        Assert.True(CommitteeSignature.Verify(Ledger.Committee.PublicKey, LedgerServiceDouble.ChainId, finalized.Header, Convert.FromHexString(block.Signature!)));
        await AssertSameBlockAsync(block, "/v1/ledger/blocks/latest");

        using var above = await _host.Client.GetAsync("/v1/ledger/blocks/2");
        await ProblemAssert.IsProblemAsync(above, HttpStatusCode.NotFound, "ledger-block-not-found", "height");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("one")]
    [InlineData("9223372036854775808")]
    [InlineData("%201")]
    public async Task Blocks_HeightNotANonNegativeInteger_400Height(string height)
    {
        using var response = await _host.Client.GetAsync($"/v1/ledger/blocks/{height}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", "height");
    }

    [Fact]
    public async Task Blocks_HugeHeight_404()
    {
        using var response = await _host.Client.GetAsync($"/v1/ledger/blocks/{long.MaxValue}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "ledger-block-not-found", "height");
    }

    [Fact]
    public async Task Status_AfterOneBlockAndOnePooled_NamesChainKeyHeadAndPool()
    {
        await _host.SubmitAsync(Transfer("alice", "bob", 5));
        var block = Ledger.FinalizeBlock();
        await _host.SubmitAsync(Transfer("bob", "carol", 5));

        var status = (await _host.Client.GetFromJsonAsync<LedgerStatusInfo>("/v1/ledger/status", LedgerTestHost.Web))!;

        Assert.Equal(new LedgerStatusInfo(LedgerServiceDouble.ChainId, Convert.ToHexStringLower(Ledger.Committee.PublicKey.Bytes), 1,
            Convert.ToHexStringLower(block.Header.Hash()), Convert.ToHexStringLower(block.Header.StateRoot), (long)block.Header.TimeUnixMilliseconds,
            1, LedgerServiceDouble.BlockIntervalMs, LedgerServiceDouble.MaxTxPerBlock), status);
    }

    [Fact]
    public async Task Genesis_IsTheDocumentTryParseReads_PlusTheCommitteeKey()
    {
        using var response = await _host.Client.GetAsync("/v1/ledger/genesis");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var node = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(["chainId", "allocations", "committeeKey"], node.Select(p => p.Key));
        Assert.Equal(Convert.ToHexStringLower(Ledger.Committee.PublicKey.Bytes), node["committeeKey"]!.GetValue<string>());
        node.Remove("committeeKey");
        Assert.True(GenesisDocument.TryParse(Encoding.UTF8.GetBytes(node.ToJsonString()), out var parsed, out var error), error?.ToString());
        Assert.Equal(Ledger.Chain!.Genesis.Allocations, parsed.Allocations);
        Assert.Equal(LedgerServiceDouble.ChainId, parsed.ChainId);
    }

    [Fact]
    public async Task Submit_WritesNoAuditEntry_WhileATokenCreationDoes()
    {
        await _host.SubmitAsync(Transfer("alice", "bob", 5));
        using (var created = await _host.Client.PostAsync("/v1/tokens", Tokens.Json("""{"name":"audited","role":"auditor"}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var entries = await SettledAuditAsync();

        Assert.Contains(entries, e => e.Action == "CreateToken" && e.Outcome == "status 201");
        Assert.DoesNotContain(entries, e => e.Action.Contains("Ledger", StringComparison.Ordinal) || e.Target.Contains("ledger", StringComparison.Ordinal));
        Assert.Equal(1, Ledger.Submissions);
    }

    private static string Replace(System.Text.Json.Nodes.JsonObject node, string name, System.Text.Json.Nodes.JsonNode? value)
    {
        node[name] = value;
        return node.ToJsonString();
    }

    private static string Without(System.Text.Json.Nodes.JsonObject node, string name)
    {
        node.Remove(name);
        return node.ToJsonString();
    }

    private Transaction Transfer(string from, string to, ulong amount) =>
        Ledger.Sign(from, "accounts", "transfer", new TransferArgs(Ledger.Id(to), amount).Encode());

    private async Task<HttpResponseMessage> PostAsync(byte[] body, bool chunked)
    {
        HttpContent content = chunked ? new ErrorHandlingTests.ChunkedContent(body) : LedgerTestHost.Json(body);
        using (content)
        {
            return await _host.Client.PostAsync("/v1/ledger/transactions", content);
        }
    }

    private async Task<JsonElement> StatusOfAsync(string hash) =>
        await _host.Client.GetFromJsonAsync<JsonElement>($"/v1/ledger/transactions/{hash}");

    private async Task<LedgerBlockInfo> BlockAsync(string path) =>
        (await _host.Client.GetFromJsonAsync<LedgerBlockInfo>(path, LedgerTestHost.Web))!;

    /// <summary>The audit log once it has been still for 200 ms (outcome entries are queued after the answer).</summary>
    private async Task<IReadOnlyList<Arcanum.Storage.AuditEntry>> SettledAuditAsync()
    {
        var last = -1;
        for (var still = 0; still < 4;)
        {
            await Task.Delay(50);
            var count = (await _host.Server.Governance.ListAuditAsync(0, 1000)).Count;
            still = count == last ? still + 1 : 0;
            last = count;
        }

        return await _host.Server.Governance.ListAuditAsync(0, 1000);
    }

    private async Task AssertSameBlockAsync(LedgerBlockInfo expected, string path) =>
        Assert.Equal(JsonSerializer.Serialize(expected, LedgerTestHost.Web), JsonSerializer.Serialize(await BlockAsync(path), LedgerTestHost.Web));
}
