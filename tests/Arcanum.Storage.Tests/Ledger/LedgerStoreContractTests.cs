using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Arcanum.Storage.Ledger;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>
/// The <see cref="ILedgerStore"/> contract, with the same test bodies for every store: the in-memory reference, the
/// SQLite file and PostgreSQL. Each test starts on a fresh, migrated, empty store; blocks are real (genesis and
/// <see cref="BlockBuilder"/> over a tree on the store under test).
/// </summary>
public abstract class LedgerStoreContractTests : IAsyncLifetime
{
    /// <summary>The store under test.</summary>
    protected ILedgerStore Ledger { get; private set; } = null!;

    public async Task InitializeAsync() => Ledger = await OpenFreshLedgerAsync();

    public abstract Task DisposeAsync();

    /// <summary>A new, migrated, empty store, released by <see cref="DisposeAsync"/>.</summary>
    protected abstract Task<ILedgerStore> OpenFreshLedgerAsync();

    [Fact]
    public async Task SetHeadAsync_HeadAlreadyRecorded_ReturnsFalseAndKeepsIt()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var genesisRoot = chain.Head.StateRoot;

        Assert.False(await Ledger.SetHeadAsync(0, genesisRoot));
        Assert.False(await Ledger.SetHeadAsync(1, genesisRoot));
        Assert.False(await Ledger.SetHeadAsync(7, SparseMerkleTree.EmptyRoot));

        var head = await Ledger.GetHeadAsync();
        Assert.Equal(0, head!.Height);
        Assert.Equal(genesisRoot, head.Root);
    }

    [Fact]
    public async Task SetHeadAsync_RootNotInStore_ThrowsAndRecordsNoHead()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.SetHeadAsync(0, Enumerable.Repeat((byte)7, 32).ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.SetHeadAsync(0, new byte[31]));

        Assert.Null(await Ledger.GetHeadAsync());
    }

    [Fact]
    public async Task AppendBlockAsync_NextHeight_StoresBlockRecordsAndMovesHead()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var (block, records) = chain.Next(chain.Transfers(5));

        Assert.True(await Ledger.AppendBlockAsync(block, records));

        var head = await Ledger.GetHeadAsync();
        Assert.Equal(1, head!.Height);
        Assert.Equal(block.Header.StateRoot, head.Root);
        var stored = await Ledger.GetBlockAsync(1);
        Assert.Equal(block.Encode(), stored!.Encode());
        Assert.Equal(5, stored.Block.Transactions.Count);
        Assert.All(records, record => Assert.True(record.IsIncluded));
        Assert.Equal(records[4], await Ledger.GetTransactionAsync(records[4].Hash), RecordComparer.Instance);
    }

    [Fact]
    public async Task AppendBlockAsync_NotTheNextHeight_ReturnsFalseAndStoresNothing()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var first = chain.Next(chain.Transfers(2));
        var second = chain.Next(chain.Transfers(2));
        await Ledger.AddPendingAsync([.. second.Block.Block.Transactions]);

        Assert.False(await Ledger.AppendBlockAsync(second.Block, second.Records));
        Assert.True(await Ledger.AppendBlockAsync(first.Block, first.Records));
        Assert.False(await Ledger.AppendBlockAsync(first.Block, []));

        Assert.Equal(1, (await Ledger.GetHeadAsync())!.Height);
        Assert.Null(await Ledger.GetBlockAsync(2));
        Assert.Null(await Ledger.GetTransactionAsync(second.Records[0].Hash));
        Assert.Equal(2, await Ledger.CountPendingAsync());
        Assert.True(await Ledger.AppendBlockAsync(second.Block, second.Records));
        Assert.Equal(0, await Ledger.CountPendingAsync());
    }

    [Fact]
    public async Task AppendBlockAsync_NoHead_ReturnsFalse()
    {
        using var chain = LedgerTestChain.Create(Ledger);
        var (block, records) = chain.Next(chain.Transfers(1));

        Assert.False(await Ledger.AppendBlockAsync(block, records));

        Assert.Null(await Ledger.GetHeadAsync());
        Assert.Null(await Ledger.GetBlockAsync(1));
    }

    [Fact]
    public async Task AppendBlockAsync_TransactionAlreadyRecorded_ThrowsAndStoresNothingOfTheBlock()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var replayed = chain.Transfer(0);
        var first = chain.Next([replayed]);
        Assert.True(await Ledger.AppendBlockAsync(first.Block, first.Records));
        var fresh = chain.Transfer(1);
        Assert.Equal(1, await Ledger.AddPendingAsync([fresh]));
        var second = chain.Next([fresh, replayed]);
        Assert.Equal(ErrorCodes.NonceReplayed, second.Records[1].Reason);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.AppendBlockAsync(second.Block, second.Records));

        Assert.Contains("already recorded", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Ledger.GetHeadAsync())!.Height);
        Assert.Null(await Ledger.GetBlockAsync(2));
        Assert.Null(await Ledger.GetTransactionAsync(fresh.Hash()));
        Assert.True(await Ledger.IsPendingAsync(fresh.Hash()));
        Assert.True((await Ledger.GetTransactionAsync(replayed.Hash()))!.IsIncluded);
    }

    [Fact]
    public async Task AppendBlockAsync_HashRepeatedInTheRecords_ThrowsAndStoresNothing()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var (block, records) = chain.Next(chain.Transfers(2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.AppendBlockAsync(block, [.. records, records[0]]));

        Assert.Equal(0, (await Ledger.GetHeadAsync())!.Height);
        Assert.Null(await Ledger.GetTransactionAsync(records[1].Hash));
    }

    [Theory]
    [InlineData("hash")]
    [InlineData("height")]
    [InlineData("index")]
    [InlineData("included-with-reason")]
    [InlineData("rejected-without-reason")]
    [InlineData("rejected-with-events")]
    public async Task AppendBlockAsync_RecordNotOfTheBlock_ThrowsNamingItAndStoresNothing(string fault)
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var (block, records) = chain.Next(chain.Transfers(2));
        var record = records[1];
        records[1] = fault switch
        {
            "hash" => record with { Hash = record.Hash[..31] },
            "height" => record with { Height = 2 },
            "index" => record with { Index = 2 },
            "included-with-reason" => record with { Reason = ErrorCodes.NonceSkipped },
            "rejected-without-reason" => record with { Index = null, EventsJson = null },
            _ => record with { Index = null, Reason = ErrorCodes.NonceSkipped },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Ledger.AppendBlockAsync(block, records));

        Assert.Contains("transactions[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Ledger.GetHeadAsync())!.Height);
        Assert.Null(await Ledger.GetBlockAsync(1));
    }

    [Fact]
    public async Task GetTransactionAsync_IncludedAndRejected_ReturnWhatBecameOfEach()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var included = chain.Transfer(2);
        var skipped = chain.Transfer(3, nonce: 9);
        var (block, records) = chain.Next([skipped, included]);

        Assert.True(await Ledger.AppendBlockAsync(block, records));

        var accepted = await Ledger.GetTransactionAsync(included.Hash());
        Assert.True(accepted!.IsIncluded);
        Assert.Equal((1L, 0), (accepted.Height, accepted.Index!.Value));
        Assert.Null(accepted.Reason);
        Assert.Contains("\"module\":\"accounts\"", accepted.EventsJson, StringComparison.Ordinal);
        var rejected = await Ledger.GetTransactionAsync(skipped.Hash());
        Assert.False(rejected!.IsIncluded);
        Assert.Equal(1, rejected.Height);
        Assert.Equal(records[0].Reason, rejected.Reason);
        Assert.False(string.IsNullOrEmpty(rejected.Detail));
        Assert.Null(rejected.EventsJson);
        Assert.Null(await Ledger.GetTransactionAsync(chain.Transfer(0).Hash()));
        Assert.Null(await Ledger.GetTransactionAsync(new byte[5]));
    }

    [Fact]
    public async Task AddPendingAsync_SeveralCalls_KeepsAcceptanceOrderAndSkipsDuplicates()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var transactions = chain.Transfers(5);

        Assert.Equal(2, await Ledger.AddPendingAsync(transactions[..2]));
        Assert.Equal(1, await Ledger.AddPendingAsync([transactions[2]]));
        Assert.Equal(2, await Ledger.AddPendingAsync([transactions[1], transactions[3], transactions[3], transactions[4]]));
        Assert.Equal(0, await Ledger.AddPendingAsync([]));

        Assert.Equal(Encoded(transactions), Encoded(await Ledger.GetPendingAsync(10)));
        Assert.Equal(Encoded(transactions[..3]), Encoded(await Ledger.GetPendingAsync(3)));
        Assert.Empty(await Ledger.GetPendingAsync(0));
        Assert.Equal(5, await Ledger.CountPendingAsync());
        Assert.True(await Ledger.IsPendingAsync(transactions[4].Hash()));
        Assert.False(await Ledger.IsPendingAsync(chain.Transfer(0).Hash()));
    }

    [Fact]
    public async Task AppendBlockAsync_ProcessedTransactions_LeaveThePoolAndAreNotPooledAgain()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var transactions = chain.Transfers(4);
        var rejected = chain.Transfer(1, nonce: 50);
        Assert.Equal(5, await Ledger.AddPendingAsync([.. transactions, rejected]));
        var (block, records) = chain.Next([transactions[0], rejected, transactions[1]]);

        Assert.True(await Ledger.AppendBlockAsync(block, records));

        Assert.Equal(Encoded(transactions[2..]), Encoded(await Ledger.GetPendingAsync(10)));
        Assert.False(await Ledger.IsPendingAsync(rejected.Hash()));
        Assert.Equal(0, await Ledger.AddPendingAsync([transactions[0], rejected, transactions[2]]));
        Assert.Equal(2, await Ledger.CountPendingAsync());
        var later = chain.Transfer(3);
        Assert.Equal(1, await Ledger.AddPendingAsync([later]));
        Assert.Equal(Encoded([.. transactions[2..], later]), Encoded(await Ledger.GetPendingAsync(10)));
    }

    [Fact]
    public async Task AddPendingAsync_ConcurrentCallers_LoseNothingAndKeepEachCallersOrder()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger, accounts: 8);
        var perCaller = Enumerable.Range(0, 8).Select(caller => Enumerable.Range(0, 30).Select(_ => chain.Transfer(caller)).ToList()).ToList();

        var added = await Task.WhenAll(perCaller.Select(transactions => Task.Run(async () =>
        {
            var count = 0;
            foreach (var batch in transactions.Chunk(3))
            {
                count += await Ledger.AddPendingAsync(batch);
            }

            return count;
        })));

        Assert.All(added, count => Assert.Equal(30, count));
        Assert.Equal(240, await Ledger.CountPendingAsync());
        var pooled = Encoded(await Ledger.GetPendingAsync(1_000));
        foreach (var transactions in perCaller)
        {
            var positions = Encoded(transactions).Select(encoded => pooled.FindIndex(p => p.SequenceEqual(encoded))).ToList();
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(positions.Order(), positions);
        }
    }

    [Fact]
    public async Task GetBlocksAsync_Range_ReturnsConsecutiveBlocksAscendingUpToTheCap()
    {
        using var chain = await LedgerTestChain.StartAsync(Ledger);
        var blocks = new List<FinalizedBlock>();
        for (var height = 1; height <= 4; height++)
        {
            var (block, records) = chain.Next(chain.Transfers(height));
            Assert.True(await Ledger.AppendBlockAsync(block, records));
            blocks.Add(block);
        }

        Assert.Equal(Encoded(blocks), Encoded(await Ledger.GetBlocksAsync(1, 64)));
        Assert.Equal(Encoded(blocks[1..3]), Encoded(await Ledger.GetBlocksAsync(2, 2)));
        Assert.Equal(Encoded(blocks[3..]), Encoded(await Ledger.GetBlocksAsync(4, 64)));
        Assert.Empty(await Ledger.GetBlocksAsync(0, 64));
        Assert.Empty(await Ledger.GetBlocksAsync(-3, 64));
        Assert.Empty(await Ledger.GetBlocksAsync(5, 64));
        Assert.Empty(await Ledger.GetBlocksAsync(1, 0));
        Assert.Null(await Ledger.GetBlockAsync(0));
        Assert.Equal(blocks[2].Encode(), (await Ledger.GetBlockAsync(3))!.Encode());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.GetBlocksAsync(1, -1));
    }

    [Fact]
    public async Task TrySetMetaAsync_SecondValue_IsRefusedAndTheFirstKept()
    {
        Assert.Null(await Ledger.GetMetaAsync("committee_key_id"));

        Assert.True(await Ledger.TrySetMetaAsync("committee_key_id", "key-1"));
        Assert.False(await Ledger.TrySetMetaAsync("committee_key_id", "key-2"));
        Assert.False(await Ledger.TrySetMetaAsync("committee_key_id", "key-1"));
        Assert.True(await Ledger.TrySetMetaAsync("chain_id", new string('x', LedgerMeta.MaxValueLength)));

        Assert.Equal("key-1", await Ledger.GetMetaAsync("committee_key_id"));
        Assert.Equal(LedgerMeta.MaxValueLength, (await Ledger.GetMetaAsync("chain_id"))!.Length);
        Assert.Null(await Ledger.GetMetaAsync("other"));
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("Committee", "v")]
    [InlineData("committee-key", "v")]
    [InlineData("committee key", "v")]
    [InlineData("k\u00e9y", "v")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789g1234", "v")]
    [InlineData("name", null)]
    public async Task TrySetMetaAsync_InvalidNameOrValue_ThrowsAndRecordsNothing(string name, string? value)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.TrySetMetaAsync(name, value ?? new string('v', LedgerMeta.MaxValueLength + 1)));

        Assert.Null(await Ledger.GetMetaAsync(name));
    }

    /// <summary>Each transaction's signed encoding, for comparing lists by content.</summary>
    protected static List<byte[]> Encoded(IEnumerable<Transaction> transactions) => [.. transactions.Select(transaction => transaction.EncodeSigned())];

    /// <summary>Each block's encoding, for comparing lists by content.</summary>
    protected static List<byte[]> Encoded(IEnumerable<FinalizedBlock> blocks) => [.. blocks.Select(block => block.Encode())];
}

/// <summary>Compares transaction records by content (the hash is an array).</summary>
internal sealed class RecordComparer : IEqualityComparer<LedgerTransactionRecord?>
{
    public static readonly RecordComparer Instance = new();

    public bool Equals(LedgerTransactionRecord? x, LedgerTransactionRecord? y) =>
        x is not null && y is not null && x.Hash.AsSpan().SequenceEqual(y.Hash) && (x with { Hash = y.Hash }) == y;

    public int GetHashCode(LedgerTransactionRecord? obj) => obj?.Height.GetHashCode() ?? 0;
}
