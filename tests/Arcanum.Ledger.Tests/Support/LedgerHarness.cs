using System.Security.Cryptography;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Support;

/// <summary>
/// A ledger in memory: named accounts with keys derived from their names, a genesis, the default executor, and a
/// block context the test moves. Rejections are checked against a full state dump taken before and after.
/// </summary>
public sealed class LedgerHarness : IDisposable
{
    public const string ChainId = "arcanum-test";

    private readonly Dictionary<string, Ed25519PrivateKey> _keys = new(StringComparer.Ordinal);

    public LedgerHarness(params (string Name, ulong Balance)[] allocations)
    {
        Assert.True(GenesisDocument.TryCreate(ChainId, allocations.Select(a => new GenesisAllocation(Id(a.Name), a.Balance)), out var genesis, out var error), error?.ToString());
        genesis.Apply(State);
    }

    public MemoryStateView State { get; } = new();

    public TransactionExecutor Executor { get; } = TransactionExecutor.CreateDefault();

    public ulong Height { get; set; } = 1;

    public ulong Time { get; set; } = 1_700_000_000_000;

    public BlockContext Block => new(ChainId, Height, Time);

    /// <summary>The key of the account called <paramref name="name"/> (seed: SHA-256 of the name).</summary>
    public Ed25519PrivateKey Key(string name)
    {
        if (!_keys.TryGetValue(name, out var key))
        {
            key = Ed25519PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
            _keys.Add(name, key);
        }
        return key;
    }

    public AccountId Id(string name) => AccountId.FromPublicKey(Key(name).PublicKey);

    /// <summary>A transaction from <paramref name="sender"/> with its next nonce unless one is given.</summary>
    public Transaction Sign(string sender, string module, string call, byte[] args, ulong? nonce = null, string chainId = ChainId) =>
        Transaction.Sign(chainId, Key(sender), nonce ?? AccountsState.NextNonce(State, Id(sender)), module, call, args);

    public TxOutcome Execute(Transaction transaction) => Executor.Execute(State, transaction, Block);

    /// <summary>Signs, executes and asserts inclusion; returns the events.</summary>
    public IReadOnlyList<LedgerEvent> Include(string sender, string module, string call, byte[] args)
    {
        var outcome = Execute(Sign(sender, module, call, args));
        Assert.True(outcome.IsIncluded, outcome.ToString());
        return outcome.Events;
    }

    /// <summary>Signs and executes; asserts the rejection reason and that the state did not change at all.</summary>
    public TxOutcome Reject(string sender, string module, string call, byte[] args, string reason) =>
        RejectUnchanged(Sign(sender, module, call, args), reason);

    /// <summary>Executes; asserts the rejection reason and that the state did not change at all.</summary>
    public TxOutcome RejectUnchanged(Transaction transaction, string reason)
    {
        var before = State.Dump();
        var outcome = Execute(transaction);
        Assert.False(outcome.IsIncluded);
        Assert.Equal(reason, outcome.Reason);
        Assert.Empty(outcome.Events);
        Assert.Equal(before, State.Dump());
        return outcome;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
