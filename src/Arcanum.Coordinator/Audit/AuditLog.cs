using Arcanum.Coordinator.Auth;
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
/// entry before they answer or start any session, so nothing happens that the log does not show. Appends are
/// serialised in this process and guarded by the seq primary key across coordinators (a lost race re-reads the head).
/// </summary>
internal sealed partial class AuditLog(IGovernanceStore store, TimeProvider time, ILogger<AuditLog> logger, ArcanumMetrics metrics, AuditFileSink? fileSink = null) : IDisposable
{
    private const int MaxAttempts = 16;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var draft = new AuditEntry(
            0, AuditChain.Truncate(time.GetUtcNow()), auditEvent.Actor.Accessor, auditEvent.Actor.Name, auditEvent.Action, auditEvent.Target,
            auditEvent.RequestHash, auditEvent.Decision, auditEvent.Outcome, "", "");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = await AppendToStoreAsync(draft, cancellationToken);
            if (fileSink is not null)
            {
                try
                {
                    await fileSink.WriteAsync(entry, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw Unavailable("file", e);
                }
            }

            return entry;
        }
        finally
        {
            _gate.Release();
        }
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

    public void Dispose() => _gate.Dispose();

    private async Task<AuditEntry> AppendToStoreAsync(AuditEntry draft, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var entry = AuditChain.Next(await store.GetAuditHeadAsync(cancellationToken), draft);
                if (await store.TryAppendAuditAsync(entry, cancellationToken))
                {
                    return entry;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
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
