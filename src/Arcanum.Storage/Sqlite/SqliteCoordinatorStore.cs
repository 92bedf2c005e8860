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
    private const int SqliteConstraint = 19;

    private const int SqliteConstraintForeignKey = (3 << 8) | SqliteConstraint;

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY (https://sqlite.org/rescode.html), also read by the ledger store.</summary>
    internal const int SqliteConstraintPrimaryKey = (6 << 8) | SqliteConstraint;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (https://sqlite.org/rescode.html), also read by the ledger store.</summary>
    internal const int SqliteConstraintUnique = (8 << 8) | SqliteConstraint;

    private readonly SqliteFile _file;

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private SqliteCoordinatorStore(SqliteFile file)
        : base("Sqlite")
    {
        _file = file;
    }

    /// <summary>
    /// Opens (creating it and its directory when missing) the database file at <paramref name="databasePath"/>
    /// and switches it to WAL mode. Call <see cref="SqlCoordinatorStore.MigrateAsync"/> before first use.
    /// </summary>
    public static Task<SqliteCoordinatorStore> OpenAsync(string databasePath, CancellationToken ct = default) =>
        StoreOpening.CheckedAsync(new SqliteCoordinatorStore(new SqliteFile(databasePath, "PRAGMA foreign_keys = ON; ")), store => store._file.UseWriteAheadLogAsync(ct));

    /// <summary>Closes the pooled connections to this file, so it can be moved or deleted.</summary>
    public override ValueTask DisposeAsync()
    {
        _file.ClearPool();
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _file.OpenAsync(cancellationToken);

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
