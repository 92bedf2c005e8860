using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Arcanum.Cli.Accounts;
using Arcanum.Cli.Commands;
using Arcanum.Cli.Commands.Ledger;
using Arcanum.Cli.Tests.Accounts;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Encoding;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cli.Tests.Ledger;

/// <summary>
/// The ledger commands through the real command tree against the API test double serving a real ledger's answers
/// (real proofs, headers signed by a stand-in committee key): the exact transaction each command signs, the outcome
/// it waits for, the verified queries, message sealing and opening, the committee key pins, and argument errors.
/// </summary>
public sealed class LedgerCommandTests : IAsyncLifetime, IDisposable
{
    private const string Passphrase = "ledger test passphrase";

    private readonly AccountDirectory _directory = new();
    private readonly List<Transaction> _posted = [];
    private FakeCoordinator _server = null!;
    private TestLedger _ledger = null!;
    private UnlockedAccount _alice = null!;
    private UnlockedAccount _bob = null!;

    private string PinsPath => Path.Combine(_directory.Path, "pins", "pins.json");

    public async Task InitializeAsync()
    {
        _server = await FakeCoordinator.StartAsync();
        _alice = CreateAccount("alice");
        _bob = CreateAccount("bob");
        _ledger = TestLedger.Create([_alice.Id, _bob.Id]);
        _server.Serve("POST", "/v1/ledger/transactions", Accept);
        ServeLedger();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
        _ledger.Dispose();
        _directory.Dispose();
    }

    /// <summary>What GET /v1/ledger/transactions/{hash} answers for a transaction once posted (null: pending).</summary>
    private Func<Transaction, LedgerTransactionStatus?> Outcome { get; set; } = _ => null;

    [Fact]
    public async Task Transfer_NoWait_SignsTheTransferWithTheVerifiedNextNonce()
    {
        Commit(_alice, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(_bob.Id, 5).Encode());

        var run = await RunAsync("transfer", "--as", "alice", "--to", _bob.Id.ToBech32(), "25", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        var transaction = Assert.Single(_posted);
        Assert.Equal((TestLedger.ChainId, 1UL, AccountsModule.ModuleName, AccountsModule.Transfer), (transaction.ChainId, transaction.Nonce, transaction.Module, transaction.Call));
        Assert.Equal(_alice.Id, transaction.Sender);
        Assert.True(transaction.VerifySignature());
        Assert.True(TransferArgs.TryDecode(transaction.Args, out var args));
        Assert.Equal((_bob.Id, 25UL), (args.To, args.Amount));
        Assert.Contains($"hash    {Hex.Encode(transaction.Hash())}", run.Output, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Path == "/v1/ledger/accounts/" + _alice.Id.ToBech32() && r.Query == "?proof=true");
        Assert.DoesNotContain(_server.Requests, r => r.Path.StartsWith("/v1/ledger/transactions/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transfer_ToLocalName_WaitsAndPrintsTheIncludedHeightAndEvents()
    {
        Outcome = transaction => new LedgerTransactionStatus(Hex.Encode(transaction.Hash()), "included", 7, 0,
            [new LedgerEventInfo("accounts", "transfer", [new LedgerEventAttribute("amount", "3")])]);

        var run = await RunAsync("transfer", "--as", "alice", "--to", "bob", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.True(TransferArgs.TryDecode(Assert.Single(_posted).Args, out var args));
        Assert.Equal(_bob.Id, args.To);
        Assert.Contains("status  included", run.Output, StringComparison.Ordinal);
        Assert.Contains("height  7", run.Output, StringComparison.Ordinal);
        Assert.Contains("event   accounts/transfer amount=3", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_Rejected_PrintsReasonAsJsonAndExitsOne()
    {
        Outcome = transaction => new LedgerTransactionStatus(Hex.Encode(transaction.Hash()), "rejected", 7, Reason: "insufficient_balance", Detail: "The sender holds 1000.");

        var run = await RunAsync("transfer", "--as", "alice", "--to", "bob", "5000", "--json");

        Assert.Equal(1, run.ExitCode);
        var status = JsonSerializer.Deserialize(run.Output, LedgerJsonContext.Default.LedgerTransactionStatus)!;
        Assert.Equal(("rejected", "insufficient_balance", Hex.Encode(Assert.Single(_posted).Hash())), (status.Status, status.Reason, status.Hash));
    }

    [Fact]
    public async Task Transfer_StillPendingAtTheTimeout_ExitsOneAfterPolling()
    {
        var run = await RunAsync("transfer", "--as", "alice", "--to", "bob", "5", "--timeout", "350ms");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("still pending after 0.35 s", run.Error, StringComparison.Ordinal);
        Assert.True(_server.Requests.Count(r => r.Path.StartsWith("/v1/ledger/transactions/", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task KeystoreRegister_SignsTheAccountFilesKeys()
    {
        var run = await RunAsync("keystore", "register", "--as", "alice", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        var transaction = Assert.Single(_posted);
        Assert.Equal((KeystoreModule.ModuleName, KeystoreModule.RegisterKey), (transaction.Module, transaction.Call));
        Assert.True(RegisterKeyArgs.TryDecode(transaction.Args, out var args));
        Assert.Equal(_alice.CurrentEncryptionKey.PrivateKey.PublicKey.ToString(), Hex.Encode(args.EncryptionKey));
        Assert.Equal(_alice.Id.ToHex(), Hex.Encode(args.SigningKey));
    }

    [Fact]
    public async Task KeystoreRotate_AddsVersionTwoToTheFileAndPublishesIt()
    {
        RegisterOnLedger(_alice);

        var run = await RunAsync("keystore", "rotate", "--as", "alice", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        var transaction = Assert.Single(_posted);
        Assert.Equal((KeystoreModule.ModuleName, KeystoreModule.RotateKey, 1UL), (transaction.Module, transaction.Call, transaction.Nonce));
        Assert.True(RotateKeyArgs.TryDecode(transaction.Args, out var args));
        Assert.True(Book().TryFind("alice", out var file, out _));
        Assert.Equal(2u, file.CurrentEncryptionKey.Version);
        Assert.Equal(file.CurrentEncryptionKey.PublicKey.ToString(), Hex.Encode(args.NewEncryptionKey));
        Assert.NotEqual(_alice.CurrentEncryptionKey.PrivateKey.PublicKey.ToString(), Hex.Encode(args.NewEncryptionKey));
    }

    [Fact]
    public async Task KeystoreRotate_FileAheadOfTheLedgerByOne_RepublishesThatKeyWithoutAddingAnother()
    {
        RegisterOnLedger(_alice);
        Assert.True(Book().TryAddEncryptionKey("alice", Utf8(Passphrase), out var added, out _));

        var run = await RunAsync("keystore", "rotate", "--as", "alice", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        Assert.True(RotateKeyArgs.TryDecode(Assert.Single(_posted).Args, out var args));
        Assert.Equal(added.CurrentEncryptionKey.PublicKey.ToString(), Hex.Encode(args.NewEncryptionKey));
        Assert.True(Book().TryFind("alice", out var file, out _));
        Assert.Equal(2, file.EncryptionKeys.Count);
        Assert.Contains("earlier rotation", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeystoreRotate_NotRegistered_ExitsOneWithoutPosting()
    {
        var run = await RunAsync("keystore", "rotate", "--as", "alice");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("keystore register --as alice", run.Error, StringComparison.Ordinal);
        Assert.Empty(_posted);
        Assert.True(Book().TryFind("alice", out var file, out _));
        Assert.Single(file.EncryptionKeys);
    }

    [Fact]
    public async Task KeystoreShow_ByNameOrId_PrintsTheVerifiedKeys()
    {
        RegisterOnLedger(_bob);

        var byName = await RunAsync("keystore", "show", "--as", "bob");
        var byId = await RunAsync("keystore", "show", _bob.Id.ToBech32(), "--json");

        Assert.Equal(0, byName.ExitCode);
        Assert.Contains($"encryption key  {_bob.CurrentEncryptionKey.PrivateKey.PublicKey}", byName.Output, StringComparison.Ordinal);
        Assert.Equal(0, byId.ExitCode);
        var answer = JsonSerializer.Deserialize(byId.Output, LedgerJsonContext.Default.LedgerAnswerKeystoreView)!;
        Assert.Equal((true, 1u), (answer.Value.Registered, answer.Value.Version));
        Assert.NotNull(answer.Proof);
    }

    [Fact]
    public async Task AccessRegister_SignsTheResourceAndLevel()
    {
        var run = await RunAsync("access", "register", "--as", "alice", "--resource", "docs.q3", "--level", "confidential", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        var transaction = Assert.Single(_posted);
        Assert.Equal((AccessModule.ModuleName, AccessModule.RegisterResource), (transaction.Module, transaction.Call));
        Assert.True(RegisterResourceArgs.TryDecode(transaction.Args, out var args));
        Assert.Equal(("docs.q3", PrivacyLevel.Confidential), (args.ResourceId.Value, args.PrivacyLevel));
    }

    [Fact]
    public async Task AccessGrant_RelativeExpiryAndAdmin_SignsTheGrant()
    {
        var before = DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeMilliseconds();

        var run = await RunAsync("access", "grant", "--as", "alice", "--resource", "docs.q3", "--to", "bob", "--expires", "24h", "--admin", "--no-wait");

        var after = DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeMilliseconds();
        Assert.Equal(0, run.ExitCode);
        var transaction = Assert.Single(_posted);
        Assert.Equal((AccessModule.ModuleName, AccessModule.GrantAccess), (transaction.Module, transaction.Call));
        Assert.True(GrantAccessArgs.TryDecode(transaction.Args, out var args));
        Assert.Equal(("docs.q3", _bob.Id, true), (args.ResourceId.Value, args.Grantee, args.Admin));
        Assert.InRange((long)args.ExpiryUnixMilliseconds!.Value, before, after);
    }

    [Fact]
    public async Task AccessGrant_AbsoluteExpiryNoAdmin_SignsTheGrant()
    {
        var run = await RunAsync("access", "grant", "--as", "alice", "--resource", "docs.q3", "--to", _bob.Id.ToHex(), "--expires", "1800000000000", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        Assert.True(GrantAccessArgs.TryDecode(Assert.Single(_posted).Args, out var args));
        Assert.Equal((1_800_000_000_000UL, false, _bob.Id), (args.ExpiryUnixMilliseconds!.Value, args.Admin, args.Grantee));
    }

    [Fact]
    public async Task AccessRevoke_SignsTheRevocation()
    {
        var run = await RunAsync("access", "revoke", "--as", "alice", "--resource", "docs.q3", "--from", "bob", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        var transaction = Assert.Single(_posted);
        Assert.Equal((AccessModule.ModuleName, AccessModule.RevokeAccess), (transaction.Module, transaction.Call));
        Assert.True(RevokeAccessArgs.TryDecode(transaction.Args, out var args));
        Assert.Equal(("docs.q3", _bob.Id), (args.ResourceId.Value, args.Grantee));
    }

    [Fact]
    public async Task AccessCheck_PrintsTheVerifiedAnswer()
    {
        var resource = ResourceId.Create("docs.q3");
        Commit(_alice, AccessModule.ModuleName, AccessModule.RegisterResource, new RegisterResourceArgs(resource, PrivacyLevel.Protected).Encode());
        Commit(_alice, AccessModule.ModuleName, AccessModule.GrantAccess, new GrantAccessArgs(resource, _bob.Id, null, false).Encode());

        var run = await RunAsync("access", "check", "--resource", "docs.q3", "--account", "bob");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("allowed   yes", run.Output, StringComparison.Ordinal);
        Assert.Contains($"by {_alice.Id.ToBech32()}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MsgSendThenRead_RoundTripsTheTextThroughTheLedger()
    {
        RegisterOnLedger(_bob);

        var send = await RunAsync("msg", "send", "--as", "alice", "--to", "bob", "hello bob\u001b[2J", "--no-wait");
        var transaction = Assert.Single(_posted);
        _ledger.Commit(transaction);
        ServeLedger();
        var json = await RunAsync("msg", "read", "--as", "bob", "--json");
        var text = await RunAsync("msg", "read", "--as", "bob");

        Assert.Equal(0, send.ExitCode);
        Assert.Equal((MessagesModule.ModuleName, MessagesModule.SendMessage), (transaction.Module, transaction.Call));
        Assert.True(SendMessageArgs.TryDecode(transaction.Args, out var args));
        Assert.Equal(_bob.Id, args.Target.Recipient);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var message = Assert.Single(document.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("hello bob\u001b[2J", message.GetProperty("text").GetString());
        Assert.Equal(_alice.Id.ToBech32(), message.GetProperty("sender").GetString());
        Assert.Contains("hello bob\uFFFD[2J", text.Output, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Path == "/v1/ledger/messages/" + _bob.Id.ToBech32() && r.Query == "?after=0&limit=100&proof=true");
    }

    [Fact]
    public async Task MsgRead_EnvelopeSealedToAKeyTheFileLacks_IsListedUnreadable()
    {
        var stranger = Enumerable.Range(0, 32).Select(i => (byte)(i + 9)).ToArray();
        Commit(_bob, KeystoreModule.ModuleName, KeystoreModule.RegisterKey, new RegisterKeyArgs(stranger, _bob.Id.Bytes.ToArray()).Encode());
        ServeLedger();
        Assert.Equal(0, (await RunAsync("msg", "send", "--as", "alice", "--to", "bob", "for someone else", "--no-wait")).ExitCode);
        _ledger.Commit(Assert.Single(_posted));
        ServeLedger();

        var run = await RunAsync("msg", "read", "--as", "bob");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(unreadable: DecryptionFailed)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("for someone else", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageOpen_EnvelopeResentByAnotherAccount_IsUnreadable()
    {
        RegisterOnLedger(_bob);
        var keys = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, _bob.Id)).Value;
        using var rng = System.Security.Cryptography.RandomNumberGenerator.Create();
        var envelope = MessageCommand.Seal(_alice.SigningKey, _bob.Id, keys, Utf8("hi"), TestLedger.ChainId, rng);

        var honest = MessageCommand.Open(_bob, TestLedger.ChainId, new MessageView(_alice.Id.ToBech32(), 1, 2, 3, Hex.Encode(envelope)));
        var resent = MessageCommand.Open(_bob, TestLedger.ChainId, new MessageView(_bob.Id.ToBech32(), 1, 2, 3, Hex.Encode(envelope)));
        var otherChain = MessageCommand.Open(_bob, "other-chain", new MessageView(_alice.Id.ToBech32(), 1, 2, 3, Hex.Encode(envelope)));

        Assert.Equal("hi", honest.Text);
        Assert.Null(resent.Text);
        Assert.Contains("signed by " + _alice.Id.ToBech32(), resent.Unreadable, StringComparison.Ordinal);
        Assert.Null(otherChain.Text);
    }

    [Fact]
    public async Task MsgSend_RecipientWithoutKeys_ExitsOneWithoutPosting()
    {
        var run = await RunAsync("msg", "send", "--as", "alice", "--to", "bob", "hello");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no encryption key on the ledger", run.Error, StringComparison.Ordinal);
        Assert.Empty(_posted);
    }

    [Fact]
    public async Task Pins_FirstUsePinsTheKey_ThenAnotherReportedKeyIsRefused()
    {
        var first = await RunAsync("keystore", "show", "--as", "bob");
        using var other = new TestLedgerKey("another committee");
        _server.Serve("GET", "/v1/ledger/status", 200, _ledger.StatusJson(other.Hex));
        var second = await RunAsync("keystore", "show", "--as", "bob");
        var withGivenKey = await RunAsync("keystore", "show", "--as", "bob", "--committee-key", _ledger.CommitteeHex);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Pinned committee key " + _ledger.CommitteeHex, first.Error, StringComparison.Ordinal);
        using (var pins = JsonDocument.Parse(File.ReadAllText(PinsPath)))
        {
            var pin = Assert.Single(pins.RootElement.GetProperty("pins").EnumerateArray());
            Assert.Equal(_ledger.CommitteeHex, pin.GetProperty("committeeKey").GetString());
            Assert.Equal(TestLedger.ChainId, pin.GetProperty("chainId").GetString());
            Assert.Equal(_server.Address.AbsoluteUri, pin.GetProperty("coordinator").GetString());
        }

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"but {_ledger.CommitteeHex} was pinned on first use", second.Error, StringComparison.Ordinal);
        Assert.Equal(0, withGivenKey.ExitCode);
        Assert.Contains(_ledger.CommitteeHex, File.ReadAllText(PinsPath), StringComparison.Ordinal);
        Assert.DoesNotContain(other.Hex, File.ReadAllText(PinsPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pins_UnreadableFile_ExitsOneAndKeepsIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PinsPath)!);
        File.WriteAllText(PinsPath, "{not json");

        var run = await RunAsync("keystore", "show", "--as", "bob");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("pins cannot be read", run.Error, StringComparison.Ordinal);
        Assert.Equal("{not json", File.ReadAllText(PinsPath));
    }

    [Fact]
    public void PinsPath_DefaultsBesideTheAccountsDirectory()
    {
        var variables = new Dictionary<string, string?> { [AccountBook.DirectoryVariable] = "/home/me/.arcanum/accounts" };

        Assert.Equal("/home/me/.arcanum/ledger/pins.json", CommitteePins.DefaultPath(name => variables.GetValueOrDefault(name)));
        variables[CommitteePins.FileVariable] = "/tmp/p.json";
        Assert.Equal("/tmp/p.json", CommitteePins.DefaultPath(name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task Query_AnswerFromAnotherCommittee_ExitsOneAsUnverified()
    {
        using var other = new TestLedgerKey("another committee");

        var run = await RunAsync("keystore", "show", "--as", "bob", "--committee-key", other.Hex);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not verify", run.Error, StringComparison.Ordinal);
        Assert.Contains(nameof(QueryProofCheck.BadHeaderSignature), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerVerify_ValidChain_PrintsBlocksHeadAndStateRoot()
    {
        Commit(_alice, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(_bob.Id, 5).Encode());
        Commit(_bob, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(_alice.Id, 2).Encode());

        var run = await RunAsync("ledger", "verify");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"verified 3 blocks, head 3, state root {Hex.Encode(_ledger.Head.StateRoot)}", run.Output.Trim());
    }

    [Fact]
    public async Task LedgerVerify_AlteredBlock_ReportsTheFirstFailingHeightAndExitsOne()
    {
        Commit(_alice, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(_bob.Id, 5).Encode());
        Commit(_bob, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(_alice.Id, 2).Encode());
        var block = _ledger.Blocks[1];
        var forged = new FinalizedBlock(block.Block, _ledger.Blocks[0].Signature);
        _server.Serve("GET", "/v1/ledger/blocks/2", 200, TestLedger.BlockJson(forged));

        var run = await RunAsync("ledger", "verify", "--json");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(2UL, document.RootElement.GetProperty("failedHeight").GetUInt64());
        Assert.Equal(nameof(BlockFault.BadCommitteeSignature), document.RootElement.GetProperty("fault").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("blocksVerified").GetInt32());
    }

    [Fact]
    public async Task LedgerVerify_UndecodableBlock_ReportsItsHeight()
    {
        Commit(_alice, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(_bob.Id, 5).Encode());
        _server.Serve("GET", "/v1/ledger/blocks/2", 200, TestLedger.BlockJson(_ledger.Blocks[1]).Replace("\"encoded\":\"", "\"encoded\":\"00", StringComparison.Ordinal));

        var run = await RunAsync("ledger", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("failed at height 2: Undecodable", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerVerify_GenesisNamesAnotherCommitteeKey_ExitsOne()
    {
        using var other = new TestLedgerKey("another committee");
        _server.Serve("GET", "/v1/ledger/genesis", 200, _ledger.GenesisJson(other.Hex));

        var run = await RunAsync("ledger", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("genesis names committee key " + other.Hex, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerStatus_Json_PrintsTheApiJson()
    {
        var run = await RunAsync("ledger", "status", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_ledger.StatusJson(), run.Output.Trim());
    }

    [Theory]
    [InlineData("--timeout", "30 seconds")]
    [InlineData("--timeout", "0s")]
    [InlineData("--as", "Not A Name")]
    [InlineData("--to", "no such name!")]
    public async Task Transfer_BadArgument_IsUsageErrorWithoutRequests(string option, string value)
    {
        var arguments = new Dictionary<string, string> { ["--as"] = "alice", ["--to"] = "bob", ["--timeout"] = "5s" };
        arguments[option] = value;

        var run = await RunAsync(["transfer", .. arguments.SelectMany(pair => new[] { pair.Key, pair.Value }), "5"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("transfer", "--as", "alice", "--to", "bob", "0")]
    [InlineData("transfer", "--as", "alice", "--to", "bob", "-1")]
    [InlineData("transfer", "--to", "bob", "5")]
    [InlineData("access", "grant", "--as", "alice", "--resource", "docs", "--to", "bob", "--expires", "soon")]
    [InlineData("access", "register", "--as", "alice", "--resource", "docs", "--level", "secret")]
    [InlineData("access", "register", "--as", "alice", "--resource", "Has Spaces")]
    [InlineData("keystore", "show")]
    [InlineData("keystore", "show", "bob", "--as", "bob")]
    [InlineData("msg", "read", "--as", "bob", "--limit", "101")]
    [InlineData("msg", "send", "--as", "alice", "--to", "bob")]
    public async Task Command_BadArguments_IsUsageErrorWithoutRequests(params string[] arguments)
    {
        var run = await RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Sign_UnknownAccount_ExitsOneWithoutRequests()
    {
        var run = await RunAsync("transfer", "--as", "carol", "--to", "bob", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No account named carol", run.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("100ms", 100)]
    [InlineData("30m", 1_800_000)]
    [InlineData("24h", 86_400_000)]
    [InlineData("30d", 2_592_000_000)]
    public void Durations_Units_ParseToMilliseconds(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Durations.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("5")]
    [InlineData("5w")]
    [InlineData("3651d")]
    [InlineData("99999999999999999999d")]
    public void Durations_Malformed_AreNull(string text) => Assert.Null(Durations.TryParse(text));

    private (int Status, string Body) Accept(string body)
    {
        if (!TransactionJson.TryParse(System.Text.Encoding.UTF8.GetBytes(body), out var transaction, out var error))
        {
            return (400, $$"""{"title":"Invalid transaction","status":400,"detail":"{{error}}"}""");
        }

        lock (_posted)
        {
            _posted.Add(transaction);
        }

        var hash = Hex.Encode(transaction.Hash());
        var outcome = Outcome(transaction) ?? new LedgerTransactionStatus(hash, "pending");
        _server.Serve("GET", "/v1/ledger/transactions/" + hash, 200, JsonSerializer.Serialize(outcome, LedgerJsonContext.Default.LedgerTransactionStatus));
        return (202, JsonSerializer.Serialize(new LedgerSubmitResponse(hash, "pending"), LedgerJsonContext.Default.LedgerSubmitResponse));
    }

    /// <summary>Serves the chain and every query the tests ask at the ledger's head.</summary>
    private void ServeLedger()
    {
        _ledger.ServeChain(_server);
        foreach (var account in new[] { _alice.Id, _bob.Id })
        {
            Serve("/v1/ledger/accounts/" + account.ToBech32(), _ledger.Answer((state, _) => LedgerQueries.Account(state, account)), LedgerJsonContext.Default.LedgerAnswerAccountView);
            Serve("/v1/ledger/keystore/" + account.ToBech32(), _ledger.Answer((state, _) => LedgerQueries.Keystore(state, account)), LedgerJsonContext.Default.LedgerAnswerKeystoreView);
            Serve("/v1/ledger/messages/" + account.ToBech32(), _ledger.Answer((state, _) => LedgerQueries.Inbox(state, account, 0, LedgerQueries.MaxMessages)),
                LedgerJsonContext.Default.LedgerAnswerMessagesView);
            var resource = ResourceId.Create("docs.q3");
            Serve("/v1/ledger/access/resources/docs.q3/check/" + account.ToBech32(),
                _ledger.Answer((state, header) => LedgerQueries.CheckAccess(state, resource, account, header.TimeUnixMilliseconds)), LedgerJsonContext.Default.LedgerAnswerAccessCheckView);
        }
    }

    private void Serve<T>(string path, T answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        _server.Serve("GET", path, 200, JsonSerializer.Serialize(answer, type));

    private void Commit(UnlockedAccount sender, string module, string call, byte[] args)
    {
        _ledger.Commit(Transaction.Sign(TestLedger.ChainId, sender.SigningKey, _ledger.NextNonce(sender.Id), module, call, args));
        ServeLedger();
    }

    private void RegisterOnLedger(UnlockedAccount account) =>
        Commit(account, KeystoreModule.ModuleName, KeystoreModule.RegisterKey,
            new RegisterKeyArgs(account.CurrentEncryptionKey.PrivateKey.PublicKey.AsSpan().ToArray(), account.Id.Bytes.ToArray()).Encode());

    private AccountBook Book() => AccountBookTests.CheapBook(_directory.Path);

    private UnlockedAccount CreateAccount(string name)
    {
        Assert.True(Book().TryCreate(name, Utf8(Passphrase), out _, out var error), error?.Message);
        Assert.True(Book().TryUnlock(name, Utf8(Passphrase), out var account, out error), error?.Message);
        return account;
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private async Task<CommandRun> RunAsync(params string[] arguments)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EnvironmentVariables.Address] = _server.Address.ToString(),
            [EnvironmentVariables.Token] = FakeCoordinator.Token,
            [AccountBook.DirectoryVariable] = _directory.Path,
            [PassphraseInput.Variable] = Passphrase,
            [CommitteePins.FileVariable] = PinsPath,
        };
        var environment = new ClientEnvironment(name => variables.GetValueOrDefault(name), new StringReader(""));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ArcanumCommand.Create(environment).Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CommandRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CommandRun(int ExitCode, string Output, string Error);

    /// <summary>Another Ed25519 key, as hex.</summary>
    private sealed class TestLedgerKey(string seed) : IDisposable
    {
        private readonly Arcanum.Crypto.Signatures.Ed25519PrivateKey _key =
            Arcanum.Crypto.Signatures.Ed25519PrivateKey.FromSeed(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)));

        public string Hex => _key.PublicKey.ToString();

        public void Dispose() => _key.Dispose();
    }
}
