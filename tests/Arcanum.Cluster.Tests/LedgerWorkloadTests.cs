using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;
using Arcanum.Crypto.Curves;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Envelopes;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Issue 8's cluster workload: a few hundred transactions across every module, signed in-process and submitted
/// through the SDK to a 3-node dev cluster; bad transactions end rejected with their reason and change nothing; every
/// answer checked here is verified with the committee key; <c>arcanum ledger verify</c> replays the chain; a proof
/// with one byte changed fails.
/// </summary>
[Collection(LedgerClusterCollection.Name)]
public sealed partial class LedgerWorkloadTests(LedgerClusterFixture fixture) : IDisposable
{
    private const int Users = 8;

    private static readonly RandomNumberGenerator Rng = RandomNumberGenerator.Create();

    private static readonly ResourceId Docs = ResourceId.Create("docs.alice");

    private static readonly ResourceId Chat = ResourceId.Create("chat.alice");

    private readonly LedgerAccount[] _users = [.. Enumerable.Range(0, Users).Select(i => new LedgerAccount($"user{i}"))];

    private readonly Dictionary<AccountId, ulong> _balances = [];

    private ArcanumClient Client => fixture.Cluster.Client;

    private string ChainId => fixture.Status.ChainId;

    private LedgerAccount Alice => fixture.Alice;

    private LedgerAccount Bob => fixture.Bob;

    [Fact]
    public async Task MixedWorkload_AllModules_IncludedBadOnesRejectedAndLedgerVerifyPasses()
    {
        _balances[Alice.Id] = LedgerClusterFixture.GenesisBalance;
        _balances[Bob.Id] = LedgerClusterFixture.GenesisBalance;
        foreach (var user in _users)
        {
            _balances[user.Id] = 0;
        }

        var docsGranteeExpiry = Now() + 3_600_000;
        var chatExpiry = Now() + 10_000;

        // Phase 1: funding, keystore registrations and rotations, resources and grants (each sender's list in nonce order).
        var alice = new List<Transaction>();
        var bob = new List<Transaction>();
        var users = _users.Select(_ => new List<Transaction>()).ToArray();
        foreach (var user in _users)
        {
            Transfer(alice, Alice, user, 10_000);
            Transfer(bob, Bob, user, 5_000);
        }

        for (var i = 0; i < 20; i++)
        {
            Transfer(bob, Bob, Alice, (ulong)(i + 1) * 10);
        }

        alice.Add(RegisterKey(Alice));
        bob.Add(RegisterKey(Bob));
        bob.Add(RotateKey(Bob));
        bob.Add(RotateKey(Bob));
        for (var i = 0; i < Users; i++)
        {
            users[i].Add(RegisterKey(_users[i]));
            users[i].Add(RotateKey(_users[i]));
        }

        alice.Add(Alice.Sign(ChainId, AccessModule.ModuleName, AccessModule.RegisterResource, new RegisterResourceArgs(Docs, PrivacyLevel.Protected).Encode()));
        alice.Add(Grant(Alice, Docs, _users[0], docsGranteeExpiry, admin: false));
        alice.Add(Grant(Alice, Docs, _users[1], expiry: null, admin: true));
        alice.Add(Alice.Sign(ChainId, AccessModule.ModuleName, AccessModule.BatchGrant,
            BatchGrantArgs.Create(Docs, _users[2..6].Select(u => u.Id), null).Encode()));
        alice.Add(Alice.Sign(ChainId, AccessModule.ModuleName, AccessModule.RevokeAccess, new RevokeAccessArgs(Docs, _users[2].Id).Encode()));
        alice.Add(Alice.Sign(ChainId, AccessModule.ModuleName, AccessModule.RegisterResource, new RegisterResourceArgs(Chat, PrivacyLevel.Confidential).Encode()));
        alice.Add(Grant(Alice, Chat, _users[6], chatExpiry, admin: false));
        var phase1 = await RunPhaseAsync([alice, bob, .. users]);

        var chatCheck = (await Client.CheckAccessAsync(Chat, _users[6].Id, fixture.Trust)).Value;
        Assert.Equal(chatCheck.AtTime < chatExpiry, chatCheck.Allowed);

        // Phase 2: transfers between the new accounts, a delegate's grant, messages in both directions.
        alice.Clear();
        bob.Clear();
        foreach (var list in users)
        {
            list.Clear();
        }

        for (var i = 0; i < Users; i++)
        {
            for (var j = 0; j < 25; j++)
            {
                Transfer(users[i], _users[i], _users[(i + 1) % Users], (ulong)(i + 1));
            }

            users[i].Add(Message(_users[i], Alice, $"hello alice from user{i}"));
            Message(alice, Alice, _users[i], $"hello user{i}");
        }

        users[1].Add(Grant(_users[1], Docs, _users[7], expiry: null, admin: false));
        for (var i = 0; i < 20; i++)
        {
            Transfer(alice, Alice, Bob, 7);
        }

        for (var i = 0; i < 30; i++)
        {
            Transfer(bob, Bob, _users[i % Users], 3);
        }

        var phase2 = await RunPhaseAsync([alice, bob, .. users]);
        Assert.True(phase1.Count + phase2.Count >= 300, $"only {phase1.Count + phase2.Count} transactions");

        // Bad transactions: rejected with their reason, nothing changes (balances and nonces proven below).
        var rejected = await LedgerDriver.WaitForOutcomesAsync(Client, await LedgerDriver.SubmitInOrderAsync(Client,
        [
            Transaction.Sign(ChainId, Alice.SigningKey, Alice.NextNonce + 3, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(Bob.Id, 1).Encode()),
            Transaction.Sign(ChainId, Alice.SigningKey, Alice.NextNonce - 1, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(Bob.Id, 2).Encode()),
            Transaction.Sign(ChainId, _users[7].SigningKey, _users[7].NextNonce, AccessModule.ModuleName, AccessModule.GrantAccess,
                new GrantAccessArgs(Docs, _users[2].Id, null, false).Encode()),
            Transaction.Sign(ChainId, _users[0].SigningKey, _users[0].NextNonce, AccountsModule.ModuleName, AccountsModule.Transfer,
                new TransferArgs(_users[1].Id, _balances[_users[0].Id] + 1).Encode()),
        ]));
        Assert.Equal(
            [ErrorCodes.NonceSkipped, ErrorCodes.NonceReplayed, ErrorCodes.Unauthorized, ErrorCodes.InsufficientBalance],
            rejected.Select(r => r.Status == "rejected" ? r.Reason : r.Status + " (not rejected)"));

        var otherChain = await Assert.ThrowsAsync<ArcanumApiException>(() => Client.SubmitTransactionAsync(
            Transaction.Sign("other-chain", Bob.SigningKey, Bob.NextNonce, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(Alice.Id, 5).Encode())));
        Assert.Equal((400, "chainId"), (otherChain.Status, otherChain.Problem.Field));
        var valid = Transaction.Sign(ChainId, Bob.SigningKey, Bob.NextNonce, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(Alice.Id, 5).Encode());
        var signature = valid.Signature.ToArray();
        signature[10] ^= 0x01;
        Assert.True(Transaction.TryCreate(ChainId, Bob.Id, Bob.NextNonce, valid.Module, valid.Call, valid.Args, signature, out var forged, out _));
        var badSignature = await Assert.ThrowsAsync<ArcanumApiException>(() => Client.SubmitTransactionAsync(forged));
        Assert.Equal((400, "signature"), (badSignature.Status, badSignature.Problem.Field));

        // The expired grant: a block after its expiry answers it as absent.
        await LedgerDriver.EventuallyAsync(() => Task.FromResult(Now() > chatExpiry), TimeSpan.FromSeconds(20), "the chat grant to expire");
        var lastHeight = Math.Max(Math.Max(phase1.Max(o => o.Height!.Value), phase2.Max(o => o.Height!.Value)),
            await LedgerDriver.SubmitAndIncludeAsync(Client, [Transfer(Bob, Alice, 1)]));
        var expired = (await Client.CheckAccessAsync(Chat, _users[6].Id, fixture.Trust)).Value;
        Assert.True(expired.AtTime > chatExpiry, $"answer at {expired.AtTime}, expiry {chatExpiry}");
        Assert.False(expired.Allowed);
        Assert.Equal(chatExpiry, expired.Grant?.Expiry);

        await AssertProvenStateAsync(docsGranteeExpiry);
        await AssertLedgerVerifyAsync(lastHeight);
    }

    [Fact]
    public async Task QueryProof_OneByteFlipped_FailsVerification()
    {
        var trust = fixture.Trust;
        using var http = new HttpClient { BaseAddress = fixture.Cluster.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevClusterProcess.Token);
        var accountJson = await http.GetStringAsync($"v1/ledger/accounts/{Alice.Id.ToBech32()}?proof=true");
        var keystoreJson = await http.GetStringAsync($"v1/ledger/keystore/{Bob.Id.ToBech32()}?proof=true");
        var account = JsonSerializer.Deserialize(accountJson, LedgerJsonContext.Default.LedgerAnswerAccountView)!;
        var keystore = JsonSerializer.Deserialize(keystoreJson, LedgerJsonContext.Default.LedgerAnswerKeystoreView)!;
        Func<ProvenStateView, AccountView> accountQuery = view => LedgerQueries.Account(view, Alice.Id);
        Func<ProvenStateView, KeystoreView> keystoreQuery = view => LedgerQueries.Keystore(view, Bob.Id);

        // As served, both verify (so a failure below is the flipped byte's doing).
        Assert.Equal(account.Value, LedgerProofVerifier.Verify(account, trust, accountQuery, LedgerJsonContext.Default.AccountView));
        Assert.Equal(JsonSerializer.Serialize(keystore.Value, LedgerJsonContext.Default.KeystoreView),
            JsonSerializer.Serialize(LedgerProofVerifier.Verify(keystore, trust, keystoreQuery, LedgerJsonContext.Default.KeystoreView), LedgerJsonContext.Default.KeystoreView));

        var proofHex = account.Proof!.Proofs[0];
        var positions = new[] { 0, proofHex.Length / 4, proofHex.Length / 2, proofHex.Length - 2 };
        foreach (var position in positions)
        {
            var flipped = account with { Proof = account.Proof with { Proofs = [FlipByte(proofHex, position), .. account.Proof.Proofs.Skip(1)] } };
            Assert.Throws<ArcanumProofException>(() => LedgerProofVerifier.Verify(flipped, trust, accountQuery, LedgerJsonContext.Default.AccountView));
        }

        var keystoreProof = keystore.Proof!.Proofs[^1];
        var tamperedKeystore = keystore with { Proof = keystore.Proof with { Proofs = [.. keystore.Proof.Proofs.SkipLast(1), FlipByte(keystoreProof, keystoreProof.Length / 3)] } };
        Assert.Throws<ArcanumProofException>(() => LedgerProofVerifier.Verify(tamperedKeystore, trust, keystoreQuery, LedgerJsonContext.Default.KeystoreView));

        // A changed value under an intact proof fails too.
        var inflated = account with { Value = account.Value with { Balance = account.Value.Balance + 1 } };
        Assert.Throws<ArcanumProofException>(() => LedgerProofVerifier.Verify(inflated, trust, accountQuery, LedgerJsonContext.Default.AccountView));
    }

    public void Dispose()
    {
        foreach (var user in _users)
        {
            user.Dispose();
        }
    }

    private async Task AssertProvenStateAsync(ulong docsGranteeExpiry)
    {
        var trust = fixture.Trust;
        foreach (var account in new[] { Alice, Bob }.Concat(_users))
        {
            var proven = (await Client.GetAccountAsync(account.Id, trust)).Value;
            Assert.Equal(new AccountView(account.Id.ToBech32(), _balances[account.Id], account.NextNonce), proven);

            var keys = (await Client.GetKeystoreAsync(account.Id, trust)).Value;
            Assert.True(keys.Registered, account.Name);
            Assert.Equal(account.KeyVersion, keys.Version);
            Assert.Equal(Convert.ToHexStringLower(account.EncryptionKey.PublicKey.AsSpan()), keys.EncryptionKey);
            Assert.Equal(Convert.ToHexStringLower(account.SigningKey.PublicKey.Bytes), keys.SigningKey);
            Assert.Equal(Enumerable.Range(1, (int)account.KeyVersion).Select(v => (uint)v), keys.History.Select(h => h.Version));
        }

        var docs = (await Client.GetResourceAsync(Docs, trust)).Value;
        Assert.Equal(Alice.Id.ToBech32(), docs.Owner);
        var expectedGrantees = new[] { 0, 1, 3, 4, 5, 7 }.Select(i => _users[i].Id).Order().Select(id => id.ToBech32());
        Assert.Equal(expectedGrantees, docs.Grantees);
        var allowed = new Dictionary<int, bool> { [0] = true, [1] = true, [2] = false, [3] = true, [6] = false, [7] = true };
        foreach (var (user, expected) in allowed)
        {
            var check = (await Client.CheckAccessAsync(Docs, _users[user].Id, trust)).Value;
            Assert.True(expected == check.Allowed, $"user{user} on {Docs.Value}: allowed {check.Allowed}");
        }

        var timed = (await Client.CheckAccessAsync(Docs, _users[0].Id, trust)).Value;
        Assert.Equal(docsGranteeExpiry, timed.Grant!.Expiry);
        var delegated = (await Client.CheckAccessAsync(Docs, _users[7].Id, trust)).Value;
        Assert.Equal(_users[1].Id.ToBech32(), delegated.Grant!.GrantedBy);

        // Messages: Alice opens each user's envelope with her version-1 key; user3 opens Alice's only with its current key.
        var inbox = (await Client.GetInboxAsync(Alice.Id, verifyWith: trust)).Value;
        Assert.Equal((ulong)Users, inbox.LastSequence);
        var senders = _users.Select(u => u.Id.ToBech32()).ToList();
        Assert.Equal(senders.Order(StringComparer.Ordinal), inbox.Messages.Select(m => m.Sender).Order(StringComparer.Ordinal));
        foreach (var message in inbox.Messages)
        {
            var opened = Open(Alice.EncryptionKeyOfVersion(1), Alice, message.Envelope);
            Assert.Equal($"hello alice from user{senders.IndexOf(message.Sender)}", opened);
        }

        var userInbox = (await Client.GetInboxAsync(_users[3].Id, verifyWith: trust)).Value;
        var envelope = Assert.Single(userInbox.Messages).Envelope;
        Assert.Equal("hello user3", Open(_users[3].EncryptionKeyOfVersion(2), _users[3], envelope));
        Assert.Null(Open(_users[3].EncryptionKeyOfVersion(1), _users[3], envelope));
        Assert.Null(Open(_users[4].EncryptionKey, _users[3], envelope));
    }

    private async Task AssertLedgerVerifyAsync(long lastInclusionHeight)
    {
        var environment = ArcanumCli.Environment(fixture.Cluster);
        environment["ARCANUM_COMMITTEE_KEY"] = fixture.Status.CommitteeKey;
        var output = await ArcanumCli.RunOkAsync(["ledger", "verify"], environment);

        var match = VerifiedLine().Match(output);
        Assert.True(match.Success, output);
        var blocks = long.Parse(match.Groups["blocks"].Value, CultureInfo.InvariantCulture);
        var head = long.Parse(match.Groups["head"].Value, CultureInfo.InvariantCulture);
        Assert.True(head >= lastInclusionHeight, $"verified head {head}, last inclusion at {lastInclusionHeight}");
        Assert.Equal(head, blocks);
        Assert.Equal((await Client.GetBlockAsync((ulong)head)).StateRoot, match.Groups["root"].Value);
    }

    private async Task<IReadOnlyList<LedgerTransactionStatus>> RunPhaseAsync(IEnumerable<List<Transaction>> senders)
    {
        var hashes = await Task.WhenAll(senders.Select(list => LedgerDriver.SubmitInOrderAsync(Client, list)));
        var outcomes = await LedgerDriver.WaitForOutcomesAsync(Client, [.. hashes.SelectMany(h => h)]);
        Assert.All(outcomes, o => Assert.True(o.Status == "included", $"{o.Hash}: {o.Status} {o.Reason} {o.Detail}"));
        return outcomes;
    }

    private void Transfer(List<Transaction> list, LedgerAccount from, LedgerAccount to, ulong amount) => list.Add(Transfer(from, to, amount));

    private Transaction Transfer(LedgerAccount from, LedgerAccount to, ulong amount)
    {
        _balances[from.Id] -= amount;
        _balances[to.Id] += amount;
        return from.Sign(ChainId, AccountsModule.ModuleName, AccountsModule.Transfer, new TransferArgs(to.Id, amount).Encode());
    }

    private Transaction RegisterKey(LedgerAccount account) =>
        account.Sign(ChainId, KeystoreModule.ModuleName, KeystoreModule.RegisterKey,
            new RegisterKeyArgs(account.EncryptionKey.PublicKey.ToArray(), account.SigningKey.PublicKey.Bytes.ToArray()).Encode());

    private Transaction RotateKey(LedgerAccount account) =>
        account.Sign(ChainId, KeystoreModule.ModuleName, KeystoreModule.RotateKey, new RotateKeyArgs(account.AddEncryptionKey().PublicKey.ToArray()).Encode());

    private Transaction Grant(LedgerAccount owner, ResourceId resource, LedgerAccount grantee, ulong? expiry, bool admin) =>
        owner.Sign(ChainId, AccessModule.ModuleName, AccessModule.GrantAccess, new GrantAccessArgs(resource, grantee.Id, expiry, admin).Encode());

    private void Message(List<Transaction> list, LedgerAccount from, LedgerAccount to, string text) => list.Add(Message(from, to, text));

    /// <summary>A direct message sealed to <paramref name="to"/>'s current keystore key, as the CLI seals one.</summary>
    private Transaction Message(LedgerAccount from, LedgerAccount to, string text)
    {
        Assert.True(DirectEnvelope.TrySeal(from.SigningKey, to.EncryptionKey.PublicKey, to.KeyVersion, Encoding.UTF8.GetBytes(text),
            new EnvelopeContext(ChainId, to.Id.Bytes), Rng, out var envelope, out var error), error.ToString());
        return from.Sign(ChainId, MessagesModule.ModuleName, MessagesModule.SendMessage,
            new SendMessageArgs(MessageTarget.ToAccount(to.Id), envelope).Encode());
    }

    /// <summary>The text of an envelope addressed to <paramref name="recipient"/>, or null when <paramref name="key"/> cannot open it.</summary>
    private string? Open(X25519PrivateKey key, LedgerAccount recipient, string envelopeHex) =>
        DirectEnvelope.TryOpen(key, Convert.FromHexString(envelopeHex), new EnvelopeContext(ChainId, recipient.Id.Bytes), out var opened, out _)
            ? Encoding.UTF8.GetString(opened.Plaintext)
            : null;

    private static string FlipByte(string hex, int position)
    {
        var bytes = Convert.FromHexString(hex);
        bytes[position / 2] ^= 0x01;
        return Convert.ToHexStringLower(bytes);
    }

    private static ulong Now() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [GeneratedRegex(@"verified (?<blocks>\d+) blocks, head (?<head>\d+), state root (?<root>[0-9a-f]{64})")]
    private static partial Regex VerifiedLine();
}
