using System.Data.Common;
using Arcanum.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// The default ledger state store: one SQLite file in WAL mode (https://sqlite.org/wal.html), so queries read the
/// last committed batch while the next one is written. Connections come from Microsoft.Data.Sqlite's pool, one per
/// operation. SQLite admits one writer at a time: the writers of this process queue on a gate, and
/// <c>busy_timeout</c> covers writers in other processes. A batch is one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
/// <remarks>
/// <c>synchronous=FULL</c>: a commit syncs the WAL before it returns, so a block's nodes and the head that names them
/// survive a power cut once stored (NORMAL keeps the file consistent but may forget the last commits, leaving a node
/// to re-execute blocks it had already reported). One fsync per block batch.
/// </remarks>
public sealed class SqliteTreeNodeStore : SqlTreeNodeStore
{

    private readonly SqliteFile _file;

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private SqliteTreeNodeStore(SqliteFile file)
        : base("LedgerSqlite")
    {
        _file = file;
    }

    /// <summary>
    /// Opens (creating it and its directory when missing) the ledger database file at <paramref name="databasePath"/>
    /// and switches it to WAL mode. Call <see cref="SqlTreeNodeStore.MigrateAsync"/> before first use.
    /// </summary>
    public static async Task<SqliteTreeNodeStore> OpenAsync(string databasePath, CancellationToken ct = default)
    {
        var store = new SqliteTreeNodeStore(new SqliteFile(databasePath));
        try
        {
            await store._file.UseWriteAheadLogAsync(ct);
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

    // One prepared statement executed per node: inside one transaction SQLite does no I/O until the commit, so a
    // multi-row statement would save little and would need chunking under the bound-parameter limit.
    private protected override void InsertNodes(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        using var insert = (SqliteCommand)connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = "INSERT INTO tree_nodes (hash, node) VALUES ($hash, $node) ON CONFLICT (hash) DO NOTHING";
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
