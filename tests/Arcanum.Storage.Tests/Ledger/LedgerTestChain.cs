using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Arcanum.Storage.Ledger;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>
/// A chain made with the pure ledger API over the store under test, the way the sequencer makes it: genesis
/// (<see cref="Genesis.Create"/>, head 0 recorded), then blocks built by a <see cref="BlockBuilder"/> over a
/// <see cref="SparseMerkleTree"/> whose nodes go to the store. The store does not verify committee signatures, so
/// every block carries the same 64 made-up bytes. <see cref="Next"/> moves only the chain's own head: appending is
/// the test's business.
/// </summary>
internal sealed class LedgerTestChain : IDisposable
{
    public const string ChainId = "arcanum-test";
    public const ulong StartTime = 1_700_000_000_000;

    private static readonly byte[] AnySignature = [.. Enumerable.Repeat((byte)0xA5, CommitteeSignature.Length)];

    private readonly Ed25519PrivateKey[] _keys;
    private readonly ulong[] _nonces;
    private readonly BlockBuilder _builder = new(ChainId, TransactionExecutor.CreateDefault());
    private readonly SparseMerkleTree _tree;

    private LedgerTestChain(ILedgerStore store, int accounts)
    {
        _keys = [.. Enumerable.Range(0, accounts).Select(index => Ed25519PrivateKey.FromSeed(SHA256.HashData(BitConverter.GetBytes(index))))];
        _nonces = new ulong[accounts];
        Assert.True(
            GenesisDocument.TryCreate(ChainId, _keys.Select(key => new GenesisAllocation(AccountId.FromPublicKey(key.PublicKey), 1_000_000UL)), out var document, out var error),
            error?.ToString());
        _tree = new SparseMerkleTree(store);
        Head = Genesis.Create(document, _tree).Header;
    }

    /// <summary>The header of the last block <see cref="Next"/> built (genesis at first).</summary>
    public BlockHeader Head { get; private set; }

    /// <summary>Computes genesis over <paramref name="store"/> (its nodes only; no head recorded).</summary>
    public static LedgerTestChain Create(ILedgerStore store, int accounts = 4) => new(store, accounts);

    /// <summary>Computes genesis over <paramref name="store"/> and records it as the store's first head.</summary>
    public static async Task<LedgerTestChain> StartAsync(ILedgerStore store, int accounts = 4)
    {
        var chain = Create(store, accounts);
        Assert.True(await store.SetHeadAsync(0, chain.Head.StateRoot));
        return chain;
    }

    /// <summary>A transfer of 1 from account <paramref name="from"/> with its next nonce (or <paramref name="nonce"/>).</summary>
    public Transaction Transfer(int from, ulong? nonce = null)
    {
        var to = AccountId.FromPublicKey(_keys[(from + 1) % _keys.Length].PublicKey);
        var args = new TransferArgs(to, 1).Encode();
        return Transaction.Sign(ChainId, _keys[from], nonce ?? _nonces[from]++, AccountsModule.ModuleName, AccountsModule.Transfer, args);
    }

    /// <summary><paramref name="count"/> transfers spread over every account, each with its sender's next nonce.</summary>
    public List<Transaction> Transfers(int count) => [.. Enumerable.Range(0, count).Select(index => Transfer(index % _keys.Length))];

    /// <summary>Builds the next block from <paramref name="pending"/> and returns it finalized with the records the sequencer stores.</summary>
    public (FinalizedBlock Block, List<LedgerTransactionRecord> Records) Next(IReadOnlyList<Transaction> pending)
    {
        var built = _builder.Build(Head, _tree, pending, StartTime + (Head.Height * 500));
        Head = built.Block.Header;
        var height = (long)Head.Height;
        var index = 0;
        var records = built.Processed
            .Select(processed => processed.Outcome.IsIncluded
                ? new LedgerTransactionRecord(processed.Transaction.Hash(), height, index++, null, null, EventsJson(processed.Outcome.Events))
                : new LedgerTransactionRecord(processed.Transaction.Hash(), height, null, processed.Outcome.Reason, processed.Outcome.Detail, null))
            .ToList();
        return (new FinalizedBlock(built.Block, AnySignature), records);
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private static string EventsJson(IReadOnlyList<LedgerEvent> events) =>
        JsonSerializer.Serialize(events.Select(e => new
        {
            module = e.Module,
            name = e.Name,
            attributes = e.Attributes.Select(a => new { key = a.Key, value = a.Value }),
        }));
}
