using Arcanum.TestKit;
using Npgsql;

namespace Arcanum.Storage.Tests.Postgres;

/// <summary>The real PostgreSQL server the storage conformance suite runs against is up and isolated per test.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task CreateDatabase_ThrowawayServer_AcceptsSchemaAndRows()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        await using (var create = new NpgsqlCommand("CREATE TABLE probe (id int PRIMARY KEY, body text NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO probe VALUES (1, 'one')", connection))
        {
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using var duplicate = new NpgsqlCommand("INSERT INTO probe VALUES (1, 'again')", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task CreateDatabase_TwoCalls_GiveSeparateDatabases()
    {
        await using var first = await PostgresServer.CreateDatabaseAsync();
        await using var second = await PostgresServer.CreateDatabaseAsync();

        Assert.NotEqual(first.Name, second.Name);
        await using var connection = new NpgsqlConnection(second.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal(second.Name, (string?)await query.ExecuteScalarAsync());
    }

    [Fact]
    public void ConnectionString_ServerFromTestScript_PointsAtLoopback()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString);

        Assert.Equal("127.0.0.1", builder.Host);
    }
}
