using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Transactions;
using Arcanum.Storage.Ledger;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>
/// An <see cref="InMemoryLedgerStore"/> that counts the pool writes and appends, and can hold the first pool write
/// until the test opens <see cref="AddPendingGate"/> (so concurrent submissions queue up behind it).
/// </summary>
internal sealed class CountingLedgerStore : ILedgerStore
{
    private readonly InMemoryLedgerStore _inner = new();
    private int _addPendingCalls;
    private int _appendCalls;

    public int AddPendingCalls => Volatile.Read(ref _addPendingCalls);

    public int AppendCalls => Volatile.Read(ref _appendCalls);

    /// <summary>When set, every pool write waits for it first.</summary>
    public TaskCompletionSource? AddPendingGate { get; set; }

    public byte[]? Get(ReadOnlySpan<byte> hash) => _inner.Get(hash);

    public void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes) => _inner.Put(nodes);

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _inner.MigrateAsync(cancellationToken);

    public Task<LedgerHead?> GetHeadAsync(CancellationToken cancellationToken = default) => _inner.GetHeadAsync(cancellationToken);

    public Task<bool> SetHeadAsync(long height, byte[] root, CancellationToken cancellationToken = default) => _inner.SetHeadAsync(height, root, cancellationToken);

    public Task<bool> AppendBlockAsync(FinalizedBlock block, IReadOnlyList<LedgerTransactionRecord> transactions, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appendCalls);
        return _inner.AppendBlockAsync(block, transactions, cancellationToken);
    }

    public Task<FinalizedBlock?> GetBlockAsync(long height, CancellationToken cancellationToken = default) => _inner.GetBlockAsync(height, cancellationToken);

    public Task<IReadOnlyList<FinalizedBlock>> GetBlocksAsync(long fromHeight, int maxBlocks, CancellationToken cancellationToken = default) =>
        _inner.GetBlocksAsync(fromHeight, maxBlocks, cancellationToken);

    public Task<LedgerTransactionRecord?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken = default) => _inner.GetTransactionAsync(hash, cancellationToken);

    public async Task<int> AddPendingAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _addPendingCalls);
        if (AddPendingGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return await _inner.AddPendingAsync(transactions, cancellationToken);
    }

    public Task<IReadOnlyList<Transaction>> GetPendingAsync(int max, CancellationToken cancellationToken = default) => _inner.GetPendingAsync(max, cancellationToken);

    public Task<bool> IsPendingAsync(byte[] hash, CancellationToken cancellationToken = default) => _inner.IsPendingAsync(hash, cancellationToken);

    public Task<long> CountPendingAsync(CancellationToken cancellationToken = default) => _inner.CountPendingAsync(cancellationToken);

    public Task<string?> GetMetaAsync(string name, CancellationToken cancellationToken = default) => _inner.GetMetaAsync(name, cancellationToken);

    public Task<bool> TrySetMetaAsync(string name, string value, CancellationToken cancellationToken = default) => _inner.TrySetMetaAsync(name, value, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
