using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Cli.Tests.Ledger;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cli.Tests.Client;

/// <summary>
/// <see cref="LedgerProofVerifier"/> over answers with real proofs from a real tree and a header signed by a plain
/// Ed25519 "committee" key: a faithful answer verifies to the same value; every alteration fails with its reason.
/// </summary>
public sealed class LedgerProofVerifierTests : IDisposable
{
    private readonly Ed25519PrivateKey _alice = Ed25519PrivateKey.FromSeed(SHA256.HashData("alice"u8));
    private readonly Ed25519PrivateKey _bob = Ed25519PrivateKey.FromSeed(SHA256.HashData("bob"u8));
    private readonly TestLedger _ledger;

    public LedgerProofVerifierTests()
    {
        _ledger = TestLedger.Create([Alice, Bob]);
        var group = ResourceId.Create("group:team");
        _ledger.Commit(
            Transaction.Sign(TestLedger.ChainId, _alice, 0, KeystoreModule.ModuleName, KeystoreModule.RegisterKey, new RegisterKeyArgs(Filled(1), Filled(2)).Encode()),
            Transaction.Sign(TestLedger.ChainId, _alice, 1, KeystoreModule.ModuleName, KeystoreModule.RotateKey, new RotateKeyArgs(Filled(3)).Encode()),
            Transaction.Sign(TestLedger.ChainId, _alice, 2, AccessModule.ModuleName, AccessModule.RegisterResource, new RegisterResourceArgs(group, PrivacyLevel.Protected).Encode()),
            Transaction.Sign(TestLedger.ChainId, _alice, 3, AccessModule.ModuleName, AccessModule.GrantAccess, new GrantAccessArgs(group, Bob, null, false).Encode()));
    }

    private AccountId Alice => AccountId.FromPublicKey(_alice.PublicKey);

    private AccountId Bob => AccountId.FromPublicKey(_bob.PublicKey);

    public void Dispose()
    {
        _ledger.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public void Verify_RealProofs_ReturnsTheAnswerTheProvenStateGives()
    {
        var keystore = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var account = _ledger.Answer((state, _) => LedgerQueries.Account(state, Alice));
        var check = _ledger.Answer((state, header) => LedgerQueries.CheckAccess(state, ResourceId.Create("group:team"), Bob, header.TimeUnixMilliseconds));

        var verifiedKeys = VerifyKeystore(keystore);
        var verifiedAccount = LedgerProofVerifier.Verify(account, _ledger.Trust, view => LedgerQueries.Account(view, Alice), LedgerJsonContext.Default.AccountView);
        var verifiedCheck = LedgerProofVerifier.Verify(check, _ledger.Trust,
            view => LedgerQueries.CheckAccess(view, ResourceId.Create("group:team"), Bob, view.Header.Header.TimeUnixMilliseconds), LedgerJsonContext.Default.AccessCheckView);

        Assert.Equal(2u, verifiedKeys.Version);
        Assert.Equal(Hex.Encode(Filled(3)), verifiedKeys.EncryptionKey);
        Assert.Equal(2, verifiedKeys.History.Count);
        Assert.Equal(new AccountView(Alice.ToBech32(), 1_000, 4), verifiedAccount);
        Assert.True(verifiedCheck.Allowed);
        Assert.Equal(_ledger.Head.TimeUnixMilliseconds, verifiedCheck.AtTime);
    }

    [Fact]
    public void Verify_ValueDiffersFromTheProofs_FailsNamingBothValues()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Account(state, Alice));
        var inflated = answer with { Value = answer.Value with { Balance = 1_000_000 } };

        var error = Assert.Throws<ArcanumProofException>(() =>
            LedgerProofVerifier.Verify(inflated, _ledger.Trust, view => LedgerQueries.Account(view, Alice), LedgerJsonContext.Default.AccountView));

        Assert.Contains("1000000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("is not what the proven state gives", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ListInTheValueReordered_Fails()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var reordered = answer with { Value = answer.Value with { History = [.. answer.Value.History.Reverse()] } };

        Assert.Throws<ArcanumProofException>(() => VerifyKeystore(reordered));
    }

    [Fact]
    public void Verify_TamperedProvenValue_FailsAsProofInvalid()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Account(state, Alice));
        var proofs = answer.Proof!.Proofs.Select(Decode).ToList();
        var tampered = proofs.Select(p => p.Value is null ? p : p with { Value = Flip(p.Value) }).Select(p => Hex.Encode(p.Encode())).ToList();

        var error = Assert.Throws<ArcanumProofException>(() => LedgerProofVerifier.Verify(answer with { Proof = answer.Proof with { Proofs = tampered } },
            _ledger.Trust, view => LedgerQueries.Account(view, Alice), LedgerJsonContext.Default.AccountView));

        Assert.Contains(nameof(QueryProofCheck.ProofInvalid), error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ProofsForAnotherAccount_FailsAsUnproven()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var bobs = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Bob));

        var error = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(answer with { Proof = bobs.Proof }));

        Assert.Contains("carries no proof for state key", error.Reason, StringComparison.Ordinal);
        Assert.IsType<UnprovenKeyException>(error.InnerException);
    }

    [Fact]
    public void Verify_HeaderSignedByAnotherKey_FailsAsBadHeaderSignature()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        using var impostor = Ed25519PrivateKey.FromSeed(SHA256.HashData("impostor"u8));
        var resigned = answer.Proof!.Proofs.Select(Decode)
            .Select(p => p with { Header = new FinalizedHeader(p.Header.Header, impostor.Sign(p.Header.Header.SigningBytes(TestLedger.ChainId))) })
            .Select(p => Hex.Encode(p.Encode())).ToList();

        var error = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(answer with { Proof = answer.Proof with { Proofs = resigned } }));

        Assert.Contains(nameof(QueryProofCheck.BadHeaderSignature), error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TrustedKeyIsAnother_FailsAsBadHeaderSignature()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));

        var error = Assert.Throws<ArcanumProofException>(() =>
            LedgerProofVerifier.Verify(answer, new LedgerTrustAnchor(_bob.PublicKey, TestLedger.ChainId), view => LedgerQueries.Keystore(view, Alice), LedgerJsonContext.Default.KeystoreView));

        Assert.Contains(nameof(QueryProofCheck.BadHeaderSignature), error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HeaderOfAnotherChain_Fails()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var otherChain = new LedgerTrustAnchor(_ledger.Committee.PublicKey, "other-chain");

        var claimed = Assert.Throws<ArcanumProofException>(() =>
            LedgerProofVerifier.Verify(answer, otherChain, view => LedgerQueries.Keystore(view, Alice), LedgerJsonContext.Default.KeystoreView));
        var relabelled = Assert.Throws<ArcanumProofException>(() => LedgerProofVerifier.Verify(answer with { Proof = answer.Proof! with { ChainId = "other-chain" } },
            otherChain, view => LedgerQueries.Keystore(view, Alice), LedgerJsonContext.Default.KeystoreView));

        Assert.Contains("'arcanum-test', not 'other-chain'", claimed.Reason, StringComparison.Ordinal);
        Assert.Contains(nameof(QueryProofCheck.BadHeaderSignature), relabelled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingOrEmptyProof_Fails()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));

        var missing = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(answer with { Proof = null }));
        var empty = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(answer with { Proof = answer.Proof! with { Proofs = [] } }));

        Assert.Equal("the answer carries no proof", missing.Reason);
        Assert.Contains("got 0", empty.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zz", "is not hex")]
    [InlineData("abc", "is not hex")]
    [InlineData("00010203", "does not decode")]
    [InlineData("", "does not decode")]
    public void Verify_GarbageProof_FailsWithoutThrowingAnythingElse(string proof, string reason)
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));

        var error = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(answer with { Proof = answer.Proof! with { Proofs = [.. answer.Proof.Proofs, proof] } }));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HeightOtherThanTheProofs_Fails()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var claimsOlder = answer with { Height = answer.Height - 1, Proof = answer.Proof! with { Height = answer.Height - 1 } };

        var error = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(claimsOlder));
        var split = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(answer with { Height = answer.Height + 1 }));

        Assert.Contains("header is at height", error.Reason, StringComparison.Ordinal);
        Assert.Contains("the proof is at height", split.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ProofsFromTwoHeaders_Fail()
    {
        var first = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        _ledger.Commit(Transaction.Sign(TestLedger.ChainId, _bob, 0, KeystoreModule.ModuleName, KeystoreModule.RegisterKey, new RegisterKeyArgs(Filled(4), Filled(5)).Encode()));
        var later = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var mixed = later with { Proof = later.Proof! with { Proofs = [later.Proof.Proofs[0], .. first.Proof!.Proofs.Skip(1)] } };

        var error = Assert.Throws<ArcanumProofException>(() => VerifyKeystore(mixed));

        Assert.Contains("another header", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnswerSurvivesJson_StillVerifies()
    {
        var answer = _ledger.Answer((state, _) => LedgerQueries.Keystore(state, Alice));
        var json = JsonSerializer.Serialize(answer, LedgerJsonContext.Default.LedgerAnswerKeystoreView);

        var parsed = JsonSerializer.Deserialize(json, LedgerJsonContext.Default.LedgerAnswerKeystoreView)!;

        Assert.Equal(2u, VerifyKeystore(parsed).Version);
    }

    [Fact]
    public async Task Client_ResourceAndGroupQueries_AskForProofsAndVerify()
    {
        var group = ResourceId.Create("group:team");
        await using var server = await FakeCoordinator.StartAsync();
        var resource = _ledger.Answer((state, _) => LedgerQueries.Resource(state, group));
        server.Serve("GET", "/v1/ledger/access/resources/group:team", 200, JsonSerializer.Serialize(resource, LedgerJsonContext.Default.LedgerAnswerResourceView));
        server.Serve("GET", "/v1/ledger/messages/groups/group:team", 200,
            JsonSerializer.Serialize(_ledger.Answer((state, _) => LedgerQueries.Group(state, group, 0, 10)), LedgerJsonContext.Default.LedgerAnswerMessagesView));
        var forged = resource with { Value = resource.Value with { Grantees = [] } };
        using var client = new ArcanumClient(server.Address, FakeCoordinator.Token);

        var verified = await client.GetResourceAsync(group, _ledger.Trust);
        var messages = await client.GetGroupMessagesAsync(group, 0, 10, _ledger.Trust);
        server.Serve("GET", "/v1/ledger/access/resources/group:team", 200, JsonSerializer.Serialize(forged, LedgerJsonContext.Default.LedgerAnswerResourceView));
        var error = await Assert.ThrowsAsync<ArcanumProofException>(() => client.GetResourceAsync(group, _ledger.Trust));
        var unverified = await client.GetResourceAsync(group);

        Assert.Equal([Bob.ToBech32()], verified.Value.Grantees);
        Assert.Equal(Alice.ToBech32(), verified.Value.Owner);
        Assert.Equal(("group:group:team", 0UL), (messages.Value.Target, messages.Value.LastSequence));
        Assert.Contains("is not what the proven state gives", error.Reason, StringComparison.Ordinal);
        Assert.Empty(unverified.Value.Grantees);
        Assert.Equal(["?proof=true", "?after=0&limit=10&proof=true", "?proof=true", ""], server.Requests.Select(r => r.Query));
    }

    private KeystoreView VerifyKeystore(LedgerAnswer<KeystoreView> answer) =>
        LedgerProofVerifier.Verify(answer, _ledger.Trust, view => LedgerQueries.Keystore(view, Alice), LedgerJsonContext.Default.KeystoreView);

    private static QueryProof Decode(string hex)
    {
        Assert.True(QueryProof.TryDecode(Hex.Decode(hex), out var proof, out var error), error?.ToString());
        return proof;
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[^1] ^= 1;
        return copy;
    }

    private static byte[] Filled(byte tag) => [.. Enumerable.Range(0, 32).Select(i => (byte)(i + (tag * 40)))];
}
