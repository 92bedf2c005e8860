using System.Data.Common;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Arcanum.Storage.Migrations;
using Dapper;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// The persistent <see cref="ILedgerStore"/> (docs/storage.md, "Ledger state storage"): the sparse Merkle tree's nodes
/// in <c>tree_nodes</c>, the committed <see cref="LedgerHead"/>, the finalized blocks, the processed transactions'
/// records, the pool of pending transactions and the settings the copy is bound to. Both dialects share this SQL; a
/// subclass supplies connections, the write transactions, the migration lock and the bulk statements. The ledger
/// database is separate from the coordinator's, with its own migrations (<c>Migrations/Ledger&lt;Dialect&gt;/</c>)
/// recorded in <c>ledger_schema_migrations</c>.
/// </summary>
/// <remarks>
/// <see cref="ITreeNodeStore"/> is synchronous, so <see cref="Get"/> and <see cref="Put"/> use the driver's
/// synchronous calls. Every operation takes its own pooled connection, so one instance may be shared between threads:
/// queries read while a block's batch is being written, and see each batch entirely or not at all.
/// </remarks>
public abstract class SqlLedgerStore : ILedgerStore
{
    /// <summary>The table this database's applied migrations are recorded in.</summary>
    private const string MigrationHistoryTable = "ledger_schema_migrations";

    private const string InsertFirstHeadSql =
        "INSERT INTO ledger_head (id, height, root) VALUES (1, @Height, @Root) ON CONFLICT (id) DO NOTHING";

    // The guard and the move are one statement: of two appenders racing for the same height exactly one moves the head.
    private const string MoveHeadSql =
        "UPDATE ledger_head SET height = @Height, root = @Root WHERE id = 1 AND height = @Height - 1";

    private const string InsertBlockSql = "INSERT INTO ledger_blocks (height, hash, block) VALUES (@Height, @Hash, @Block)";

    // Set-based: one statement whatever the block's size, probing the records' primary key once per pooled row (the
    // pool holds at most a few blocks' worth). It keeps the invariant "nothing pooled is recorded".
    private const string DeleteProcessedPendingSql =
        "DELETE FROM ledger_pending WHERE EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.hash = ledger_pending.hash)";

    private const string SelectRecordSql =
        "SELECT hash AS Hash, height AS Height, idx AS Idx, reason AS Reason, detail AS Detail, events AS Events " +
        "FROM ledger_transactions WHERE hash = @Hash";

    private readonly IReadOnlyList<Migration> _migrations;

    /// <summary>Tree nodes read or written recently: a block's execution reads the same paths again and again.</summary>
    private readonly TreeNodeCache _nodeCache = new();

    private protected SqlLedgerStore(string migrationFolder)
    {
        _migrations = Migration.Load(migrationFolder);
    }

    /// <summary>
    /// Brings the schema up to date: runs every ledger migration the database lacks, in one transaction under the
    /// dialect's migration lock, so concurrent callers apply each migration once. Call once after opening.
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(
            async connection =>
            {
                await using var transaction = await BeginMigrationTransactionAsync(connection, cancellationToken);
                var applied = await MigrationRunner.ApplyPendingAsync(connection, transaction, MigrationHistoryTable, _migrations, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return applied;
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>A hash that is not <see cref="SparseMerkleTree.HashLength"/> bytes long cannot be stored, so it reads as null.</remarks>
    public byte[]? Get(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SparseMerkleTree.HashLength)
        {
            return null;
        }

        if (_nodeCache.Get(hash) is { } cached)
        {
            return cached.ToArray();
        }

        var key = hash.ToArray();
        using var connection = OpenConnection();
        var node = connection.QuerySingleOrDefault<byte[]>(new CommandDefinition("SELECT node FROM tree_nodes WHERE hash = @Hash", new { Hash = key }));
        if (node is not null)
        {
            _nodeCache.Add(key, node.ToArray());
        }

        return node;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction: the whole batch is stored or, when anything fails, none of it. A hash already stored (or
    /// repeated in the batch) is skipped (<c>ON CONFLICT DO NOTHING</c>): the first bytes stored under a hash stay.
    /// </remarks>
    /// <exception cref="ArgumentException">A hash is not 32 bytes or a node is empty; nothing is stored.</exception>
    public void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        for (var index = 0; index < nodes.Count; index++)
        {
            var (hash, node) = nodes[index];
            if (hash?.Length != SparseMerkleTree.HashLength || node is not { Length: > 0 })
            {
                throw new ArgumentException(
                    $"nodes[{index}]: a node needs a {SparseMerkleTree.HashLength}-byte hash and a non-empty encoding.", nameof(nodes));
            }
        }

        if (nodes.Count == 0)
        {
            return;
        }

        Write(connection =>
        {
            using var transaction = BeginWriteTransaction(connection);
            InsertNodes(connection, transaction, nodes);
            transaction.Commit();
        });
        foreach (var (hash, node) in nodes)
        {
            _nodeCache.Add(hash.ToArray(), node.ToArray());
        }
    }

    /// <inheritdoc />
    public async Task<LedgerHead?> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<HeadRow>(
            new CommandDefinition("SELECT height AS Height, root AS Root FROM ledger_head WHERE id = 1", cancellationToken: cancellationToken));
        return row is null ? null : new LedgerHead(row.Height, row.Root);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One guarded statement (<c>ON CONFLICT (id) DO NOTHING</c>): of two concurrent callers exactly one records its head.
    /// The head moves afterwards only with <see cref="AppendBlockAsync"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not 32 bytes.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="root"/> is neither the empty tree's root nor a node in this store: store its nodes
    /// (<see cref="Put"/>) before recording the head.
    /// </exception>
    public async Task<bool> SetHeadAsync(long height, byte[] root, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        LedgerStoreArguments.RequireStoredRoot(this, root);
        var parameters = new { Height = height, Root = root.ToArray() };
        return await WriteAsync(
            async connection => await connection.ExecuteAsync(new CommandDefinition(InsertFirstHeadSql, parameters, cancellationToken: cancellationToken)),
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction: the guarded head move (0 rows → rolled back, false), the block row, the records (bulk), and the
    /// deletion of their pending rows (one set-based statement). A hash is processed once: a record whose hash is
    /// already recorded (or repeated in <paramref name="transactions"/>) fails the whole append, which stores nothing.
    /// </remarks>
    /// <exception cref="ArgumentException">A record does not fit the block (named <c>transactions[i]</c>), or the state root is not 32 bytes.</exception>
    /// <exception cref="InvalidOperationException">
    /// The block's state root is not in the store, or a transaction is already recorded; nothing is stored.
    /// </exception>
    public async Task<bool> AppendBlockAsync(FinalizedBlock block, IReadOnlyList<LedgerTransactionRecord> transactions, CancellationToken cancellationToken = default)
    {
        LedgerStoreArguments.RequireRecordsOf(block, transactions);
        var root = block.Header.StateRoot;
        LedgerStoreArguments.RequireStoredRoot(this, root);
        if (block.Header.Height is 0 or > long.MaxValue)
        {
            return false;
        }

        var height = (long)block.Header.Height;
        var row = new { Height = height, Hash = block.Header.Hash(), Block = block.Encode() };
        return await WriteAsync(
            async connection =>
            {
                await using var transaction = await BeginChainWriteTransactionAsync(connection, cancellationToken);
                var moved = await connection.ExecuteAsync(
                    new CommandDefinition(MoveHeadSql, new { Height = height, Root = root }, transaction, cancellationToken: cancellationToken));
                if (moved == 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(InsertBlockSql, row, transaction, cancellationToken: cancellationToken));
                if (transactions.Count > 0)
                {
                    try
                    {
                        await InsertRecordsAsync(connection, transaction, transactions, cancellationToken);
                    }
                    catch (DbException exception) when (IsUniqueViolation(exception))
                    {
                        throw new InvalidOperationException(
                            $"Block {height} carries a record of a transaction that is already recorded (a transaction is processed once); nothing of the block was stored.",
                            exception);
                    }

                    await connection.ExecuteAsync(new CommandDefinition(DeleteProcessedPendingSql, transaction: transaction, cancellationToken: cancellationToken));
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored row does not decode to a block at that height (a corrupt store).</exception>
    public async Task<FinalizedBlock?> GetBlockAsync(long height, CancellationToken cancellationToken = default)
    {
        var blocks = await GetBlocksAsync(height, 1, cancellationToken);
        return blocks.Count == 0 ? null : blocks[0];
    }

    /// <inheritdoc />
    /// <remarks>Stops at the first height with no stored block, so the list is always consecutive.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBlocks"/> is negative.</exception>
    /// <exception cref="InvalidDataException">A stored row does not decode to a block at its height (a corrupt store).</exception>
    public async Task<IReadOnlyList<FinalizedBlock>> GetBlocksAsync(long fromHeight, int maxBlocks, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlocks);
        if (maxBlocks == 0)
        {
            return [];
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BlockRow>(new CommandDefinition(
            "SELECT height AS Height, block AS Block FROM ledger_blocks WHERE height >= @From ORDER BY height LIMIT @Max",
            new { From = fromHeight, Max = maxBlocks },
            cancellationToken: cancellationToken));
        var blocks = new List<FinalizedBlock>();
        foreach (var row in rows)
        {
            if (row.Height != fromHeight + blocks.Count)
            {
                break;
            }

            if (!FinalizedBlock.TryDecode(row.Block, out var block, out var error) || block.Header.Height != (ulong)row.Height)
            {
                throw new InvalidDataException(
                    $"The ledger store is corrupt: the block row at height {row.Height} does not decode to a block at that height ({error?.ToString() ?? "another height"}).");
            }

            blocks.Add(block);
        }

        return blocks;
    }

    /// <inheritdoc />
    public async Task<LedgerTransactionRecord?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RecordRow>(
            new CommandDefinition(SelectRecordSql, new { Hash = hash }, cancellationToken: cancellationToken));
        return row is null ? null : new LedgerTransactionRecord(row.Hash, row.Height, (int?)row.Idx, row.Reason, row.Detail, row.Events);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction per call, committed (and on SQLite synced) before it returns: <c>INSERT … SELECT … WHERE NOT EXISTS</c>
    /// (a recorded hash) <c>ON CONFLICT (hash) DO NOTHING</c> (a pooled hash, or one repeated in the list). It runs
    /// one at a time with <see cref="AppendBlockAsync"/>, so a transaction cannot be pooled while the block that
    /// records it commits.
    /// </remarks>
    /// <exception cref="ArgumentException">An entry is null (named <c>transactions[i]</c>); nothing is pooled.</exception>
    public async Task<int> AddPendingAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var entries = new List<(byte[] Hash, byte[] Encoded)>(transactions.Count);
        for (var index = 0; index < transactions.Count; index++)
        {
            var transaction = transactions[index] ?? throw new ArgumentException($"transactions[{index}]: a transaction is required.", nameof(transactions));
            entries.Add((transaction.Hash(), transaction.EncodeSigned()));
        }

        if (entries.Count == 0)
        {
            return 0;
        }

        return await WriteAsync(
            async connection =>
            {
                await using var transaction = await BeginChainWriteTransactionAsync(connection, cancellationToken);
                var added = await InsertPendingAsync(connection, transaction, entries, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return added;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    /// <exception cref="InvalidDataException">A pooled row does not decode to a signed transaction (a corrupt store); the message names its seq.</exception>
    public async Task<IReadOnlyList<Transaction>> GetPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0)
        {
            return [];
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition(
            "SELECT seq AS Seq, tx AS Tx FROM ledger_pending ORDER BY seq LIMIT @Max", new { Max = max }, cancellationToken: cancellationToken));
        var pending = new List<Transaction>();
        foreach (var row in rows)
        {
            if (!Transaction.TryDecodeSigned(row.Tx, out var transaction, out var error))
            {
                throw new InvalidDataException($"The ledger store is corrupt: pending transaction seq {row.Seq} does not decode ({error}).");
            }

            pending.Add(transaction);
        }

        return pending;
    }

    /// <inheritdoc />
    public async Task<bool> IsPendingAsync(byte[] hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM ledger_pending WHERE hash = @Hash", new { Hash = hash }, cancellationToken: cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT count(*) FROM ledger_pending", cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<string?> GetMetaAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value FROM ledger_meta WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One guarded statement (<c>ON CONFLICT (name) DO NOTHING</c>): of two concurrent callers exactly one records its value.</remarks>
    /// <exception cref="ArgumentException">The name or value breaks <see cref="LedgerMeta.Validate"/>.</exception>
    public async Task<bool> TrySetMetaAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        LedgerMeta.Validate(name, value);
        return await WriteAsync(
            async connection => await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ledger_meta (name, value) VALUES (@Name, @Value) ON CONFLICT (name) DO NOTHING",
                new { Name = name, Value = value },
                cancellationToken: cancellationToken)),
            cancellationToken) == 1;
    }

    /// <summary>Closes the pooled connections.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection, ready for statements (per-connection settings applied).</summary>
    private protected abstract DbConnection OpenConnection();

    /// <inheritdoc cref="OpenConnection"/>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts the transaction a batch of nodes is written in.</summary>
    private protected abstract DbTransaction BeginWriteTransaction(DbConnection connection);

    /// <summary>
    /// Starts the transaction a block append or a pool insert runs in. These run one at a time (across processes too),
    /// so the "not already recorded" check of a pool insert always sees the records of every committed append.
    /// </summary>
    private protected abstract Task<DbTransaction> BeginChainWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Starts the transaction migrations run in, holding whatever lock keeps two migrating processes apart.</summary>
    private protected abstract Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts <paramref name="nodes"/> (already validated), skipping hashes already stored.</summary>
    private protected abstract void InsertNodes(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Node)> nodes);

    /// <summary>Inserts <paramref name="records"/> (already validated) into <c>ledger_transactions</c>; a hash already there fails.</summary>
    private protected abstract Task InsertRecordsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<LedgerTransactionRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Pools <paramref name="entries"/> in order, skipping a hash already pooled, repeated earlier in the list, or
    /// recorded in <c>ledger_transactions</c>; returns how many rows were added.
    /// </summary>
    private protected abstract Task<int> InsertPendingAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Encoded)> entries, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is a primary-key or unique-constraint violation.</summary>
    private protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Runs a write on its own connection; a dialect may override to queue writers.</summary>
    private protected virtual void Write(Action<DbConnection> write)
    {
        using var connection = OpenConnection();
        write(connection);
    }

    /// <inheritdoc cref="Write"/>
    private protected virtual async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await write(connection);
    }

    private sealed record HeadRow(long Height, byte[] Root);

    private sealed record BlockRow(long Height, byte[] Block);

    private sealed record PendingRow(long Seq, byte[] Tx);

    private sealed record RecordRow(byte[] Hash, long Height, long? Idx, string? Reason, string? Detail, string? Events);
}
