using System.Data.Common;
using Dapper;
using Npgsql;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// The ledger state store on PostgreSQL, through one pooled <see cref="NpgsqlDataSource"/>. A batch of nodes is one
/// statement (<c>unnest</c> of two arrays) in one transaction; readers under READ COMMITTED see a batch entirely or not
/// at all. Migrations run under a transaction-scoped advisory lock of their own
/// (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
/// </summary>
public sealed class PostgresTreeNodeStore : SqlTreeNodeStore
{
    /// <summary>The advisory lock id ledger migrations hold: the ASCII of "arcledgr" read as a 64-bit integer.</summary>
    private const long MigrationLockId = 0x6172636C65646772;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresTreeNodeStore(NpgsqlDataSource dataSource)
        : base("LedgerPostgres")
    {
        _dataSource = dataSource;
    }

    /// <summary>
    /// Connects to the ledger database <paramref name="connectionString"/> names (it must exist) and checks that it
    /// answers. Call <see cref="SqlTreeNodeStore.MigrateAsync"/> before first use.
    /// </summary>
    public static async Task<PostgresTreeNodeStore> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var store = new PostgresTreeNodeStore(NpgsqlDataSource.Create(connectionString));
        try
        {
            await using var connection = await store.OpenConnectionAsync(ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pool's connections.</summary>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    private protected override DbTransaction BeginWriteTransaction(DbConnection connection) => connection.BeginTransaction();

    private protected override async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@LockId)", new { LockId = MigrationLockId }, transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    // One round trip per batch: the hashes and nodes travel as two bytea[] parameters and unnest pairs them up.
    private protected override void InsertNodes(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        var hashes = new byte[nodes.Count][];
        var encodings = new byte[nodes.Count][];
        for (var index = 0; index < nodes.Count; index++)
        {
            (hashes[index], encodings[index]) = nodes[index];
        }

        using var insert = new NpgsqlCommand(
            "INSERT INTO tree_nodes (hash, node) SELECT * FROM unnest(@hashes, @nodes) ON CONFLICT (hash) DO NOTHING",
            (NpgsqlConnection)connection,
            (NpgsqlTransaction)transaction);
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", hashes));
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("nodes", encodings));
        insert.ExecuteNonQuery();
    }
}
