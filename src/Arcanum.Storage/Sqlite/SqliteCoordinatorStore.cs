using System.Data.Common;
using Arcanum.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Sqlite;

/// <summary>
/// The default coordinator store: one SQLite file in WAL mode (https://sqlite.org/wal.html), so readers
/// never block the writer nor it them. Every operation takes a connection from Microsoft.Data.Sqlite's
/// pool. SQLite admits one writer at a time; writers of this process queue on an async gate instead of
/// polling the database lock (SQLite's busy handler sleeps in steps of up to 100 ms), and
/// <c>busy_timeout</c> covers writers in other processes. Every write is a single autocommit statement
/// (an idempotency claim: one short <c>BEGIN IMMEDIATE</c> transaction), so the lock is held briefly.
/// </summary>
/// <remarks>
/// <c>synchronous=FULL</c>: in WAL mode a commit then syncs the log before it returns, so a session
/// that ended or a key epoch that advanced survives a power cut (NORMAL would keep the database
/// consistent but could forget the last commits, letting a retried request run again). The price is
/// one fsync of the WAL per commit, which a metadata store of short writes affords.
/// </remarks>
public sealed class SqliteCoordinatorStore : SqlCoordinatorStore
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private const int SqliteConstraint = 19;

    private const int SqliteConstraintForeignKey = (3 << 8) | SqliteConstraint;

    private const int SqliteConstraintPrimaryKey = (6 << 8) | SqliteConstraint;

    private const int SqliteConstraintUnique = (8 << 8) | SqliteConstraint;

    // Per-connection settings (https://sqlite.org/pragma.html), applied on every open because a pooled
    // connection may be new; journal_mode=WAL is stored in the file and is set once in OpenAsync.
    private static readonly string ConnectionPragmas =
        $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _connectionString;

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private SqliteCoordinatorStore(string connectionString)
        : base("Sqlite")
    {
        _connectionString = connectionString;
    }

    /// <summary>
    /// Opens (creating it and its directory when missing) the database file at <paramref name="databasePath"/>
    /// and switches it to WAL mode. Call <see cref="SqlCoordinatorStore.MigrateAsync"/> before first use.
    /// </summary>
    public static async Task<SqliteCoordinatorStore> OpenAsync(string databasePath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _ = NativeLibrary.Value;
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Seconds; Microsoft.Data.Sqlite retries a busy statement until this elapses, kept equal to busy_timeout.
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

        var store = new SqliteCoordinatorStore(connectionString);
        try
        {
            await store.UseWriteAheadLogAsync(fullPath, ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled connections to this file, so it can be moved or deleted.</summary>
    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task UseWriteAheadLogAsync(string fullPath, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await journal.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite database '{fullPath}' could not switch to WAL mode (its journal mode is '{mode}').");
        }
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = ConnectionPragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private protected override async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await base.WriteAsync(write, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // BeginTransaction() issues BEGIN IMMEDIATE: the write lock is taken at once, so a second process
    // migrating the same file waits (busy_timeout) and then finds the migrations recorded.
    private protected override Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // One writer at a time (the write gate, then the database lock): a check inside a write cannot be
    // overtaken by another write, so no row lock is needed.
    private protected override string ShareLockClause => "";

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    private protected override bool IsForeignKeyViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey };
}
