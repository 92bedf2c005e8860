using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Sessions;

/// <summary>How a session ended, before the coordinator's own checks of the results.</summary>
internal abstract record SessionEnd
{
    /// <summary>Every party reported success; the reports by node id.</summary>
    public sealed record Completed(IReadOnlyDictionary<int, SessionReport> Reports) : SessionEnd;

    /// <summary>
    /// A party reported an abort (<paramref name="ReportedBy"/>: that node), or the coordinator's check of the results
    /// refused them (<paramref name="ReportedBy"/> null). A node that refuses a request aborts naming no culprits.
    /// </summary>
    public sealed record Aborted(string Reason, IReadOnlyList<int> Culprits, int? ReportedBy = null) : SessionEnd;

    public sealed record TimedOut(string Reason, IReadOnlyList<int> Missing) : SessionEnd;
}

/// <summary>
/// The coordinator's view of one running session: who takes part, how far each party got (the
/// highest round it sent, read from routed headers), and the reports. It ends on the first abort
/// report, when every party reported, when a party's link goes down, or when no party made progress
/// for one round timeout — then the parties that are behind are the ones named missing.
/// Thread-safe: links deliver concurrently.
/// </summary>
internal sealed class ActiveSession
{
    private readonly object _gate = new();
    private readonly HashSet<int> _parties;
    private readonly Dictionary<int, int> _highestRound = [];
    private readonly Dictionary<int, SessionReport> _reports = [];
    private readonly TaskCompletionSource<SessionEnd> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private long _lastProgress;

    public ActiveSession(string id, string kind, string? keyId, IReadOnlyList<int> parties, TimeProvider time)
    {
        Id = id;
        Kind = kind;
        KeyId = keyId;
        Parties = parties;
        _parties = [.. parties];
        _time = time;
        _lastProgress = time.GetTimestamp();
    }

    public string Id { get; }

    public string Kind { get; }

    public string? KeyId { get; }

    public IReadOnlyList<int> Parties { get; }

    /// <summary>The highest round any party has sent so far (for progress events).</summary>
    public int Round { get; private set; }

    public bool IsParty(int nodeId) => _parties.Contains(nodeId);

    /// <summary>Records a routed message's progress and returns whom to forward it to (nobody for a stranger).</summary>
    public IReadOnlyList<int> Route(int from, RoutedMessage message, out bool newRound)
    {
        newRound = false;
        if (!_parties.Contains(from) || (message.To != 0 && (!_parties.Contains((int)message.To) || message.To == from)))
        {
            return [];
        }

        lock (_gate)
        {
            _lastProgress = _time.GetTimestamp();
            var round = (int)message.Round;
            if (!_highestRound.TryGetValue(from, out var highest) || round > highest)
            {
                _highestRound[from] = round;
            }

            if (round > Round)
            {
                Round = round;
                newRound = true;
            }
        }

        return message.To == 0 ? [.. Parties.Where(p => p != from)] : [(int)message.To];
    }

    public void Report(int from, SessionReport report)
    {
        if (!_parties.Contains(from))
        {
            return;
        }

        lock (_gate)
        {
            if (!_reports.TryAdd(from, report))
            {
                return;
            }

            _lastProgress = _time.GetTimestamp();
            if (report.OutcomeCase == SessionReport.OutcomeOneofCase.Aborted)
            {
                var culprits = report.Aborted.Culprits.Select(c => (int)c).Where(_parties.Contains).Distinct().Order().ToList();
                _end.TrySetResult(new SessionEnd.Aborted($"node {from}: {report.Aborted.Reason}", culprits, from));
            }
            else if (_reports.Count == _parties.Count)
            {
                _end.TrySetResult(new SessionEnd.Completed(new Dictionary<int, SessionReport>(_reports)));
            }
        }
    }

    /// <summary>A party's link closed or a request could not be delivered: it will not finish this run.</summary>
    public void Unreachable(int nodeId)
    {
        lock (_gate)
        {
            if (_parties.Contains(nodeId) && !_reports.ContainsKey(nodeId))
            {
                _end.TrySetResult(new SessionEnd.TimedOut($"node {nodeId} is not connected", [nodeId]));
            }
        }
    }

    /// <summary>Waits for the end; with no progress for <paramref name="roundTimeout"/> the session times out.</summary>
    public async Task<SessionEnd> WaitAsync(TimeSpan roundTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan idle;
            lock (_gate)
            {
                idle = _time.GetElapsedTime(_lastProgress);
            }

            if (idle >= roundTimeout)
            {
                lock (_gate)
                {
                    _end.TrySetResult(new SessionEnd.TimedOut($"no progress for {roundTimeout.TotalSeconds:0.#} s", Behind()));
                }
            }

            var wait = roundTimeout - idle;
            var finished = await Task.WhenAny(_end.Task, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken)).ConfigureAwait(false);
            if (finished == _end.Task)
            {
                return await _end.Task.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The parties without a report that sent fewer rounds than the furthest party (all unreported ones if none is behind).</summary>
    private List<int> Behind()
    {
        var unreported = Parties.Where(p => !_reports.ContainsKey(p)).ToList();
        var furthest = _highestRound.Values.DefaultIfEmpty(0).Max();
        var behind = unreported.Where(p => _highestRound.GetValueOrDefault(p) < furthest).ToList();
        return behind.Count > 0 ? behind : unreported;
    }
}
