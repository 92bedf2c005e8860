using System.Data.Common;
using Arcanum.Storage.Postgres;
using Arcanum.TestKit;
using Npgsql;

namespace Arcanum.Storage.Tests.Postgres;

/// <summary>
/// The conformance suite on the real PostgreSQL server named by <c>ARCANUM_TEST_PG</c> (started by
/// <c>./test.sh</c>), in a database created for each test and dropped after it. Without the variable
/// every test fails with instructions.
/// </summary>
public sealed class PostgresCoordinatorStoreTests : CoordinatorStoreConformanceTests
{
    private readonly List<TemporaryDatabase> _databases = [];

    protected override string MigrationDialect => "Postgres";

    protected override async Task<string> CreateDatabaseAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        _databases.Add(database);
        return database.ConnectionString;
    }

    // The store pools its connections, as in production; a small pool keeps the concurrency tests within
    // the test server's connection limit while other test classes run beside them.
    protected override async Task<ICoordinatorStore> OpenStoreAsync(string database) =>
        await PostgresCoordinatorStore.OpenAsync(
            new NpgsqlConnectionStringBuilder(database) { Pooling = true, MaxPoolSize = 10 }.ConnectionString);

    protected override async Task<DbConnection> OpenRawConnectionAsync(string database)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task DropDatabasesAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
