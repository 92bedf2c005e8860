using System.Data.Common;
using Arcanum.Storage.Sqlite;

namespace Arcanum.Storage.Tests.Sqlite;

/// <summary>The conformance suite on a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteCoordinatorStoreTests : CoordinatorStoreConformanceTests
{
    private readonly SqliteTestDatabases _databases = new("arcanum-storage-");

    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesFileInWalMode()
    {
        var path = _databases.PathUnder("deeper", "still", "coordinator.db");
        await using (var store = await SqliteCoordinatorStore.OpenAsync(path))
        {
            await store.MigrateAsync();
        }

        await using var connection = await OpenRawConnectionAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.True(File.Exists(path));
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    protected override string MigrationDialect => "Sqlite";

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(_databases.NextPath("coordinator.db"));

    protected override async Task<ICoordinatorStore> OpenStoreAsync(string database) =>
        await SqliteCoordinatorStore.OpenAsync(database);

    protected override async Task<DbConnection> OpenRawConnectionAsync(string database) => await SqliteTestDatabases.OpenRawAsync(database);

    protected override Task DropDatabasesAsync()
    {
        _databases.Delete();
        return Task.CompletedTask;
    }
}
