using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Hosting;
using Arcanum.Coordinator.Metrics;
using Arcanum.Storage;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Audit;

/// <summary>What one audit entry says: who did what to which target, the request's hash, the decision and the outcome.</summary>
public sealed record AuditEvent(CallerIdentity Actor, string Action, string Target, string RequestHash, string Decision, string Outcome);

/// <summary>
/// The append-only, hash-chained audit log (<see cref="AuditChain"/>) in the store, and optionally a second sink
/// (<see cref="AuditFileSink"/>). Fail-closed: <see cref="AppendAsync"/> returns only once every sink has the
/// entry, and throws <see cref="ApiProblemException"/> 503 <c>audit-unavailable</c> otherwise — callers write the
/// entry before they answer or start any session, so nothing happens that the log does not show.
/// </summary>
/// <remarks>
/// Group commit: concurrent appends are written together — the first caller becomes the writer and writes every
/// entry queued meanwhile in one transaction (one fsync) and one file flush, then the next group; each caller
/// returns when its group is durable. Across coordinators the seq primary key decides: a group that loses the race
/// is chained again onto the new head and retried.
/// </remarks>
internal sealed partial class AuditLog(IGovernanceStore store, TimeProvider time, ILogger<AuditLog> logger, ArcanumMetrics metrics, AuditFileSink? fileSink = null)
{
    private const int MaxAttempts = 16;

    private const int MaxGroup = 256;

    private GroupCommit<AuditEntry, AuditEntry>? _groups;

    // One writer per log: EnsureInitialized publishes a single instance even when first callers race.
    private GroupCommit<AuditEntry, AuditEntry> Groups => LazyInitializer.EnsureInitialized(ref _groups,
        () => new GroupCommit<AuditEntry, AuditEntry>(MaxGroup, WriteGroupAsync, e => e as ApiProblemException ?? Unavailable("store", e)));

    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var draft = new AuditEntry(
            0, AuditChain.Truncate(time.GetUtcNow()), auditEvent.Actor.Accessor, auditEvent.Actor.Name, auditEvent.Action, auditEvent.Target,
            auditEvent.RequestHash, auditEvent.Decision, auditEvent.Outcome, "", "");
        return Groups.EnqueueAsync(draft, cancellationToken);
    }

    private async Task<IReadOnlyList<AuditEntry>> WriteGroupAsync(IReadOnlyList<AuditEntry> drafts)
    {
        var entries = await AppendToStoreAsync(drafts);
        if (fileSink is not null)
        {
            try
            {
                await fileSink.WriteAsync(entries, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unavailable("file", e);
            }
        }

        return entries;
    }

    /// <summary>Walks the whole chain from entry 1: the number of entries, the head hash, and the first problem found (null when intact).</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        const int page = 1000;
        AuditEntry? previous = null;
        long count = 0;
        while (true)
        {
            var entries = await store.ListAuditAsync(previous?.Seq ?? 0, page, cancellationToken);
            foreach (var entry in entries)
            {
                if (AuditChain.Problem(previous, entry) is { } problem)
                {
                    return new AuditVerification(false, count, previous?.Hash, entry.Seq, problem);
                }

                previous = entry;
                count++;
            }

            if (entries.Count < page)
            {
                return new AuditVerification(true, count, previous?.Hash, null, null);
            }
        }
    }

    private async Task<IReadOnlyList<AuditEntry>> AppendToStoreAsync(IReadOnlyList<AuditEntry> drafts)
    {
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var head = await store.GetAuditHeadAsync(CancellationToken.None);
                var entries = new List<AuditEntry>(drafts.Count);
                foreach (var draft in drafts)
                {
                    head = AuditChain.Next(head, draft);
                    entries.Add(head);
                }

                if (await store.TryAppendAuditAsync(entries, CancellationToken.None))
                {
                    return entries;
                }
            }
        }
        catch (Exception e) when (e is not ApiProblemException)
        {
            throw Unavailable("store", e);
        }

        throw Unavailable("store", new InvalidOperationException($"another writer won the next seq {MaxAttempts} times in a row"));
    }

    private ApiProblemException Unavailable(string sink, Exception cause)
    {
        LogWriteFailed(sink, cause.GetType().Name, cause.Message);
        metrics.AuditWriteFailed(sink);
        return new ApiProblemException(503, "audit-unavailable", "Audit log unavailable",
            $"The request was refused because its audit entry could not be written ({sink}); nothing was done.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit write to the {Sink} failed ({Error}: {Detail}); the request is refused")]
    private partial void LogWriteFailed(string sink, string error, string detail);
}

/// <summary>The result of walking the chain: <see cref="Ok"/>, how many entries, the head hash, and where and why it broke.</summary>
public sealed record AuditVerification(bool Ok, long Entries, string? Head, long? BrokenAt, string? Problem);
