using System.Data.Common;
using Arcanum.Storage.Ledger;
using Arcanum.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>The ledger store conformance suite on a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteTreeNodeStoreTests : TreeNodeStoreConformanceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arcanum-ledger-" + Guid.NewGuid().ToString("N"));

    private int _databases;

    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesFileInWalMode()
    {
        var path = Path.Combine(_directory, "deeper", "still", "ledger.db");
        await using (var store = await SqliteTreeNodeStore.OpenAsync(path))
        {
            await store.MigrateAsync();
        }

        await using var connection = await OpenRawConnectionAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.True(File.Exists(path));
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(Path.Combine(_directory, $"db{++_databases}", "ledger.db"));

    protected override async Task<SqlTreeNodeStore> OpenStoreAsync(string database) =>
        await SqliteTreeNodeStore.OpenAsync(database);

    protected override async Task<ICoordinatorStore> OpenCoordinatorStoreAsync(string database) =>
        await SqliteCoordinatorStore.OpenAsync(database);

    protected override async Task<DbConnection> OpenRawConnectionAsync(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task InstallRejectInsertTriggerAsync(DbConnection connection, byte[] hash)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"CREATE TRIGGER reject_node BEFORE INSERT ON tree_nodes WHEN NEW.hash = X'{Convert.ToHexString(hash)}' " +
            "BEGIN SELECT RAISE(ABORT, 'node rejected'); END";
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DropDatabasesAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
