using System.Data.Common;
using Arcanum.Storage.Sql;
using Dapper;
using Npgsql;

namespace Arcanum.Storage.Postgres;

/// <summary>
/// The production coordinator store on PostgreSQL, through one pooled <see cref="NpgsqlDataSource"/>.
/// Several coordinators may share the database: every transition is guarded in SQL, and migrations
/// run under a transaction-scoped advisory lock
/// (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
/// </summary>
public sealed class PostgresCoordinatorStore : SqlCoordinatorStore
{
    /// <summary>The advisory lock id migrations hold: the ASCII of "arcanumm" read as a 64-bit integer.</summary>
    private const long MigrationLockId = 0x617263616E756D6D;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresCoordinatorStore(NpgsqlDataSource dataSource)
        : base("Postgres")
    {
        _dataSource = dataSource;
    }

    /// <summary>
    /// Connects to the database <paramref name="connectionString"/> names (it must exist) and checks that it
    /// answers. Call <see cref="SqlCoordinatorStore.MigrateAsync"/> before first use.
    /// </summary>
    public static Task<PostgresCoordinatorStore> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return StoreOpening.CheckedAsync(new PostgresCoordinatorStore(NpgsqlDataSource.Create(connectionString)), async store =>
        {
            await using var connection = await store.OpenConnectionAsync(ct);
        });
    }

    /// <summary>Closes the pool's connections.</summary>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    private protected override async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@LockId)", new { LockId = MigrationLockId }, transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    // Under READ COMMITTED a row locked FOR SHARE waits for a concurrent update of that row and is then
    // re-checked against the new version (https://www.postgresql.org/docs/current/transaction-iso.html#XACT-READ-COMMITTED),
    // so an approval cannot slip in after the request has moved on.
    private protected override string ShareLockClause => " FOR SHARE";

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private protected override bool IsForeignKeyViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };
}
