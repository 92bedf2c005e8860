using System.Data.Common;
using Arcanum.Storage.Migrations;
using Dapper;

namespace Arcanum.Storage.Sql;

/// <summary>
/// The <see cref="ICoordinatorStore"/> operations both dialects share: one set of parameterised SQL,
/// mapped by Dapper, with every transition guarded in its <c>WHERE</c> clause
/// (<c>status = 'running'</c>, <c>epoch = @ExpectedEpoch AND destroyed_at IS NULL</c>) so the affected-row
/// count says whether it happened. Subclasses supply connections, the migration lock and error classification.
/// </summary>
public abstract partial class SqlCoordinatorStore : ICoordinatorStore, IGovernanceStore
{
    private const string NodeColumns =
        "id AS Id, name AS Name, identity_key AS IdentityKey, static_key AS StaticKey, last_seen AS LastSeen, version AS Version";

    private const string KeyColumns =
        "id AS Id, name AS Name, scheme AS Scheme, threshold AS Threshold, parties AS Parties, public_key AS PublicKey, " +
        "chain_code AS ChainCode, epoch AS Epoch, verification_shares AS VerificationShares, created_at AS CreatedAt, " +
        "destroyed_at AS DestroyedAt";

    private const string SessionColumns =
        "id AS Id, kind AS Kind, key_id AS KeyId, parties AS Parties, status AS Status, reason AS Reason, " +
        "culprits AS Culprits, missing AS Missing, result AS Result, retry_of AS RetryOf, created_at AS CreatedAt, " +
        "ended_at AS EndedAt";

    private const int NodeKeyLength = 32;

    private readonly IReadOnlyList<Migration> _migrations;

    private protected SqlCoordinatorStore(string migrationDialect)
    {
        _migrations = Migration.Load(migrationDialect);
    }

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(
            async connection =>
            {
                await using var transaction = await BeginMigrationTransactionAsync(connection, cancellationToken);
                var applied = await MigrationRunner.ApplyPendingAsync(connection, transaction, "schema_migrations", _migrations, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return applied;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Id is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node.Id, $"Node ids are party ids, 1 to {ushort.MaxValue}.");
        }

        if (node.IdentityKey.Length != NodeKeyLength || node.StaticKey.Length != NodeKeyLength)
        {
            throw new ArgumentException($"Node {node.Id}: identity and static keys must be {NodeKeyLength} bytes each.", nameof(node));
        }

        return WriteAsync(
            connection => ExecuteAsync(
                connection,
                "INSERT INTO nodes (id, name, identity_key, static_key, last_seen, version) " +
                "VALUES (@Id, @Name, @IdentityKey, @StaticKey, @LastSeen, @Version) " +
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, identity_key = excluded.identity_key, static_key = excluded.static_key",
                new { node.Id, node.Name, node.IdentityKey, node.StaticKey, LastSeen = StoredValues.EncodeInstant(node.LastSeen), node.Version },
                cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TouchNodeAsync(int nodeId, DateTimeOffset seenAt, string version, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE nodes SET last_seen = @SeenAt, version = @Version WHERE id = @NodeId",
                new { NodeId = nodeId, SeenAt = StoredValues.EncodeInstant(seenAt), Version = version },
                cancellationToken),
            cancellationToken) == 1;

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<NodeRow, NodeRecord>($"SELECT {NodeColumns} FROM nodes ORDER BY id", null, row => row.ToRecord(), cancellationToken);

    /// <inheritdoc />
    public async Task InsertKeyAsync(KeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateKeyShape(key.Threshold, key.Parties, key.Epoch, nameof(key));
        try
        {
            await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO keys (id, name, scheme, threshold, parties, public_key, chain_code, epoch, verification_shares, created_at, destroyed_at) " +
                    "VALUES (@Id, @Name, @Scheme, @Threshold, @Parties, @PublicKey, @ChainCode, @Epoch, @VerificationShares, @CreatedAt, @DestroyedAt)",
                    new
                    {
                        key.Id,
                        key.Name,
                        key.Scheme,
                        key.Threshold,
                        Parties = StoredValues.EncodeIds(key.Parties),
                        key.PublicKey,
                        key.ChainCode,
                        key.Epoch,
                        key.VerificationShares,
                        CreatedAt = StoredValues.EncodeInstant(key.CreatedAt),
                        DestroyedAt = StoredValues.EncodeInstant(key.DestroyedAt),
                    },
                    cancellationToken),
                cancellationToken);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            var idTaken = await GetKeyAsync(key.Id, cancellationToken) is not null;
            throw new StoreConflictException(
                idTaken ? $"A key with id '{key.Id}' already exists." : $"A live key is already named '{key.Name}'.",
                exception);
        }
    }

    /// <inheritdoc />
    public async Task<KeyRecord?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        (await QueryAsync<KeyRow, KeyRecord>($"SELECT {KeyColumns} FROM keys WHERE id = @KeyId", new { KeyId = keyId }, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyRecord>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<KeyRow, KeyRecord>(
            $"SELECT {KeyColumns} FROM keys WHERE destroyed_at IS NULL ORDER BY created_at, id", null, row => row.ToRecord(), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> AdvanceKeyEpochAsync(string keyId, long expectedEpoch, KeyEpochUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ValidateKeyShape(update.Threshold, update.Parties, update.Epoch, nameof(update));
        if (update.Epoch <= expectedEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(update), update.Epoch, $"Epochs only move forward: the new epoch must exceed {expectedEpoch}.");
        }

        return await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE keys SET epoch = @Epoch, threshold = @Threshold, parties = @Parties, verification_shares = @VerificationShares " +
                "WHERE id = @KeyId AND epoch = @ExpectedEpoch AND destroyed_at IS NULL",
                new
                {
                    KeyId = keyId,
                    ExpectedEpoch = expectedEpoch,
                    update.Epoch,
                    update.Threshold,
                    Parties = StoredValues.EncodeIds(update.Parties),
                    update.VerificationShares,
                },
                cancellationToken),
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> DestroyKeyAsync(string keyId, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE keys SET destroyed_at = @DestroyedAt WHERE id = @KeyId AND destroyed_at IS NULL",
                new { KeyId = keyId, DestroyedAt = StoredValues.EncodeInstant(destroyedAt) },
                cancellationToken),
            cancellationToken) == 1;

    /// <inheritdoc />
    public async Task InsertSessionAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Status != SessionStatus.Running || session.EndedAt is not null)
        {
            throw new ArgumentException($"Session '{session.Id}' must be inserted running, without an end time.", nameof(session));
        }

        try
        {
            await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO sessions (id, kind, key_id, parties, status, reason, culprits, missing, result, retry_of, created_at, ended_at) " +
                    "VALUES (@Id, @Kind, @KeyId, @Parties, @Status, @Reason, @Culprits, @Missing, @Result, @RetryOf, @CreatedAt, NULL)",
                    new
                    {
                        session.Id,
                        session.Kind,
                        session.KeyId,
                        Parties = StoredValues.EncodeIds(session.Parties),
                        Status = SessionStatusNames.Running,
                        session.Reason,
                        Culprits = StoredValues.EncodeIds(session.Culprits),
                        Missing = StoredValues.EncodeIds(session.Missing),
                        session.Result,
                        session.RetryOf,
                        CreatedAt = StoredValues.EncodeInstant(session.CreatedAt),
                    },
                    cancellationToken),
                cancellationToken);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            throw new StoreConflictException($"A session with id '{session.Id}' already exists.", exception);
        }
        catch (DbException exception) when (IsForeignKeyViolation(exception))
        {
            throw new ArgumentException($"Session '{session.Id}' retries '{session.RetryOf}', which is not a known session.", nameof(session), exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> EndSessionAsync(string sessionId, SessionOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status == SessionStatus.Running)
        {
            throw new ArgumentException($"Session '{sessionId}' cannot end in state running.", nameof(outcome));
        }

        return await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE sessions SET status = @Status, reason = @Reason, culprits = @Culprits, missing = @Missing, result = @Result, ended_at = @EndedAt " +
                "WHERE id = @SessionId AND status = 'running'",
                new
                {
                    SessionId = sessionId,
                    Status = SessionStatusNames.Format(outcome.Status),
                    outcome.Reason,
                    Culprits = StoredValues.EncodeIds(outcome.Culprits),
                    Missing = StoredValues.EncodeIds(outcome.Missing),
                    outcome.Result,
                    EndedAt = StoredValues.EncodeInstant(outcome.EndedAt),
                },
                cancellationToken),
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        (await QueryAsync<SessionRow, SessionRecord>(
            $"SELECT {SessionColumns} FROM sessions WHERE id = @SessionId", new { SessionId = sessionId }, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionRecord>> ListRunningSessionsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<SessionRow, SessionRecord>(
            $"SELECT {SessionColumns} FROM sessions WHERE status = 'running' ORDER BY created_at, id", null, row => row.ToRecord(), cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection, ready for statements (per-connection settings applied).</summary>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts the transaction migrations run in, holding whatever lock keeps two migrating processes apart.</summary>
    private protected abstract Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether the database rejected a write for breaking a primary key or unique index.</summary>
    private protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Whether the database rejected a write for naming a row that does not exist (<c>sessions.retry_of</c>).</summary>
    private protected abstract bool IsForeignKeyViolation(DbException exception);

    /// <summary>Runs a write on its own connection; a dialect may override to queue writers.</summary>
    private protected virtual async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await write(connection);
    }

    private static Task<int> ExecuteAsync(
        DbConnection connection, string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<TRecord>> QueryAsync<TRow, TRecord>(
        string sql, object? parameters, Func<TRow, TRecord> toRecord, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(toRecord).ToList();
    }

    private static void ValidateKeyShape(int threshold, IReadOnlyList<int> parties, long epoch, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parties, parameterName);
        if (threshold < 1 || threshold > parties.Count || epoch < 0)
        {
            throw new ArgumentException(
                $"A key needs 1 ≤ threshold ≤ party count and a non-negative epoch; got threshold {threshold}, {parties.Count} parties, epoch {epoch}.",
                parameterName);
        }
    }
}
