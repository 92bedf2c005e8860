namespace Arcanum.Ledger.Execution;

/// <summary>
/// What a block tells the transactions it carries: the chain, its height, and its time — the only clock a
/// module may read (Unix time in milliseconds, set by the sequencer and checked by the committee).
/// </summary>
/// <param name="ChainId">The chain the block belongs to; a transaction for another chain is rejected.</param>
/// <param name="Height">The block height (genesis state is height 0, the first block height 1).</param>
/// <param name="TimeUnixMilliseconds">The block time, milliseconds since 1970-01-01T00:00:00Z.</param>
public sealed record BlockContext(string ChainId, ulong Height, ulong TimeUnixMilliseconds);
