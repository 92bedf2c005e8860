using System.Data.Common;
using Arcanum.Storage.Ledger;
using Arcanum.Storage.Postgres;
using Arcanum.TestKit;
using Npgsql;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>
/// The ledger store conformance suite on the real PostgreSQL server named by <c>ARCANUM_TEST_PG</c> (started by
/// <c>./test.sh</c>), in a database created for each test and dropped after it. Without the variable every test fails
/// with instructions.
/// </summary>
public sealed class PostgresLedgerStoreTests : LedgerStoreConformanceTests
{
    private readonly List<TemporaryDatabase> _databases = [];

    protected override async Task<string> CreateDatabaseAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        _databases.Add(database);
        return database.ConnectionString;
    }

    // A small pool keeps the concurrency tests within the test server's connection limit while other classes run.
    protected override async Task<SqlLedgerStore> OpenStoreAsync(string database) =>
        await PostgresLedgerStore.OpenAsync(PooledConnectionString(database));

    protected override async Task<ICoordinatorStore> OpenCoordinatorStoreAsync(string database) =>
        await PostgresCoordinatorStore.OpenAsync(PooledConnectionString(database));

    protected override async Task<DbConnection> OpenRawConnectionAsync(string database)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task InstallRejectInsertTriggerAsync(DbConnection connection, byte[] hash)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "CREATE FUNCTION reject_node() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
            $"IF NEW.hash = '\\x{Convert.ToHexStringLower(hash)}'::bytea THEN RAISE EXCEPTION 'node rejected'; END IF; RETURN NEW; END $$; " +
            "CREATE TRIGGER reject_node BEFORE INSERT ON tree_nodes FOR EACH ROW EXECUTE FUNCTION reject_node();";
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task DropDatabasesAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    private static string PooledConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(database) { Pooling = true, MaxPoolSize = 10 }.ConnectionString;
}
