using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.Tests.Support;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Execution;

/// <summary>The executor's checks, their order and their reasons; a rejection changes nothing.</summary>
public sealed class TransactionExecutorTests : IDisposable
{
    private readonly LedgerHarness _ledger = new(("alice", 1000), ("bob", 10));

    private byte[] Transfer => new TransferArgs(_ledger.Id("bob"), 1).Encode();

    [Fact]
    public void Execute_ValidTransfer_IncludedAndNonceAdvances()
    {
        _ledger.Include("alice", "accounts", "transfer", Transfer);

        Assert.Equal(1UL, AccountsState.NextNonce(_ledger.State, _ledger.Id("alice")));
        Assert.Equal(0UL, AccountsState.NextNonce(_ledger.State, _ledger.Id("bob")));
    }

    [Fact]
    public void Execute_OtherChain_RejectedAsWrongChain() =>
        _ledger.RejectUnchanged(_ledger.Sign("alice", "accounts", "transfer", Transfer, chainId: "arcanum-main"), ErrorCodes.WrongChain);

    [Fact]
    public void Execute_TamperedSignature_RejectedAsBadSignature()
    {
        var tx = _ledger.Sign("alice", "accounts", "transfer", Transfer);
        var signature = tx.Signature.ToArray();
        signature[10] ^= 1;
        Assert.True(Transaction.TryCreate(tx.ChainId, tx.Sender, tx.Nonce, tx.Module, tx.Call, tx.Args, signature, out var tampered, out _));

        _ledger.RejectUnchanged(tampered, ErrorCodes.BadSignature);
    }

    [Fact]
    public void Execute_SignedByAnotherKey_RejectedAsBadSignature()
    {
        var byBob = _ledger.Sign("bob", "accounts", "transfer", Transfer);
        Assert.True(Transaction.TryCreate(byBob.ChainId, _ledger.Id("alice"), byBob.Nonce, byBob.Module, byBob.Call, byBob.Args, byBob.Signature, out var forged, out _));

        _ledger.RejectUnchanged(forged, ErrorCodes.BadSignature);
    }

    [Fact]
    public void Execute_ReplayedTransaction_RejectedAsReplayed()
    {
        var tx = _ledger.Sign("alice", "accounts", "transfer", Transfer);
        Assert.True(_ledger.Execute(tx).IsIncluded);

        _ledger.RejectUnchanged(tx, ErrorCodes.NonceReplayed);
    }

    [Fact]
    public void Execute_SkippedNonce_RejectedAsSkipped() =>
        _ledger.RejectUnchanged(_ledger.Sign("alice", "accounts", "transfer", Transfer, nonce: 1), ErrorCodes.NonceSkipped);

    [Fact]
    public void Execute_RejectedTransaction_DoesNotAdvanceNonce()
    {
        _ledger.Reject("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("bob"), 5000).Encode(), ErrorCodes.InsufficientBalance);

        Assert.Equal(0UL, AccountsState.NextNonce(_ledger.State, _ledger.Id("alice")));
        _ledger.Include("alice", "accounts", "transfer", Transfer);
    }

    [Fact]
    public void Execute_UnknownModule_Rejected() => _ledger.Reject("alice", "staking", "transfer", Transfer, ErrorCodes.UnknownModule);

    [Fact]
    public void Execute_UnknownCall_Rejected() => _ledger.Reject("alice", "accounts", "mint", Transfer, ErrorCodes.UnknownCall);

    [Fact]
    public void Execute_WrongChainAndBadNonce_ReportsChainFirst() =>
        _ledger.RejectUnchanged(_ledger.Sign("alice", "nothing", "nothing", [], nonce: 9, chainId: "other"), ErrorCodes.WrongChain);

    [Fact]
    public void Execute_SkippedNonceAndUnknownModule_ReportsNonceFirst() =>
        _ledger.RejectUnchanged(_ledger.Sign("alice", "nothing", "nothing", [], nonce: 9), ErrorCodes.NonceSkipped);

    [Fact]
    public void Execute_UnknownCallAndMalformedArgs_ReportsCallFirst() =>
        _ledger.Reject("alice", "accounts", "mint", [1], ErrorCodes.UnknownCall);

    /// <summary>For every call: its valid args with a byte dropped and with a byte added.</summary>
    public static TheoryData<string, string, byte[]> MalformedArgs()
    {
        var account = AccountId.FromBytes(new byte[32]);
        var resource = ResourceId.Create("doc");
        (string Module, string Call, byte[] Args)[] valid =
        [
            ("accounts", "transfer", new TransferArgs(account, 1).Encode()),
            ("keystore", "register_key", new RegisterKeyArgs(new byte[32], new byte[32]).Encode()),
            ("keystore", "rotate_key", new RotateKeyArgs(new byte[32]).Encode()),
            ("access", "register_resource", new RegisterResourceArgs(resource, PrivacyLevel.Protected).Encode()),
            ("access", "grant_access", new GrantAccessArgs(resource, account, 5, Admin: false).Encode()),
            ("access", "revoke_access", new RevokeAccessArgs(resource, account).Encode()),
            ("access", "batch_grant", BatchGrantArgs.Create(resource, [account], null).Encode()),
            ("messages", "send_message", new SendMessageArgs(MessageTarget.ToAccount(account), [1, 2, 3]).Encode()),
        ];
        var data = new TheoryData<string, string, byte[]>();
        foreach (var (module, call, args) in valid)
        {
            data.Add(module, call, args[..^1]);
            data.Add(module, call, [.. args, 0]);
        }
        Assert.Equal(16, data.Count);
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedArgs))]
    public void Execute_MalformedArgs_Rejected(string module, string call, byte[] args) =>
        _ledger.Reject("alice", module, call, args, ErrorCodes.MalformedArgs);

    public static TheoryData<string, string, byte[]> NonCanonicalArgs()
    {
        var resource = ResourceId.Create("doc");
        var low = AccountId.FromBytes(new byte[32]);
        var high = AccountId.FromBytes(Enumerable.Repeat((byte)0xff, 32).ToArray());
        var grant = new GrantAccessArgs(resource, low, null, Admin: false).Encode();
        var badBool = (byte[])grant.Clone();
        badBool[^1] = 2;
        var badPresence = (byte[])grant.Clone();
        badPresence[^2] = 7;
        var register = new RegisterResourceArgs(resource, PrivacyLevel.Public).Encode();
        register[^1] = 4;
        var badResource = new RegisterResourceArgs(resource, PrivacyLevel.Public).Encode();
        badResource[4] = (byte)'D';
        var unsorted = new BatchGrantArgs(resource, [high, low], null).Encode();
        var duplicate = new BatchGrantArgs(resource, [low, low], null).Encode();
        var badTag = new SendMessageArgs(MessageTarget.ToAccount(low), [1]).Encode();
        badTag[0] = 2;
        return new()
        {
            { "access", "grant_access", badBool },
            { "access", "grant_access", badPresence },
            { "access", "register_resource", register },
            { "access", "register_resource", badResource },
            { "access", "batch_grant", unsorted },
            { "access", "batch_grant", duplicate },
            { "messages", "send_message", badTag },
            { "messages", "send_message", EmptyEnvelope(low) },
        };
    }

    [Theory]
    [MemberData(nameof(NonCanonicalArgs))]
    public void Execute_NonCanonicalArgs_Rejected(string module, string call, byte[] args) =>
        _ledger.Reject("alice", module, call, args, ErrorCodes.MalformedArgs);

    public void Dispose() => _ledger.Dispose();

    private static byte[] EmptyEnvelope(AccountId recipient)
    {
        var args = new SendMessageArgs(MessageTarget.ToAccount(recipient), [1]).Encode();
        return [.. args[..^5], 0, 0, 0, 0];
    }
}
