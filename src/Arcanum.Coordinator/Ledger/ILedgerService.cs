using Arcanum.Client.Contracts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// The coordinator's side of the ledger (docs/ledger.md): the sequencer's pool and block loop behind the write route,
/// and the latest finalized state, blocks and transaction records behind the read routes. The REST API
/// (Api/LedgerEndpoints) only translates between HTTP and this interface.
/// </summary>
internal interface ILedgerService
{
    /// <summary>
    /// The chain once it is ready: the genesis document and the committee key (made by DKG when the coordinator first
    /// had every node connected). Null before — the routes answer 503 ledger-not-ready.
    /// </summary>
    ChainConfig? Chain { get; }

    /// <summary>The latest finalized block's header and signature; null while only genesis exists.</summary>
    FinalizedHeader? LatestFinalized { get; }

    /// <summary>
    /// Checks and pools a signed transaction: chain id, signature (bad ones never reach the pool: 400 naming the
    /// field), size; then adds it to the durable pool (group commit) and returns once it is durable. A transaction
    /// already pooled or processed is not pooled again: its current status is returned.
    /// </summary>
    /// <exception cref="Api.ApiProblemException">400 for a transaction that can never be valid; 503 when the
    /// ledger is not ready or the pool is full.</exception>
    Task<LedgerSubmitResponse> SubmitAsync(Transaction transaction, CancellationToken cancellationToken);

    /// <summary>pending / included / rejected, or null when the hash is unknown.</summary>
    Task<LedgerTransactionStatus?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken);

    /// <summary>The block at <paramref name="height"/> (0 = genesis), or null above the finalized head.</summary>
    Task<LedgerBlockInfo?> GetBlockAsync(long height, CancellationToken cancellationToken);

    /// <summary>The chain's status (503 when not ready).</summary>
    Task<LedgerStatusInfo> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="query"/> over the latest finalized state. With <paramref name="withProof"/>, the answer
    /// carries one proof per key the query read, against that block's signed header (409 ledger-no-finalized-block
    /// while only genesis exists).
    /// </summary>
    LedgerAnswer<T> Query<T>(Func<IStateView, FinalizedHeaderInfo, T> query, bool withProof);

    /// <summary>Every block finalized after the call, until <paramref name="cancellationToken"/> fires (slow readers lose events).</summary>
    IAsyncEnumerable<LedgerBlockEvent> SubscribeAsync(CancellationToken cancellationToken);
}

/// <summary>The height and block time a query runs at (access checks use the block time as "now").</summary>
internal sealed record FinalizedHeaderInfo(long Height, ulong TimeUnixMilliseconds);
