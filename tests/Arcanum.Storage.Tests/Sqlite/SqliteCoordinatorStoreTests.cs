using System.Data.Common;
using Arcanum.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Tests.Sqlite;

/// <summary>The conformance suite on a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteCoordinatorStoreTests : CoordinatorStoreConformanceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arcanum-storage-" + Guid.NewGuid().ToString("N"));

    private int _databases;

    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesFileInWalMode()
    {
        var path = Path.Combine(_directory, "deeper", "still", "coordinator.db");
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
        Task.FromResult(Path.Combine(_directory, $"db{++_databases}", "coordinator.db"));

    protected override async Task<ICoordinatorStore> OpenStoreAsync(string database) =>
        await SqliteCoordinatorStore.OpenAsync(database);

    protected override async Task<DbConnection> OpenRawConnectionAsync(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
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
