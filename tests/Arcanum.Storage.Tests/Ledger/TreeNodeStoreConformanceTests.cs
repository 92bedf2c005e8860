using System.Data.Common;
using System.Security.Cryptography;
using Arcanum.Ledger.State;
using Arcanum.Storage.Ledger;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>
/// The <see cref="SqlTreeNodeStore"/> contract, run against each dialect by a subclass that supplies fresh databases.
/// Every test starts on its own migrated, empty ledger database.
/// </summary>
public abstract partial class TreeNodeStoreConformanceTests : IAsyncLifetime
{
    /// <summary>The number of ledger migrations each dialect ships (0001_tree_nodes).</summary>
    private const long NewestLedgerSchemaVersion = 1;

    private readonly List<SqlTreeNodeStore> _stores = [];

    private string _database = "";

    /// <summary>The store under test, open on this test's database and migrated.</summary>
    protected SqlTreeNodeStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Store = await OpenAsync(_database);
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DropDatabasesAsync();
    }

    /// <summary>Creates an empty database and returns what <see cref="OpenStoreAsync"/> needs to open it.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens a new store instance on <paramref name="database"/>.</summary>
    protected abstract Task<SqlTreeNodeStore> OpenStoreAsync(string database);

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
    public async Task SetHeadAsync_GenesisThenNextHeights_MovesForwardOneAtATime()
    {
        var roots = StoreRoots(3);

        Assert.True(await Store.SetHeadAsync(0, SparseMerkleTree.EmptyRoot));
        Assert.True(await Store.SetHeadAsync(1, roots[0]));
        Assert.True(await Store.SetHeadAsync(2, roots[1]));

        var head = await Store.GetHeadAsync();
        Assert.NotNull(head);
        Assert.Equal(2, head.Height);
        Assert.Equal(roots[1], head.Root);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(4)]
    [InlineData(0)]
    public async Task SetHeadAsync_NotTheNextHeight_ReturnsFalseAndKeepsTheHead(long height)
    {
        var roots = StoreRoots(2);
        Assert.True(await Store.SetHeadAsync(5, roots[0]));

        Assert.False(await Store.SetHeadAsync(height, roots[1]));

        var head = await Store.GetHeadAsync();
        Assert.Equal(5, head!.Height);
        Assert.Equal(roots[0], head.Root);
    }

    [Fact]
    public async Task SetHeadAsync_FirstHeadAtSnapshotHeight_IsAccepted()
    {
        var root = StoreRoots(1)[0];

        Assert.True(await Store.SetHeadAsync(1_000, root));

        Assert.Equal(1_000, (await Store.GetHeadAsync())!.Height);
        Assert.True(await Store.SetHeadAsync(1_001, root));
    }

    [Fact]
    public async Task SetHeadAsync_RootNotInStore_ThrowsAndKeepsNoHead()
    {
        var missing = Node(9).Hash;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetHeadAsync(0, missing));

        Assert.Null(await Store.GetHeadAsync());
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
    public async Task SetHeadAsync_TwoStoresRaceForTheSameHeight_ExactlyOneWins()
    {
        var roots = StoreRoots(2);
        Assert.True(await Store.SetHeadAsync(0, SparseMerkleTree.EmptyRoot));
        var other = await OpenAsync(_database);

        var results = await Task.WhenAll(Store.SetHeadAsync(1, roots[0]), other.SetHeadAsync(1, roots[1]));

        Assert.Single(results, won => won);
        var head = await Store.GetHeadAsync();
        Assert.Equal(1, head!.Height);
        Assert.Equal(results[0] ? roots[0] : roots[1], head.Root);
    }

    [Fact]
    public async Task SetHeadAsync_ReopenedDatabase_HeadIsKept()
    {
        var root = StoreRoots(1)[0];
        Assert.True(await Store.SetHeadAsync(0, root));

        var reopened = await OpenAsync(_database);

        var head = await reopened.GetHeadAsync();
        Assert.Equal(0, head!.Height);
        Assert.Equal(root, head.Root);
        Assert.False(await reopened.SetHeadAsync(0, root));
        Assert.True(await reopened.SetHeadAsync(1, root));
    }

    /// <summary>Opens a store on <paramref name="database"/> (and migrates it) that is closed when the test ends.</summary>
    protected async Task<SqlTreeNodeStore> OpenAsync(string database)
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
