using System.Data.Common;
using Arcanum.Storage.Ledger;
using Arcanum.Storage.Sqlite;
using Xunit.Abstractions;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>The ledger store conformance suite on a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteLedgerStoreTests(ITestOutputHelper output) : LedgerStoreConformanceTests
{
    private readonly SqliteTestDatabases _databases = new("arcanum-ledger-");

    /// <summary>Reports how long large appends took (docs/storage.md quotes it; timings are not asserted).</summary>
    public override async Task DisposeAsync()
    {
        foreach (var elapsed in AppendTimings)
        {
            output.WriteLine($"AppendBlockAsync of a 2,000-transaction block on SQLite: {elapsed.TotalMilliseconds:F1} ms");
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesFileInWalMode()
    {
        var path = _databases.PathUnder("deeper", "still", "ledger.db");
        await using (var store = await SqliteLedgerStore.OpenAsync(path))
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
        Task.FromResult(_databases.NextPath("ledger.db"));

    protected override async Task<SqlLedgerStore> OpenStoreAsync(string database) =>
        await SqliteLedgerStore.OpenAsync(database);

    protected override async Task<ICoordinatorStore> OpenCoordinatorStoreAsync(string database) =>
        await SqliteCoordinatorStore.OpenAsync(database);

    protected override async Task<DbConnection> OpenRawConnectionAsync(string database) => await SqliteTestDatabases.OpenRawAsync(database);

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
        _databases.Delete();
        return Task.CompletedTask;
    }
}
