using Arcanum.Ledger.Transactions;
using Arcanum.Storage.Ledger;

namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// Adds accepted transactions to the durable pool with group commit (as <c>AuditLog</c> does for audit entries):
/// concurrent submissions are written together — the first caller starts the writer, which writes every transaction
/// queued meanwhile with one <see cref="ILedgerStore.AddPendingAsync"/>, then the next group; each caller returns once
/// its group is durable. The pool holds at most <c>maxPending</c> transactions: the part of a group beyond it is
/// refused with 503 pool-full.
/// </summary>
internal sealed class PendingPoolWriter(ILedgerStore store, int maxPending, Action<IReadOnlyList<Transaction>, long> written)
{
    /// <summary>The most transactions written in one group.</summary>
    public const int MaxGroup = 4096;

    private readonly Lock _lock = new();
    private readonly List<(Transaction Transaction, TaskCompletionSource Done)> _queue = [];
    private bool _writing;

    /// <summary>Queues <paramref name="transaction"/> and returns once it is durably pooled (or was already).</summary>
    /// <exception cref="ApiProblemException">503 pool-full, or 503 ledger-unavailable when the store failed.</exception>
    public Task AddAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_lock)
        {
            _queue.Add((transaction, done));
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        // Once queued the transaction is written whatever the caller does; the caller may stop waiting.
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<(Transaction Transaction, TaskCompletionSource Done)> group;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _queue.GetRange(0, Math.Min(MaxGroup, _queue.Count));
                _queue.RemoveRange(0, group.Count);
            }

            try
            {
                var pooled = await store.CountPendingAsync(CancellationToken.None).ConfigureAwait(false);
                var room = (int)Math.Clamp(maxPending - pooled, 0, group.Count);
                var accepted = group.Take(room).Select(g => g.Transaction).ToList();
                var added = accepted.Count == 0 ? 0 : await store.AddPendingAsync(accepted, CancellationToken.None).ConfigureAwait(false);
                written(accepted, pooled + added);
                for (var i = 0; i < group.Count; i++)
                {
                    if (i < room)
                    {
                        group[i].Done.SetResult();
                    }
                    else
                    {
                        group[i].Done.SetException(PoolFull());
                    }
                }
            }
            catch (Exception e)
            {
                // Every caller of the group is refused: none of its transactions is known to be durable.
                var refusal = new ApiProblemException(503, "ledger-unavailable", "Ledger store unavailable",
                    $"The transaction could not be pooled ({e.GetType().Name}); send it again.");
                group.ForEach(g => g.Done.TrySetException(refusal));
            }
        }
    }

    private ApiProblemException PoolFull() =>
        new(503, "pool-full", "Transaction pool full", $"The sequencer holds {maxPending} pending transactions; send it again once blocks have drained the pool.");
}
