using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Sqlite;

/// <summary>
/// One SQLite database file as both SQLite stores (coordinator metadata, ledger state) use it: a pooled connection
/// string, per-connection pragmas (https://sqlite.org/pragma.html: synchronous=FULL, a busy timeout, and whatever
/// else the store needs), WAL mode set once on open, and clearing the pool on dispose.
/// </summary>
internal sealed class SqliteFile
{
    /// <summary>How long a writer in another process waits for the database lock.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <summary>
    /// The file at <paramref name="databasePath"/> (its directory is created); <paramref name="extraPragmas"/> are run on
    /// every connection too. <paramref name="synchronous"/> is FULL (every commit durable when it returns) unless a store
    /// can afford to lose its last commits in a power failure (NORMAL: in WAL mode still atomic and in order).
    /// </summary>
    public SqliteFile(string databasePath, string extraPragmas = "", string synchronous = "FULL")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _ = NativeLibrary.Value;
        FullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Seconds; Microsoft.Data.Sqlite retries a busy statement until this elapses, kept equal to busy_timeout.
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

        // Per connection, because a pooled connection may be new; journal_mode=WAL is stored in the file.
        _pragmas = $"{extraPragmas}PRAGMA synchronous = {(synchronous == "NORMAL" ? "NORMAL" : "FULL")}; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
    }

    public string FullPath { get; }

    /// <summary>Switches the file to WAL mode (https://sqlite.org/wal.html); throws when SQLite will not.</summary>
    public async Task UseWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await journal.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite database '{FullPath}' could not switch to WAL mode (its journal mode is '{mode}').");
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = _pragmas;
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = _pragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled connections to this file, so it can be moved or deleted.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
