using Arcanum.Ledger.Blocks;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Ledger;

/// <summary>
/// Catch-up of one node's ledger copy (issue 8, "Recovery"; docs/node.md, "Nodes and blocks"): decides when to ask the
/// coordinator for the finalized blocks the copy lacks (<see cref="TryBegin"/>: at most one request in flight) and
/// applies an answer in order (<see cref="ReceiveAsync"/>), asking again while the copy is still below the
/// coordinator's head and the answer made progress. The node's link sends the frames.
/// </summary>
public sealed class LedgerCatchUp(LedgerReplica replica, TimeProvider time)
{
    /// <summary>The most blocks one request asks for.</summary>
    public const uint MaxBlocksPerRequest = 64;

    /// <summary>A request unanswered for this long no longer counts as in flight (the answer was lost).</summary>
    public static readonly TimeSpan RequestLifetime = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private DateTimeOffset? _inFlightSince;

    /// <summary>
    /// The request to send now (from the head + 1, up to <see cref="MaxBlocksPerRequest"/> blocks), or null while
    /// one is in flight or no ledger key is bound (the blocks' signatures could not be checked).
    /// </summary>
    public LedgerSyncRequest? TryBegin()
    {
        if (replica.BoundKeyId is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (_inFlightSince is { } since && time.GetUtcNow() - since < RequestLifetime)
            {
                return null;
            }

            _inFlightSince = time.GetUtcNow();
        }

        return new LedgerSyncRequest { FromHeight = (ulong)replica.HeadHeight + 1, MaxBlocks = MaxBlocksPerRequest };
    }

    /// <summary>Forgets the request in flight (the link it was sent on is gone).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _inFlightSince = null;
        }
    }

    /// <summary>
    /// Applies the blocks of <paramref name="answer"/> in order: those at or below the head are skipped, the first
    /// that does not decode or does not apply stops the round (its problem is returned). The next request is set when
    /// the copy is still below the coordinator's head and this answer moved it forward.
    /// </summary>
    public async Task<CatchUpRound> ReceiveAsync(LedgerBlocks answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Reset();
        var start = replica.HeadHeight;
        string? problem = null;
        for (var index = 0; index < answer.Blocks.Count && problem is null; index++)
        {
            if (!FinalizedBlock.TryDecode(answer.Blocks[index].Span, out var block, out var error))
            {
                problem = $"block {index} of the answer ({answer.Blocks[index].Length} bytes) does not decode: {FieldErrors.Describe(error)}";
            }
            else if (block.Header.Height > (ulong)replica.HeadHeight)
            {
                problem = await replica.ApplyFinalizedAsync(block, cancellationToken).ConfigureAwait(false);
            }
        }

        var progressed = replica.HeadHeight > start;
        var next = problem is null && progressed && (ulong)replica.HeadHeight < answer.HeadHeight ? TryBegin() : null;
        return new CatchUpRound(replica.HeadHeight - start, problem, next);
    }
}

/// <summary>What one catch-up answer did: how many blocks it applied, the problem that stopped it, and the next request to send.</summary>
/// <param name="Applied">Blocks stored by this answer.</param>
/// <param name="Problem">Why applying stopped early; null when every block applied or was already held.</param>
/// <param name="Next">The request to send next; null when done (or stopped).</param>
public sealed record CatchUpRound(long Applied, string? Problem, LedgerSyncRequest? Next);
