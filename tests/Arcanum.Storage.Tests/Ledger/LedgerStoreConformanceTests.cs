using System.Data.Common;
using System.Security.Cryptography;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;
using Arcanum.Storage.Ledger;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>
/// The <see cref="SqlLedgerStore"/> contract, run against each dialect by a subclass that supplies fresh databases:
/// the <see cref="ILedgerStore"/> contract every store shares, plus what only a database has (migrations, atomic
/// batches, durability across reopening, corrupt rows). Every test starts on its own migrated, empty ledger database.
/// </summary>
public abstract partial class LedgerStoreConformanceTests : LedgerStoreContractTests
{
    /// <summary>The number of ledger migrations each dialect ships (0001_tree_nodes, 0002_blocks_transactions_pending_meta).</summary>
    private const long NewestLedgerSchemaVersion = 2;

    private readonly List<SqlLedgerStore> _stores = [];

    private string _database = "";

    /// <summary>The store under test, open on this test's database and migrated.</summary>
    protected SqlLedgerStore Store { get; private set; } = null!;

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DropDatabasesAsync();
    }

    protected override async Task<ILedgerStore> OpenFreshLedgerAsync()
    {
        _database = await CreateDatabaseAsync();
        Store = await OpenAsync(_database);
        return Store;
    }

    /// <summary>Creates an empty database and returns what <see cref="OpenStoreAsync"/> needs to open it.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens a new store instance on <paramref name="database"/>.</summary>
    protected abstract Task<SqlLedgerStore> OpenStoreAsync(string database);

    /// <summary>Opens a new coordinator store on <paramref name="database"/>.</summary>
    protected abstract Task<ICoordinatorStore> OpenCoordinatorStoreAsync(string database);

    /// <summary>Opens a plain driver connection to <paramref name="database"/>, to look beneath the store.</summary>
    protected abstract Task<DbConnection> OpenRawConnectionAsync(string database);

    /// <summary>Makes the database reject (raise an error on) any insert into tree_nodes of the node <paramref name="hash"/>.</summary>
    protected abstract Task InstallRejectInsertTriggerAsync(DbConnection connection, byte[] hash);

    /// <summary>Drops every database <see cref="CreateDatabaseAsync"/> made (after the stores are closed).</summary>
    protected abstract Task DropDatabasesAsync();

    [Fact]
    public async Task MigrateAsync_SecondRun_ChangesNothing()
    {
        var (hash, node) = Node(1);
        Store.Put([(hash, node)]);
        var versionsBefore = await CountRowsAsync(_database, "ledger_schema_migrations");

        await Store.MigrateAsync();

        Assert.Equal(NewestLedgerSchemaVersion, versionsBefore);
        Assert.Equal(versionsBefore, await CountRowsAsync(_database, "ledger_schema_migrations"));
        Assert.Equal(node, Store.Get(hash));
    }

    [Fact]
    public async Task MigrateAsync_TwoStoresAtOnceOnEmptyDatabase_ApplyEachMigrationOnce()
    {
        var database = await CreateDatabaseAsync();
        var first = await OpenAsync(database);
        var second = await OpenAsync(database);

        await Task.WhenAll(first.MigrateAsync(), second.MigrateAsync());

        Assert.Equal(NewestLedgerSchemaVersion, await CountRowsAsync(database, "ledger_schema_migrations"));
        var (hash, node) = Node(2);
        first.Put([(hash, node)]);
        Assert.Equal(node, second.Get(hash));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseSharedWithCoordinator_EachKeepsItsOwnVersions()
    {
        var coordinator = await OpenCoordinatorStoreAsync(_database);
        try
        {
            await coordinator.MigrateAsync();
            await Store.MigrateAsync();

            Assert.Equal(NewestLedgerSchemaVersion, await CountRowsAsync(_database, "ledger_schema_migrations"));
            Assert.True(await CountRowsAsync(_database, "schema_migrations") >= 2, "the coordinator's own migrations must all be recorded");
            Assert.Empty(await coordinator.ListKeysAsync());
        }
        finally
        {
            await coordinator.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanBuild_Refuses()
    {
        await using (var connection = await OpenRawConnectionAsync(_database))
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO ledger_schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 0)";
            await insert.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.MigrateAsync());

        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Put_NewNodes_GetReturnsEachNodesBytes()
    {
        var nodes = Enumerable.Range(0, 50).Select(Node).ToList();

        Store.Put(nodes);

        Assert.All(nodes, pair => Assert.Equal(pair.Node, Store.Get(pair.Hash)));
    }

    [Fact]
    public void Get_MissingHash_ReturnsNull()
    {
        Store.Put([Node(1)]);

        Assert.Null(Store.Get(Node(2).Hash));
        Assert.Null(Store.Get(SparseMerkleTree.EmptyRoot));
    }

    [Fact]
    public void Get_HashOfWrongLength_ReturnsNull()
    {
        var (hash, _) = Node(1);
        Store.Put([Node(1)]);

        Assert.Null(Store.Get(hash.AsSpan(0, 31)));
        Assert.Null(Store.Get([.. hash, 0]));
        Assert.Null(Store.Get([]));
    }

    [Fact]
    public async Task Put_SameHashAgain_KeepsTheFirstBytesAndOneRow()
    {
        var (hash, node) = Node(1);
        Store.Put([(hash, node)]);

        Store.Put([(hash, node)]);
        Store.Put([(hash, [0x01, .. new byte[64]])]);

        Assert.Equal(node, Store.Get(hash));
        Assert.Equal(1, await CountRowsAsync(_database, "tree_nodes"));
    }

    [Fact]
    public async Task Put_HashRepeatedInOneBatch_StoresItOnce()
    {
        var (hash, node) = Node(1);
        var other = Node(2);

        Store.Put([(hash, node), other, (hash, node)]);

        Assert.Equal(node, Store.Get(hash));
        Assert.Equal(other.Node, Store.Get(other.Hash));
        Assert.Equal(2, await CountRowsAsync(_database, "tree_nodes"));
    }

    [Fact]
    public async Task Put_DatabaseRejectsANodeMidBatch_StoresNothingOfTheBatch()
    {
        var nodes = Enumerable.Range(0, 20).Select(Node).ToList();
        await using (var connection = await OpenRawConnectionAsync(_database))
        {
            await InstallRejectInsertTriggerAsync(connection, nodes[10].Hash);
        }

        Assert.ThrowsAny<DbException>(() => Store.Put(nodes));

        Assert.All(nodes, pair => Assert.Null(Store.Get(pair.Hash)));
        Assert.Equal(0, await CountRowsAsync(_database, "tree_nodes"));
    }

    [Fact]
    public async Task Put_FailedBatch_LeavesEarlierBatchesAndTheStoreUsable()
    {
        var first = Node(1);
        Store.Put([first]);
        var rejected = Node(2);
        await using (var connection = await OpenRawConnectionAsync(_database))
        {
            await InstallRejectInsertTriggerAsync(connection, rejected.Hash);
        }

        Assert.ThrowsAny<DbException>(() => Store.Put([Node(3), rejected]));
        Store.Put([Node(4)]);

        Assert.Equal(first.Node, Store.Get(first.Hash));
        Assert.Null(Store.Get(Node(3).Hash));
        Assert.Equal(Node(4).Node, Store.Get(Node(4).Hash));
    }

    [Theory]
    [InlineData(31, 65)]
    [InlineData(33, 65)]
    [InlineData(0, 65)]
    [InlineData(32, 0)]
    public async Task Put_MalformedEntryMidBatch_ThrowsNamingItAndStoresNothing(int hashLength, int nodeLength)
    {
        List<(byte[] Hash, byte[] Node)> nodes = [Node(1), (new byte[hashLength], new byte[nodeLength]), Node(2)];

        var error = Assert.Throws<ArgumentException>(() => Store.Put(nodes));

        Assert.Contains("nodes[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsAsync(_database, "tree_nodes"));
    }

    [Fact]
    public async Task Put_EmptyBatch_ChangesNothing()
    {
        Store.Put([]);

        Assert.Equal(0, await CountRowsAsync(_database, "tree_nodes"));
    }

    [Fact]
    public void Get_ReturnedArray_IsTheCallersOwn()
    {
        var (hash, node) = Node(1);
        Store.Put([(hash, node)]);

        var read = Store.Get(hash)!;
        read[0] ^= 0xFF;

        Assert.Equal(node, Store.Get(hash));
    }

    [Fact]
    public async Task GetHeadAsync_NewDatabase_ReturnsNull()
    {
        Assert.Null(await Store.GetHeadAsync());
    }

    [Fact]
    public async Task SetHeadAsync_FirstHeadAtSnapshotHeight_IsAcceptedOnce()
    {
        var root = StoreRoots(1)[0];

        Assert.True(await Store.SetHeadAsync(1_000, root));

        Assert.Equal(1_000, (await Store.GetHeadAsync())!.Height);
        Assert.False(await Store.SetHeadAsync(1_001, root));
        Assert.Equal(1_000, (await Store.GetHeadAsync())!.Height);
    }

    [Fact]
    public async Task SetHeadAsync_BadArguments_Throw()
    {
        var root = StoreRoots(1)[0];

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetHeadAsync(-1, root));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetHeadAsync(0, root[..31]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetHeadAsync(0, [.. root, 0]));
        Assert.Null(await Store.GetHeadAsync());
    }

    [Fact]
    public async Task SetHeadAsync_TwoStoresRaceForTheFirstHead_ExactlyOneWins()
    {
        var roots = StoreRoots(2);
        var other = await OpenAsync(_database);

        var results = await Task.WhenAll(Store.SetHeadAsync(0, roots[0]), other.SetHeadAsync(0, roots[1]));

        Assert.Single(results, won => won);
        var head = await Store.GetHeadAsync();
        Assert.Equal(0, head!.Height);
        Assert.Equal(results[0] ? roots[0] : roots[1], head.Root);
    }

    [Fact]
    public async Task AppendBlockAsync_TwoStoresRaceForTheSameHeight_ExactlyOneStoresIt()
    {
        using var chain = await LedgerTestChain.StartAsync(Store);
        var (block, records) = chain.Next(chain.Transfers(3));
        var other = await OpenAsync(_database);

        var results = await Task.WhenAll(Store.AppendBlockAsync(block, records), other.AppendBlockAsync(block, records));

        Assert.Single(results, won => won);
        Assert.Equal(1, (await other.GetHeadAsync())!.Height);
        Assert.Equal(3, await CountRowsAsync(_database, "ledger_transactions"));
    }

    [Fact]
    public async Task Reopen_AfterBlocksPoolAndSettings_EverythingIsStillThere()
    {
        using var chain = await LedgerTestChain.StartAsync(Store);
        var transactions = chain.Transfers(6);
        Assert.Equal(6, await Store.AddPendingAsync(transactions));
        var first = chain.Next(transactions[..2]);
        var second = chain.Next(transactions[2..4]);
        Assert.True(await Store.AppendBlockAsync(first.Block, first.Records));
        Assert.True(await Store.AppendBlockAsync(second.Block, second.Records));
        Assert.True(await Store.TrySetMetaAsync("committee_key_id", "ledger-key"));
        var third = chain.Next(transactions[4..]);
        await Store.DisposeAsync();

        var reopened = await OpenAsync(_database);

        var head = await reopened.GetHeadAsync();
        Assert.Equal(2, head!.Height);
        Assert.Equal(second.Block.Header.StateRoot, head.Root);
        Assert.Equal(Encoded([first.Block, second.Block]), Encoded(await reopened.GetBlocksAsync(1, 64)));
        Assert.Equal(second.Records[1], await reopened.GetTransactionAsync(transactions[3].Hash()), RecordComparer.Instance);
        Assert.Equal(Encoded(transactions[4..]), Encoded(await reopened.GetPendingAsync(10)));
        Assert.Equal("ledger-key", await reopened.GetMetaAsync("committee_key_id"));
        Assert.False(await reopened.SetHeadAsync(0, SparseMerkleTree.EmptyRoot));
        Assert.True(await reopened.AppendBlockAsync(third.Block, third.Records));
        Assert.Equal(0, await reopened.CountPendingAsync());
    }

    [Fact]
    public async Task GetBlocksAsync_MissingRowInTheMiddle_StopsAtTheGap()
    {
        using var chain = await LedgerTestChain.StartAsync(Store);
        var blocks = new List<FinalizedBlock>();
        for (var height = 1; height <= 3; height++)
        {
            var (block, records) = chain.Next(chain.Transfers(1));
            Assert.True(await Store.AppendBlockAsync(block, records));
            blocks.Add(block);
        }

        await ExecuteAsync(_database, "DELETE FROM ledger_blocks WHERE height = 2");

        Assert.Equal(Encoded(blocks[..1]), Encoded(await Store.GetBlocksAsync(1, 64)));
        Assert.Null(await Store.GetBlockAsync(2));
        Assert.Equal(Encoded(blocks[2..]), Encoded(await Store.GetBlocksAsync(3, 64)));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("other height")]
    public async Task GetBlocksAsync_CorruptRow_ThrowsInvalidDataNamingTheHeight(string corruption)
    {
        using var chain = await LedgerTestChain.StartAsync(Store);
        var first = chain.Next(chain.Transfers(1));
        var second = chain.Next(chain.Transfers(1));
        Assert.True(await Store.AppendBlockAsync(first.Block, first.Records));
        Assert.True(await Store.AppendBlockAsync(second.Block, second.Records));
        var sql = corruption == "truncated"
            ? "UPDATE ledger_blocks SET block = hash WHERE height = 2"
            : "UPDATE ledger_blocks SET block = (SELECT block FROM ledger_blocks WHERE height = 2) WHERE height = 1";
        await ExecuteAsync(_database, sql);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetBlocksAsync(1, 64));
        Assert.Contains($"height {(corruption == "truncated" ? 2 : 1)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPendingAsync_RowThatDoesNotDecode_ThrowsInvalidDataNamingItsSeq()
    {
        using var chain = await LedgerTestChain.StartAsync(Store);
        Assert.Equal(3, await Store.AddPendingAsync(chain.Transfers(3)));
        await using (var connection = await OpenRawConnectionAsync(_database))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq FROM ledger_pending ORDER BY seq";
            var seqs = new List<long>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    seqs.Add(reader.GetInt64(0));
                }
            }

            command.CommandText = $"UPDATE ledger_pending SET tx = (SELECT hash FROM ledger_pending WHERE seq = {seqs[1]}) WHERE seq = {seqs[1]}";
            await command.ExecuteNonQueryAsync();
            Assert.Single(await Store.GetPendingAsync(1));

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetPendingAsync(10));

            Assert.Contains($"seq {seqs[1]}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AppendBlockAsync_BlockOfTwoThousandTransactions_StoresEveryRecordAndEmptiesThePool()
    {
        using var chain = await LedgerTestChain.StartAsync(Store, accounts: 16);
        var transactions = chain.Transfers(2_000);
        Assert.Equal(2_000, await Store.AddPendingAsync(transactions));
        var (block, records) = chain.Next(transactions);
        Assert.Equal(2_000, block.Block.Transactions.Count);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await Store.AppendBlockAsync(block, records));
        AppendTimings.Add(stopwatch.Elapsed);

        Assert.Equal(0, await Store.CountPendingAsync());
        Assert.Equal(2_000, await CountRowsAsync(_database, "ledger_transactions"));
        Assert.Equal(records[1_999], await Store.GetTransactionAsync(transactions[1_999].Hash()), RecordComparer.Instance);
        Assert.Equal(block.Encode(), (await Store.GetBlockAsync(1))!.Encode());
    }

    /// <summary>How long each large append took, for the dialect's test class to report.</summary>
    protected List<TimeSpan> AppendTimings { get; } = [];

    /// <summary>Runs one statement on a plain connection to <paramref name="database"/>, beneath the store.</summary>
    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await OpenRawConnectionAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Opens a store on <paramref name="database"/> (and migrates it) that is closed when the test ends.</summary>
    protected async Task<SqlLedgerStore> OpenAsync(string database)
    {
        var store = await OpenStoreAsync(database);
        _stores.Add(store);
        await store.MigrateAsync();
        return store;
    }

    /// <summary>A made-up node: an internal-node encoding whose children derive from <paramref name="seed"/>, under its SHA-256.</summary>
    private static (byte[] Hash, byte[] Node) Node(int seed)
    {
        byte[] node = [0x01, .. SHA256.HashData(BitConverter.GetBytes(seed)), .. SHA256.HashData(BitConverter.GetBytes(~seed))];
        return (SHA256.HashData(node), node);
    }

    /// <summary>Stores <paramref name="count"/> one-key trees through a real tree and returns their roots.</summary>
    private List<byte[]> StoreRoots(int count) =>
        Enumerable.Range(0, count)
            .Select(index => new SparseMerkleTree(Store).Apply([([(byte)index], [(byte)(index + 1)])]))
            .ToList();

    private async Task<long> CountRowsAsync(string database, string table)
    {
        await using var connection = await OpenRawConnectionAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
