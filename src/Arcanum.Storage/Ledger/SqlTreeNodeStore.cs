using System.Data.Common;
using Arcanum.Ledger.State;
using Arcanum.Storage.Migrations;
using Dapper;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// The persistent <see cref="ITreeNodeStore"/> of the ledger state (docs/storage.md, "Ledger state storage"): the
/// sparse Merkle tree's nodes in <c>tree_nodes (hash, node)</c>, plus the committed <see cref="LedgerHead"/>. Both
/// dialects share this SQL; a subclass supplies connections, the write transaction, the migration lock and the bulk
/// insert. The ledger database is separate from the coordinator's, with its own migrations
/// (<c>Migrations/Ledger&lt;Dialect&gt;/</c>) recorded in <c>ledger_schema_migrations</c>.
/// </summary>
/// <remarks>
/// <see cref="ITreeNodeStore"/> is synchronous, so <see cref="Get"/> and <see cref="Put"/> use the driver's
/// synchronous calls. Every operation takes its own pooled connection, so one instance may be shared between threads:
/// queries read while a block's batch is being written, and see each batch entirely or not at all.
/// </remarks>
public abstract class SqlTreeNodeStore : ITreeNodeStore, IAsyncDisposable
{
    /// <summary>The table this database's applied migrations are recorded in.</summary>
    private const string MigrationHistoryTable = "ledger_schema_migrations";

    private const string InsertHeadSql =
        "INSERT INTO ledger_head (id, height, root) VALUES (1, @Height, @Root) " +
        "ON CONFLICT (id) DO UPDATE SET height = excluded.height, root = excluded.root " +
        "WHERE ledger_head.height = excluded.height - 1";

    private readonly IReadOnlyList<Migration> _migrations;

    private protected SqlTreeNodeStore(string migrationFolder)
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

        var parameters = new { Hash = hash.ToArray() };
        using var connection = OpenConnection();
        return connection.QuerySingleOrDefault<byte[]>(new CommandDefinition("SELECT node FROM tree_nodes WHERE hash = @Hash", parameters));
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
    }

    /// <summary>The committed head, or null before the first <see cref="SetHeadAsync"/>.</summary>
    public async Task<LedgerHead?> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<HeadRow>(
            new CommandDefinition("SELECT height AS Height, root AS Root FROM ledger_head WHERE id = 1", cancellationToken: cancellationToken));
        return row is null ? null : new LedgerHead(row.Height, row.Root);
    }

    /// <summary>
    /// Records that this copy of the ledger has executed to <paramref name="height"/> with state root
    /// <paramref name="root"/>. The head only moves forward one block at a time: with a head at h, only height h + 1 is
    /// accepted; the first head may have any height (0 for genesis, or the height of a state snapshot). Returns false,
    /// changing nothing, when <paramref name="height"/> is not the next one. The check and the write are one guarded
    /// statement, so of two concurrent callers with the same height exactly one succeeds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not 32 bytes.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="root"/> is neither the empty tree's root nor a node in this store: store the block's nodes
    /// (<see cref="Put"/>) before recording its head.
    /// </exception>
    public async Task<bool> SetHeadAsync(long height, byte[] root, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentNullException.ThrowIfNull(root);
        if (root.Length != SparseMerkleTree.HashLength)
        {
            throw new ArgumentException($"A state root is {SparseMerkleTree.HashLength} bytes; got {root.Length}.", nameof(root));
        }

        // Nodes are never deleted, so a root found here stays readable once the head names it.
        if (!root.AsSpan().SequenceEqual(SparseMerkleTree.EmptyRoot) && Get(root) is null)
        {
            throw new InvalidOperationException($"State root {Convert.ToHexStringLower(root)} is not in the store; store its nodes before the head.");
        }

        var parameters = new { Height = height, Root = root.ToArray() };
        return await WriteAsync(
            async connection => await connection.ExecuteAsync(new CommandDefinition(InsertHeadSql, parameters, cancellationToken: cancellationToken)),
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

    /// <summary>Starts the transaction migrations run in, holding whatever lock keeps two migrating processes apart.</summary>
    private protected abstract Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts <paramref name="nodes"/> (already validated), skipping hashes already stored.</summary>
    private protected abstract void InsertNodes(DbConnection connection, DbTransaction transaction, IReadOnlyList<(byte[] Hash, byte[] Node)> nodes);

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
}
