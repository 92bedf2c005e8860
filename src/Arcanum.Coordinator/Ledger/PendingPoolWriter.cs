using Arcanum.Coordinator.Hosting;
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
internal sealed class PendingPoolWriter
{
    /// <summary>The most transactions written in one group.</summary>
    public const int MaxGroup = 4096;

    private readonly ILedgerStore _store;
    private readonly int _maxPending;
    private readonly Action<IReadOnlyList<Transaction>, long> _written;
    private readonly GroupCommit<Transaction, bool> _groups;

    public PendingPoolWriter(ILedgerStore store, int maxPending, Action<IReadOnlyList<Transaction>, long> written)
    {
        _store = store;
        _maxPending = maxPending;
        _written = written;
        _groups = new GroupCommit<Transaction, bool>(MaxGroup, WriteGroupAsync, e => new ApiProblemException(503, "ledger-unavailable",
            "Ledger store unavailable", $"The transaction could not be pooled ({e.GetType().Name}); send it again."));
    }

    /// <summary>Queues <paramref name="transaction"/> and returns once it is durably pooled (or was already).</summary>
    /// <exception cref="ApiProblemException">503 pool-full, or 503 ledger-unavailable when the store failed.</exception>
    public async Task AddAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!await _groups.EnqueueAsync(transaction, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiProblemException(503, "pool-full", "Transaction pool full",
                $"The sequencer holds {_maxPending} pending transactions; send it again once blocks have drained the pool.");
        }
    }

    /// <summary>Pools the part of the group that fits under maxPending; the rest is refused (false).</summary>
    private async Task<IReadOnlyList<bool>> WriteGroupAsync(IReadOnlyList<Transaction> group)
    {
        var pooled = await _store.CountPendingAsync(CancellationToken.None).ConfigureAwait(false);
        var room = (int)Math.Clamp(_maxPending - pooled, 0, group.Count);
        var accepted = group.Take(room).ToList();
        var added = accepted.Count == 0 ? 0 : await _store.AddPendingAsync(accepted, CancellationToken.None).ConfigureAwait(false);
        _written(accepted, pooled + added);
        return group.Select((_, index) => index < room).ToList();
    }
}
