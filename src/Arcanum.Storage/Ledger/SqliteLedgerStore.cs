using System.Data.Common;
using Arcanum.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// The default ledger store: one SQLite file in WAL mode (https://sqlite.org/wal.html), so queries read the last
/// committed batch while the next one is written. Connections come from Microsoft.Data.Sqlite's pool, one per
/// operation. SQLite admits one writer at a time: the writers of this process queue on a gate, and
/// <c>busy_timeout</c> covers writers in other processes. A batch is one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
/// <remarks>
/// <c>synchronous=FULL</c>: a commit syncs the WAL before it returns, so a block's nodes, the block and the head that
/// names them, and every pooled transaction acknowledged to a client, survive a power cut once stored (NORMAL keeps
/// the file consistent but may forget the last commits: a node would re-execute blocks it had already reported, and
/// the sequencer would lose transactions it had answered "pending" for). One fsync per write transaction.
/// </remarks>
public sealed class SqliteLedgerStore : SqlLedgerStore
{
    private readonly SqliteFile _file;

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private SqliteLedgerStore(SqliteFile file)
        : base("LedgerSqlite")
    {
        _file = file;
    }

    /// <summary>
    /// Opens (creating it and its directory when missing) the ledger database file at <paramref name="databasePath"/>
    /// and switches it to WAL mode. Call <see cref="SqlLedgerStore.MigrateAsync"/> before first use. Every commit is
    /// durable when it returns (synchronous=FULL) — what the sequencer needs: an acknowledged pooled transaction is never
    /// lost.
    /// </summary>
    public static Task<SqliteLedgerStore> OpenAsync(string databasePath, CancellationToken ct = default) =>
        OpenAsync(new SqliteFile(databasePath), ct);

    /// <summary>
    /// Opens a node's copy of the ledger: like <see cref="OpenAsync(string, CancellationToken)"/> but with
    /// synchronous=NORMAL, so a power failure may lose the last blocks this copy stored (never reorder or tear them:
    /// WAL commits stay atomic and in order). A node loses nothing by that — it holds no pooled transactions, and the
    /// blocks it lacks after a restart it fetches again and re-verifies (catch-up) — and saves an fsync per commit on
    /// every block.
    /// </summary>
    public static Task<SqliteLedgerStore> OpenReplicaAsync(string databasePath, CancellationToken ct = default) =>
        OpenAsync(new SqliteFile(databasePath, synchronous: "NORMAL"), ct);

    private static Task<SqliteLedgerStore> OpenAsync(SqliteFile file, CancellationToken ct) =>
        StoreOpening.CheckedAsync(new SqliteLedgerStore(file), store => store._file.UseWriteAheadLogAsync(ct));

    /// <summary>Closes the pooled connections to this file, so it can be moved or deleted.</summary>
    public override ValueTask DisposeAsync()
    {
        _file.ClearPool();
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private protected override DbConnection OpenConnection() => _file.Open();

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _file.OpenAsync(cancellationToken);

    // BeginTransaction(deferred: false) issues BEGIN IMMEDIATE: the write lock is taken at once, so a writer in
    // another process waits (busy_timeout) instead of failing when it upgrades from reading.
    private protected override DbTransaction BeginWriteTransaction(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    private protected override Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(BeginWriteTransaction(connection));

    private protected override Task<DbTransaction> BeginChainWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(BeginWriteTransaction(connection));

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteCoordinatorStore.SqliteConstraintUnique or SqliteCoordinatorStore.SqliteConstraintPrimaryKey };

    // Bulk writes execute one prepared statement per row: inside one transaction SQLite does no I/O until the commit,
    // so a multi-row statement would save little and would need chunking under the bound-parameter limit.
    private protected override void InsertNodes(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        using var insert = Prepare(connection, transaction, "INSERT INTO tree_nodes (hash, node) VALUES ($hash, $node) ON CONFLICT (hash) DO NOTHING");
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        var node = insert.Parameters.Add("$node", SqliteType.Blob);
        insert.Prepare();
        foreach (var (nodeHash, nodeBytes) in nodes)
        {
            hash.Value = nodeHash;
            node.Value = nodeBytes;
            insert.ExecuteNonQuery();
        }
    }

    private protected override async Task InsertRecordsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<LedgerTransactionRecord> records, CancellationToken cancellationToken)
    {
        await using var insert = Prepare(
            connection,
            transaction,
            "INSERT INTO ledger_transactions (hash, height, idx, reason, detail, events) VALUES ($hash, $height, $idx, $reason, $detail, $events)");
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        var height = insert.Parameters.Add("$height", SqliteType.Integer);
        var index = insert.Parameters.Add("$idx", SqliteType.Integer);
        var reason = insert.Parameters.Add("$reason", SqliteType.Text);
        var detail = insert.Parameters.Add("$detail", SqliteType.Text);
        var events = insert.Parameters.Add("$events", SqliteType.Text);
        insert.Prepare();
        foreach (var record in records)
        {
            hash.Value = record.Hash;
            height.Value = record.Height;
            index.Value = (object?)record.Index ?? DBNull.Value;
            reason.Value = (object?)record.Reason ?? DBNull.Value;
            detail.Value = (object?)record.Detail ?? DBNull.Value;
            events.Value = (object?)record.EventsJson ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // "WHERE NOT EXISTS" also keeps SQLite's parser from reading ON CONFLICT as part of the SELECT
    // (https://sqlite.org/lang_upsert.html, "Parsing Ambiguity").
    private protected override async Task<int> InsertPendingAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Encoded)> entries, CancellationToken cancellationToken)
    {
        await using var insert = Prepare(
            connection,
            transaction,
            "INSERT INTO ledger_pending (hash, tx) SELECT $hash, $tx " +
            "WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions WHERE hash = $hash) ON CONFLICT (hash) DO NOTHING");
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        var encoded = insert.Parameters.Add("$tx", SqliteType.Blob);
        insert.Prepare();
        var added = 0;
        foreach (var entry in entries)
        {
            hash.Value = entry.Hash;
            encoded.Value = entry.Encoded;
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return added;
    }

    /// <summary>A command in <paramref name="transaction"/>; the caller adds its parameters, then prepares it once and reuses it per row.</summary>
    private static SqliteCommand Prepare(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        return command;
    }

    private protected override void Write(Action<DbConnection> write)
    {
        _writeGate.Wait();
        try
        {
            base.Write(write);
        }
        finally
        {
            _writeGate.Release();
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
}
