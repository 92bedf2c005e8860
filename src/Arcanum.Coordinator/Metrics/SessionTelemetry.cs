using System.Collections.Concurrent;
using System.Diagnostics;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Sessions;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// What session orchestration reports about each session: the started/ended counters, the sign
/// latency histogram, and the <c>session {kind}</c> span (tags <c>arcanum.session.id</c>,
/// <c>arcanum.key.id</c>, <c>arcanum.scheme</c>, <c>arcanum.session.parties</c>,
/// <c>arcanum.session.retry_of</c>, and at the end <c>arcanum.session.outcome</c> and
/// <c>arcanum.session.reason</c>) with a <c>round {n}</c> event per round reached.
/// </summary>
internal sealed class SessionTelemetry(ArcanumMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ObservedSession> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts the start and opens the span (a child of the current activity, the API request's).
    /// <paramref name="cancellationToken"/> tells, for a session that ends by an exception, whether it
    /// was cancelled.
    /// </summary>
    public ObservedSession Start(string sessionId, string kind, KeyScheme scheme, string? keyId, IReadOnlyList<int> parties, string? retryOf,
        CancellationToken cancellationToken)
    {
        var schemeLabel = SessionOutcomeLabels.Scheme(scheme);
        metrics.SessionStarted(kind, schemeLabel);
        var activity = ArcanumTracing.Source.StartActivity("session " + kind, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("arcanum.session.id", sessionId);
            activity.SetTag("arcanum.session.kind", kind);
            activity.SetTag("arcanum.key.id", keyId);
            activity.SetTag("arcanum.scheme", schemeLabel);
            activity.SetTag("arcanum.session.parties", parties.ToArray());
            activity.SetTag("arcanum.session.retry_of", retryOf);
        }

        var session = new ObservedSession(this, sessionId, kind, schemeLabel, activity, time.GetTimestamp(), cancellationToken);
        _running[sessionId] = session;
        return session;
    }

    /// <summary>The furthest party of <paramref name="sessionId"/> sent its first message of <paramref name="round"/>.</summary>
    public void RoundReached(string sessionId, int round)
    {
        if (_running.TryGetValue(sessionId, out var session))
        {
            session.Activity?.AddEvent(new ActivityEvent($"round {round}", tags: new ActivityTagsCollection { ["arcanum.round"] = round }));
        }
    }

    private void Ended(ObservedSession session, string status, string reason, string? detail)
    {
        _running.TryRemove(new KeyValuePair<string, ObservedSession>(session.Id, session));
        metrics.SessionEnded(session.Kind, session.Scheme, status, reason);
        if (status == SessionOutcomeLabels.Completed && session.Kind == "sign")
        {
            metrics.SignCompleted(session.Scheme, time.GetElapsedTime(session.StartedAt));
        }

        if (session.Activity is { } activity)
        {
            activity.SetTag("arcanum.session.outcome", status);
            activity.SetTag("arcanum.session.reason", reason);
            if (status != SessionOutcomeLabels.Completed)
            {
                activity.SetStatus(ActivityStatusCode.Error, detail ?? reason);
            }

            activity.Dispose();
        }
    }

    /// <summary>One running session as observed; ends once, by <see cref="End"/> or (after an exception) by <see cref="Dispose"/>.</summary>
    internal sealed class ObservedSession(SessionTelemetry owner, string id, string kind, string scheme, Activity? activity, long startedAt,
        CancellationToken cancellationToken) : IDisposable
    {
        private int _ended;

        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public string Scheme { get; } = scheme;

        public Activity? Activity { get; } = activity;

        public long StartedAt { get; } = startedAt;

        /// <summary>The session ended as stored; <paramref name="rejected"/>: the coordinator's check turned a completed run into this abort.</summary>
        public void End(SessionEnd end, bool rejected)
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                var detail = end switch
                {
                    SessionEnd.Aborted a => a.Reason,
                    SessionEnd.TimedOut t => t.Reason,
                    _ => null,
                };
                owner.Ended(this, SessionOutcomeLabels.Status(end), SessionOutcomeLabels.Reason(end, rejected), detail);
            }
        }

        /// <summary>Without <see cref="End"/>, the session was left by an exception: cancelled, or an error.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                var reason = cancellationToken.IsCancellationRequested ? SessionOutcomeLabels.Cancelled : SessionOutcomeLabels.Error;
                owner.Ended(this, SessionOutcomeLabels.Cancelled, reason, null);
            }
        }
    }
}

/// <summary>
/// The label values of <c>arcanum_sessions_ended_total</c> (bounded sets, never the abort's text):
/// status completed | aborted | timed_out | cancelled, and reason ok (completed) | party_abort (a party
/// reported an abort) | rejected (the coordinator's check refused the results) | timed_out (no
/// progress for a round time-out, or a party not connected) | cancelled (the caller went away) |
/// error (the coordinator failed, e.g. its store).
/// </summary>
public static class SessionOutcomeLabels
{
    public const string Completed = "completed";
    public const string Aborted = "aborted";
    public const string TimedOut = "timed_out";
    public const string Cancelled = "cancelled";
    public const string Ok = "ok";
    public const string PartyAbort = "party_abort";
    public const string Rejected = "rejected";
    public const string Error = "error";

    internal static string Status(SessionEnd end) => end switch
    {
        SessionEnd.Completed => Completed,
        SessionEnd.Aborted => Aborted,
        _ => TimedOut,
    };

    internal static string Reason(SessionEnd end, bool rejected) => end switch
    {
        SessionEnd.Completed => Ok,
        SessionEnd.Aborted => rejected ? Rejected : PartyAbort,
        _ => TimedOut,
    };

    /// <summary>The scheme label: the API's scheme name (docs/api.md), or "none" for a session without one.</summary>
    internal static string Scheme(KeyScheme scheme) => scheme switch
    {
        KeyScheme.FrostEd25519 => KeySchemes.FrostEd25519,
        KeyScheme.FrostSecp256K1 => KeySchemes.FrostSecp256k1,
        KeyScheme.FrostTaproot => KeySchemes.FrostTaproot,
        KeyScheme.EcdsaSecp256K1 => KeySchemes.EcdsaSecp256k1,
        _ => "none",
    };
}
