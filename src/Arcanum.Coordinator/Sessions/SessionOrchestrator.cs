using System.Collections.Concurrent;
using System.Security.Cryptography;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Metrics;
using Arcanum.Mpc.Protocol;
using Arcanum.Storage;
using Arcanum.Transport;
using Arcanum.Transport.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Sessions;

/// <summary>The outcome of one session after the coordinator's checks, as stored.</summary>
internal sealed record SessionResult(string SessionId, SessionEnd End)
{
    public bool Succeeded => End is SessionEnd.Completed;

    /// <summary>The nodes to leave out of a retry: the culprits of an abort or the missing of a time-out.</summary>
    public IReadOnlyList<int> Faulty => End switch
    {
        SessionEnd.Aborted a => a.Culprits,
        SessionEnd.TimedOut t => t.Missing,
        _ => [],
    };

    public ApiProblemException ToProblem(string what) => End switch
    {
        SessionEnd.Aborted a => new ApiProblemException(503, "session-aborted", $"{what} aborted",
            $"Session {SessionId} aborted: {a.Reason}" + (a.Culprits.Count > 0 ? $"; culprits: nodes {string.Join(", ", a.Culprits)}" : ""), session: SessionId),
        SessionEnd.TimedOut t => new ApiProblemException(503, "session-timed-out", $"{what} timed out",
            $"Session {SessionId} timed out ({t.Reason}); missing: nodes {string.Join(", ", t.Missing)}", session: SessionId),
        _ => new ApiProblemException(503, "session-failed", $"{what} failed", $"Session {SessionId} failed.", session: SessionId),
    };
}

/// <summary>
/// Runs sessions (issue "Sessions"): picks the parties, issues the coordinator-signed request to each,
/// routes their messages, waits for every report under the per-round timeout, checks the results,
/// and stores the outcome — completed, aborted{reason, culprits} or timed_out{missing}.
/// </summary>
internal sealed partial class SessionOrchestrator : IClusterSink
{
    private readonly ConcurrentDictionary<SessionId, ActiveSession> _active = new();
    private readonly ClusterHub _hub;
    private readonly ICoordinatorStore _store;
    private readonly ISessionEvents _events;
    private readonly IdentityKeys _identity;
    private readonly TimeProvider _time;
    private readonly RandomNumberGenerator _rng;
    private readonly ILogger _logger;
    private readonly SessionTelemetry _telemetry;

    public SessionOrchestrator(ClusterHub hub, ICoordinatorStore store, ISessionEvents events, IdentityKeys identity, TimeSpan roundTimeout,
        TimeProvider time, RandomNumberGenerator rng, ILogger logger, ArcanumMetrics metrics)
    {
        _hub = hub;
        _store = store;
        _events = events;
        _identity = identity;
        RoundTimeout = roundTimeout;
        _time = time;
        _rng = rng;
        _logger = logger;
        _telemetry = new SessionTelemetry(metrics, time);
        hub.Attach(this);
    }

    public TimeSpan RoundTimeout { get; }

    /// <summary>Called with each node's hello (e.g. to clean up shares of destroyed keys).</summary>
    public Action<int, NodeHello>? HelloReceived { get; set; }

    /// <summary>Called with each node's ledger catch-up request (the ledger sequencer answers it).</summary>
    public Action<int, LedgerSyncRequest>? LedgerSyncReceived { get; set; }

    /// <summary>
    /// Runs one session of <paramref name="request"/> (session id, issue time and timeout are filled
    /// in here) between <paramref name="parties"/>; <paramref name="check"/> inspects a completed
    /// run's reports and returns an abort to record instead (e.g. parties disagree), or null.
    /// </summary>
    public async Task<SessionResult> RunAsync(SessionRequest request, IReadOnlyList<int> parties, string kind, string? retryOf,
        Func<IReadOnlyDictionary<int, SessionReport>, SessionEnd.Aborted?> check, CancellationToken cancellationToken)
    {
        var sessionBytes = new byte[16];
        _rng.GetBytes(sessionBytes);
        var sessionId = SessionId.FromBytes(sessionBytes);
        var id = sessionId.ToString();
        request.SessionId = ByteString.CopyFrom(sessionBytes);
        request.IssuedAtMs = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
        request.RoundTimeoutMs = (uint)RoundTimeout.TotalMilliseconds;

        var keyId = string.IsNullOrEmpty(request.KeyId) ? null : request.KeyId;
        await _store.InsertSessionAsync(new SessionRecord(id, kind, keyId, parties, SessionStatus.Running, null, [], [], null, retryOf,
            _time.GetUtcNow(), null), cancellationToken).ConfigureAwait(false);
        using var observed = _telemetry.Start(id, kind, request.Scheme, keyId, parties, retryOf, cancellationToken);
        var session = new ActiveSession(id, kind, keyId, parties, _time);
        _active[sessionId] = session;
        Publish("session.started", session, "running");

        SessionEnd end;
        var rejected = false;
        try
        {
            var frame = new ClusterFrame { SessionRequest = SessionRequests.Sign(request, _identity.Identity) };
            foreach (var party in parties)
            {
                if (!await _hub.SendAsync(party, frame, cancellationToken).ConfigureAwait(false))
                {
                    session.Unreachable(party);
                }
            }

            end = await session.WaitAsync(RoundTimeout, cancellationToken).ConfigureAwait(false);
            if (end is SessionEnd.Completed completed && check(completed.Reports) is { } refusal)
            {
                end = refusal;
                rejected = true;
            }
        }
        finally
        {
            _active.TryRemove(sessionId, out _);
        }

        if (end is not SessionEnd.Completed)
        {
            await CancelAsync(session, end).ConfigureAwait(false);
        }

        await _store.EndSessionAsync(id, Outcome(end), CancellationToken.None).ConfigureAwait(false);
        Publish("session.ended", session, StatusName(end));
        observed.End(end, rejected);
        return new SessionResult(id, end);
    }

    public void OnRouted(int from, RoutedMessage message)
    {
        if (!SessionId.TryFromBytes(message.SessionId.Span, out var id) || !_active.TryGetValue(id, out var session))
        {
            return;
        }

        var recipients = session.Route(from, message, out var newRound);
        if (recipients.Count == 0)
        {
            return;
        }

        if (newRound)
        {
            Publish("session.round", session, "running");
            _telemetry.RoundReached(session.Id, session.Round);
        }

        var frame = new ClusterFrame { Routed = message };
        foreach (var recipient in recipients)
        {
            _ = ForwardAsync(session, recipient, frame);
        }
    }

    public void OnReport(int from, SessionReport report)
    {
        if (SessionId.TryFromBytes(report.SessionId.Span, out var id) && _active.TryGetValue(id, out var session))
        {
            session.Report(from, report);
        }
    }

    public void OnHello(int from, NodeHello hello) => HelloReceived?.Invoke(from, hello);

    public void OnLedgerSync(int from, LedgerSyncRequest request) => LedgerSyncReceived?.Invoke(from, request);

    public void OnLinkDown(int nodeId)
    {
        foreach (var session in _active.Values.Where(s => s.IsParty(nodeId)))
        {
            session.Unreachable(nodeId);
        }
    }

    private async Task ForwardAsync(ActiveSession session, int recipient, ClusterFrame frame)
    {
        if (!await _hub.SendAsync(recipient, frame, CancellationToken.None).ConfigureAwait(false))
        {
            session.Unreachable(recipient);
        }
    }

    private async Task CancelAsync(ActiveSession session, SessionEnd end)
    {
        var reason = end switch
        {
            SessionEnd.Aborted a => a.Reason,
            SessionEnd.TimedOut t => t.Reason,
            _ => "cancelled",
        };
        var frame = new ClusterFrame { Cancel = new SessionCancel { SessionId = ByteString.CopyFrom(Convert.FromHexString(session.Id)), Reason = reason } };
        foreach (var party in session.Parties)
        {
            await _hub.SendAsync(party, frame, CancellationToken.None).ConfigureAwait(false);
        }

        LogSessionEnded(_logger, session.Id, StatusName(end), reason);
    }

    private SessionOutcome Outcome(SessionEnd end) => end switch
    {
        SessionEnd.Completed => new SessionOutcome(SessionStatus.Completed, null, [], [], null, _time.GetUtcNow()),
        SessionEnd.Aborted a => new SessionOutcome(SessionStatus.Aborted, a.Reason, a.Culprits, [], null, _time.GetUtcNow()),
        SessionEnd.TimedOut t => new SessionOutcome(SessionStatus.TimedOut, t.Reason, [], t.Missing, null, _time.GetUtcNow()),
        _ => throw new InvalidOperationException("unknown session end"),
    };

    private static string StatusName(SessionEnd end) => end switch
    {
        SessionEnd.Completed => "completed",
        SessionEnd.Aborted => "aborted",
        _ => "timed_out",
    };

    private void Publish(string type, ActiveSession session, string status) =>
        _events.Publish(new SessionEvent(type, session.Id, session.Kind, session.KeyId, status, session.Round == 0 ? null : session.Round, _time.GetUtcNow()));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Session {Session} ended {Status}: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string session, string status, string reason);
}
