using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// An <see cref="ILedgerStore"/> held in memory: for replaying a chain that need not be kept (<c>arcanum ledger
/// verify</c>) and for tests. Same contract as the SQL stores (the conformance suite runs against all three).
/// </summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly InMemoryTreeNodeStore _nodes = new();
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, FinalizedBlock> _blocks = [];
    private readonly Dictionary<byte[], LedgerTransactionRecord> _transactions = new(ByteArrayComparer.Instance);
    private readonly List<Transaction> _pending = [];
    private readonly HashSet<byte[]> _pendingHashes = new(ByteArrayComparer.Instance);
    private readonly Dictionary<string, string> _meta = new(StringComparer.Ordinal);
    private LedgerHead? _head;

    /// <inheritdoc/>
    public byte[]? Get(ReadOnlySpan<byte> hash) => _nodes.Get(hash);

    /// <inheritdoc/>
    public void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes) => _nodes.Put(nodes);

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<LedgerHead?> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_head);
        }
    }

    /// <inheritdoc/>
    public Task<bool> SetHeadAsync(long height, byte[] root, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        LedgerStoreArguments.RequireStoredRoot(this, root);
        lock (_lock)
        {
            if (_head is not null)
            {
                return Task.FromResult(false);
            }

            _head = new LedgerHead(height, root.ToArray());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">
    /// The state root is not stored, or a record's hash is already recorded or repeated; nothing is stored.
    /// </exception>
    public Task<bool> AppendBlockAsync(FinalizedBlock block, IReadOnlyList<LedgerTransactionRecord> transactions, CancellationToken cancellationToken = default)
    {
        LedgerStoreArguments.RequireRecordsOf(block, transactions);
        var root = block.Header.StateRoot;
        LedgerStoreArguments.RequireStoredRoot(this, root);
        lock (_lock)
        {
            if (_head is null || (ulong)(_head.Height + 1) != block.Header.Height)
            {
                return Task.FromResult(false);
            }

            var hashes = new HashSet<byte[]>(ByteArrayComparer.Instance);
            if (transactions.Any(record => _transactions.ContainsKey(record.Hash) || !hashes.Add(record.Hash)))
            {
                throw new InvalidOperationException(
                    $"Block {block.Header.Height} carries a record of a transaction that is already recorded (a transaction is processed once); nothing of the block was stored.");
            }

            _blocks[_head.Height + 1] = block;
            var wasPending = false;
            foreach (var record in transactions)
            {
                _transactions.Add(record.Hash, record);
                wasPending |= _pendingHashes.Remove(record.Hash);
            }

            if (wasPending)
            {
                _pending.RemoveAll(transaction => hashes.Contains(transaction.Hash()));
            }

            _head = new LedgerHead(_head.Height + 1, root);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<FinalizedBlock?> GetBlockAsync(long height, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_blocks.GetValueOrDefault(height));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FinalizedBlock>> GetBlocksAsync(long fromHeight, int maxBlocks, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlocks);
        lock (_lock)
        {
            var blocks = new List<FinalizedBlock>();
            for (var height = fromHeight; blocks.Count < maxBlocks && _blocks.TryGetValue(height, out var block); height++)
            {
                blocks.Add(block);
            }

            return Task.FromResult<IReadOnlyList<FinalizedBlock>>(blocks);
        }
    }

    /// <inheritdoc/>
    public Task<LedgerTransactionRecord?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        lock (_lock)
        {
            return Task.FromResult(_transactions.GetValueOrDefault(hash));
        }
    }

    /// <inheritdoc/>
    public Task<int> AddPendingAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        for (var index = 0; index < transactions.Count; index++)
        {
            if (transactions[index] is null)
            {
                throw new ArgumentException($"transactions[{index}]: a transaction is required.", nameof(transactions));
            }
        }

        lock (_lock)
        {
            var added = 0;
            foreach (var transaction in transactions)
            {
                var hash = transaction.Hash();
                if (!_transactions.ContainsKey(hash) && _pendingHashes.Add(hash))
                {
                    _pending.Add(transaction);
                    added++;
                }
            }

            return Task.FromResult(added);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Transaction>> GetPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Transaction>>(_pending.Take(max).ToList());
        }
    }

    /// <inheritdoc/>
    public Task<bool> IsPendingAsync(byte[] hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        lock (_lock)
        {
            return Task.FromResult(_pendingHashes.Contains(hash));
        }
    }

    /// <inheritdoc/>
    public Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_pending.Count);
        }
    }

    /// <inheritdoc/>
    public Task<string?> GetMetaAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return Task.FromResult(_meta.GetValueOrDefault(name));
        }
    }

    /// <inheritdoc/>
    public Task<bool> TrySetMetaAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        LedgerMeta.Validate(name, value);
        lock (_lock)
        {
            return Task.FromResult(_meta.TryAdd(name, value));
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
