using Npgsql;

namespace Arcanum.TestKit;

/// <summary>
/// The throwaway PostgreSQL server that <c>./test.sh</c> starts on 127.0.0.1 and announces in
/// <c>ARCANUM_TEST_PG</c>. Each caller gets a fresh database of its own, dropped on dispose, so
/// tests never see each other's rows.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "ARCANUM_TEST_PG";

    /// <summary>The server's connection string; throws with instructions when it is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL, " +
                $"or point {EnvironmentVariable} at a server you may create databases on.");

    /// <summary>Creates an empty database with a unique name and returns a handle that drops it.</summary>
    public static async Task<TemporaryDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "arcanum_test_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync(cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false };
        return new TemporaryDatabase(name, builder.ConnectionString);
    }
}

/// <summary>A database created for one test class or test; dropped (with its connections) on dispose.</summary>
public sealed class TemporaryDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
