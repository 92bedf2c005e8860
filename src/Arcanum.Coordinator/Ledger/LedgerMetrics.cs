using System.Diagnostics.Metrics;
using Arcanum.Coordinator.Metrics;

namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// The sequencer's instruments, on the coordinator's meter (<see cref="ArcanumMetrics.Meter"/>), listed in
/// docs/operations.md: <c>arcanum_ledger_height</c>, <c>arcanum_ledger_pending</c>, <c>arcanum_ledger_blocks_total</c>,
/// <c>arcanum_ledger_transactions_total{status}</c> (included, rejected), <c>arcanum_ledger_block_failures_total</c> and
/// the histogram <c>arcanum_ledger_block_finality_seconds</c> (from pooling a transaction to its block's finalization).
/// </summary>
internal sealed class LedgerMetrics
{
    /// <summary>Finality buckets in seconds: one quick block (50 ms) to a block retried after time-outs (60 s).</summary>
    public static readonly IReadOnlyList<double> FinalityBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _blocks;
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _finality;

    /// <summary>Creates the instruments; <paramref name="height"/> and <paramref name="pending"/> are read at each scrape.</summary>
    public LedgerMetrics(ArcanumMetrics metrics, Func<long> height, Func<long> pending)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        meter.CreateObservableGauge("arcanum.ledger.height", height, "{block}", "Height of the latest finalized ledger block (0: only genesis).");
        meter.CreateObservableGauge("arcanum.ledger.pending", pending, "{transaction}", "Transactions in the sequencer's pool.");
        _blocks = meter.CreateCounter<long>("arcanum.ledger.blocks", "{block}", "Ledger blocks finalized.");
        _transactions = meter.CreateCounter<long>("arcanum.ledger.transactions", "{transaction}",
            "Transactions processed in finalized blocks, by status (included, rejected).");
        _failures = meter.CreateCounter<long>("arcanum.ledger.block_failures", "{block}",
            "Blocks dropped because no committee signature was obtained (their transactions stay pooled).");
        _finality = meter.CreateHistogram("arcanum.ledger.block.finality", "s",
            "Time from pooling a transaction to the finalization of the block that processed it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FinalityBuckets });
    }

    /// <summary>A block with <paramref name="included"/> and <paramref name="rejected"/> transactions was finalized.</summary>
    public void BlockFinalized(int included, int rejected)
    {
        _blocks.Add(1);
        _transactions.Add(included, new KeyValuePair<string, object?>("status", "included"));
        _transactions.Add(rejected, new KeyValuePair<string, object?>("status", "rejected"));
    }

    /// <summary>A transaction reached finality <paramref name="elapsed"/> after it was pooled.</summary>
    public void Finality(TimeSpan elapsed) => _finality.Record(elapsed.TotalSeconds);

    /// <summary>A block got no signature and was dropped.</summary>
    public void BlockFailed() => _failures.Add(1);
}
