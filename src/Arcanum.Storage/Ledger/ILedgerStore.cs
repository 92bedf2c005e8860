using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Storage.Ledger;

/// <summary>
/// One copy of the ledger (docs/storage.md, "Ledger storage"): the sparse Merkle tree's nodes, the committed head, the
/// finalized blocks after genesis, what became of each processed transaction, and — on the sequencer — the durable
/// pool of accepted transactions not yet processed. The coordinator and every node hold one each; nodes leave the
/// transaction records and the pool empty.
/// </summary>
/// <remarks>
/// Genesis (height 0) is never stored as a block: every copy computes it from the chain's genesis document and records
/// it with <see cref="SetHeadAsync"/>. Blocks are stored from height 1 on, each only through
/// <see cref="AppendBlockAsync"/>, which moves the head in the same transaction.
/// </remarks>
public interface ILedgerStore : ITreeNodeStore, IAsyncDisposable
{
    /// <summary>Brings the schema up to date (idempotent; safe for concurrent callers).</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The committed head, or null before the first <see cref="SetHeadAsync"/>.</summary>
    Task<LedgerHead?> GetHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the first head: genesis (height 0) or a verified state snapshot. Returns false, changing nothing, when a
    /// head is already recorded. The root must be the empty tree's root or a node already in the store.
    /// </summary>
    Task<bool> SetHeadAsync(long height, byte[] root, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="block"/> at the head height + 1 and moves the head to (its height, its state root), with
    /// <paramref name="transactions"/> (the block's included transactions and those rejected while it was built) and the
    /// removal of their pending entries — all in one transaction. Returns false, changing nothing, when the block's
    /// height is not the head's + 1 or no head is recorded. The state root's nodes must already be stored.
    /// </summary>
    /// <exception cref="ArgumentException">A record does not fit the block (hash length, height, index, shape).</exception>
    /// <exception cref="InvalidOperationException">
    /// The state root is not stored, or a record's transaction is already recorded (a transaction is processed once):
    /// the append fails as a whole and stores nothing.
    /// </exception>
    Task<bool> AppendBlockAsync(FinalizedBlock block, IReadOnlyList<LedgerTransactionRecord> transactions, CancellationToken cancellationToken = default);

    /// <summary>The finalized block at <paramref name="height"/> (≥ 1), or null when none is stored.</summary>
    Task<FinalizedBlock?> GetBlockAsync(long height, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxBlocks"/> consecutive stored blocks from <paramref name="fromHeight"/> on, ascending.</summary>
    Task<IReadOnlyList<FinalizedBlock>> GetBlocksAsync(long fromHeight, int maxBlocks, CancellationToken cancellationToken = default);

    /// <summary>What became of the transaction with this 32-byte hash, or null when no block processed it.</summary>
    Task<LedgerTransactionRecord?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds accepted transactions to the pool, durably before it returns, in the order given (after everything pooled
    /// before). A transaction whose hash is already pooled or recorded is skipped. Returns how many were added.
    /// </summary>
    Task<int> AddPendingAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> pooled transactions, oldest first.</summary>
    Task<IReadOnlyList<Transaction>> GetPendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Whether a transaction with this hash is pooled.</summary>
    Task<bool> IsPendingAsync(byte[] hash, CancellationToken cancellationToken = default);

    /// <summary>How many transactions are pooled.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken = default);

    /// <summary>A setting this copy of the ledger is bound to (e.g. <c>committee_key_id</c>, <c>chain_id</c>), or null.</summary>
    Task<string?> GetMetaAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a setting once: returns false, changing nothing, when <paramref name="name"/> already has a value (even
    /// the same one). Names are 1–64 characters of [a-z0-9_]; values at most 4,096 characters.
    /// </summary>
    Task<bool> TrySetMetaAsync(string name, string value, CancellationToken cancellationToken = default);
}

/// <summary>
/// What became of one processed transaction: included at (<paramref name="Height"/>, <paramref name="Index"/>) with its
/// events, or rejected while block <paramref name="Height"/> was built, with a stable reason code and a sentence.
/// </summary>
/// <param name="Hash">The transaction's 32-byte hash.</param>
/// <param name="Height">The block that included it, or during whose building it was rejected.</param>
/// <param name="Index">Its position in the block's transactions; null when rejected.</param>
/// <param name="Reason">The rejection code (ErrorCodes); null when included.</param>
/// <param name="Detail">The rejection sentence; null when included.</param>
/// <param name="EventsJson">The included transaction's events as a JSON array of {module, name, attributes}; null when rejected.</param>
public sealed record LedgerTransactionRecord(byte[] Hash, long Height, int? Index, string? Reason, string? Detail, string? EventsJson)
{
    /// <summary>True when the transaction took effect.</summary>
    public bool IsIncluded => Index is not null;
}
