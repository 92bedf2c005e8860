using System.Data.Common;
using Dapper;
using Npgsql;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// The ledger store on PostgreSQL, through one pooled <see cref="NpgsqlDataSource"/>. Every bulk write (a batch of
/// nodes, a block's records, pooled transactions) is one statement over <c>unnest</c> of arrays in one transaction;
/// readers under READ COMMITTED see a write entirely or not at all. Migrations, and block appends with pool inserts,
/// run under transaction-scoped advisory locks of their own
/// (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
/// </summary>
public sealed class PostgresLedgerStore : SqlLedgerStore
{
    /// <summary>The advisory lock id ledger migrations hold: the ASCII of "arcledgr" read as a 64-bit integer.</summary>
    private const long MigrationLockId = 0x6172636C65646772;

    /// <summary>The advisory lock block appends and pool inserts hold: the ASCII of "arcchain" read as a 64-bit integer.</summary>
    private const long ChainWriteLockId = 0x617263636861696E;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresLedgerStore(NpgsqlDataSource dataSource)
        : base("LedgerPostgres")
    {
        _dataSource = dataSource;
    }

    /// <summary>
    /// Connects to the ledger database <paramref name="connectionString"/> names (it must exist) and checks that it
    /// answers. Call <see cref="SqlLedgerStore.MigrateAsync"/> before first use.
    /// </summary>
    public static Task<PostgresLedgerStore> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return StoreOpening.CheckedAsync(new PostgresLedgerStore(NpgsqlDataSource.Create(connectionString)), async store =>
        {
            await using var connection = await store.OpenConnectionAsync(ct);
        });
    }

    /// <summary>Closes the pool's connections.</summary>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    private protected override DbTransaction BeginWriteTransaction(DbConnection connection) => connection.BeginTransaction();

    private protected override Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginLockedTransactionAsync(connection, MigrationLockId, cancellationToken);

    // READ COMMITTED alone would let a pool insert miss the record of an append committing at the same moment, and
    // pool a transaction that was just processed (which the next block would then record a second time).
    private protected override Task<DbTransaction> BeginChainWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginLockedTransactionAsync(connection, ChainWriteLockId, cancellationToken);

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // One round trip per batch: the hashes and nodes travel as two bytea[] parameters and unnest pairs them up.
    private protected override void InsertNodes(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        var hashes = new byte[nodes.Count][];
        var encodings = new byte[nodes.Count][];
        for (var index = 0; index < nodes.Count; index++)
        {
            (hashes[index], encodings[index]) = nodes[index];
        }

        using var insert = Command(
            connection, transaction, "INSERT INTO tree_nodes (hash, node) SELECT * FROM unnest(@hashes, @nodes) ON CONFLICT (hash) DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", hashes));
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("nodes", encodings));
        insert.ExecuteNonQuery();
    }

    // One round trip for the whole block: one array per column, paired up by unnest (nulls travel as array elements).
    private protected override async Task InsertRecordsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<LedgerTransactionRecord> records, CancellationToken cancellationToken)
    {
        await using var insert = Command(
            connection,
            transaction,
            "INSERT INTO ledger_transactions (hash, height, idx, reason, detail, events) " +
            "SELECT * FROM unnest(@hashes, @heights, @indexes, @reasons, @details, @events)");
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", [.. records.Select(record => record.Hash)]));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("heights", [.. records.Select(record => record.Height)]));
        insert.Parameters.Add(new NpgsqlParameter<long?[]>("indexes", [.. records.Select(record => (long?)record.Index)]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("reasons", [.. records.Select(record => record.Reason)]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("details", [.. records.Select(record => record.Detail)]));
        insert.Parameters.Add(new NpgsqlParameter<string?[]>("events", [.. records.Select(record => record.EventsJson)]));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    // WITH ORDINALITY + ORDER BY: identity values are drawn in the order the rows are inserted, i.e. the order given.
    private protected override async Task<int> InsertPendingAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Encoded)> entries, CancellationToken cancellationToken)
    {
        await using var insert = Command(
            connection,
            transaction,
            "INSERT INTO ledger_pending (hash, tx) " +
            "SELECT p.hash, p.tx FROM unnest(@hashes, @txs) WITH ORDINALITY AS p(hash, tx, position) " +
            "WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.hash = p.hash) " +
            "ORDER BY p.position ON CONFLICT (hash) DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", [.. entries.Select(entry => entry.Hash)]));
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("txs", [.. entries.Select(entry => entry.Encoded)]));
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(DbConnection connection, DbTransaction transaction, string sql) =>
        new(sql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);

    private static async Task<DbTransaction> BeginLockedTransactionAsync(DbConnection connection, long lockId, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@LockId)", new { LockId = lockId }, transaction, cancellationToken: cancellationToken));
        return transaction;
    }
}
