using System.Diagnostics.Metrics;
using Arcanum.Coordinator.Sessions;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// The coordinator's instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> created
/// through <see cref="IMeterFactory"/> (so each host has its own). Instrument names follow the
/// OpenTelemetry conventions; <see cref="PrometheusTextExporter"/> turns them into the Prometheus names
/// listed in docs/operations.md ("." becomes "_", a unit of seconds adds <c>_seconds</c>, a counter adds
/// <c>_total</c>). Every label value is drawn from a small fixed set: never an id, a path or free text,
/// so the number of series stays bounded.
/// </summary>
public sealed class ArcanumMetrics
{
    /// <summary>The meter's name (and the trace source's, <see cref="ArcanumTracing.SourceName"/>).</summary>
    public const string MeterName = "Arcanum.Coordinator";

    /// <summary>Sign latency buckets in seconds: 5 ms (one-round online signing on loopback) to 30 s (a round time-out and a retry).</summary>
    public static readonly IReadOnlyList<double> SignDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>HTTP duration buckets in seconds: 1 ms (health) to 30 s (a signing request that times out).</summary>
    public static readonly IReadOnlyList<double> HttpDurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _sessionsStarted;
    private readonly Counter<long> _sessionsEnded;
    private readonly Histogram<double> _signDuration;
    private readonly Counter<long> _policyDecisions;
    private readonly Counter<long> _auditWriteFailures;
    private readonly Counter<long> _httpRequests;
    private readonly Histogram<double> _httpDuration;

    /// <summary>Creates the meter and its instruments; <paramref name="cluster"/> is observed for the connected-nodes gauge.</summary>
    public ArcanumMetrics(IMeterFactory meterFactory, IClusterView cluster)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(cluster);
        Meter = meterFactory.Create(MeterName);
        _sessionsStarted = Meter.CreateCounter<long>("arcanum.sessions.started", "{session}",
            "Sessions started, by kind (keygen, sign, refresh, reshare, destroy) and scheme.");
        _sessionsEnded = Meter.CreateCounter<long>("arcanum.sessions.ended", "{session}",
            "Sessions ended, by kind, scheme, status (completed, aborted, timed_out, cancelled) and reason.");
        _signDuration = Meter.CreateHistogram("arcanum.sign.duration", "s",
            "Duration of completed signing sessions, from the request to the nodes until the checked signature is stored.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SignDurationBuckets });
        Meter.CreateObservableGauge("arcanum.nodes.connected", () => cluster.ConnectedCount, "{node}",
            "Cluster members with an open node link.");
        _policyDecisions = Meter.CreateCounter<long>("arcanum.policy.decisions", "{decision}",
            "Policy decisions, by operation and decision (allow, deny, require_approval).");
        _auditWriteFailures = Meter.CreateCounter<long>("arcanum.audit.write_failures", "{failure}",
            "Audit entries that could not be written (the request failed with 503), by sink.");
        _httpRequests = Meter.CreateCounter<long>("arcanum.http.requests", "{request}",
            "HTTP requests, by method, route template and status code.");
        _httpDuration = Meter.CreateHistogram("arcanum.http.request.duration", "s",
            "HTTP request duration until the response was sent, by method and route template.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HttpDurationBuckets });
    }

    /// <summary>The meter every instrument lives on (the exporter listens to this instance only).</summary>
    public Meter Meter { get; }

    /// <summary>A session of <paramref name="kind"/> (keygen, sign, …) over a key of <paramref name="scheme"/> started.</summary>
    public void SessionStarted(string kind, string scheme) =>
        _sessionsStarted.Add(1, new("kind", kind), new("scheme", scheme));

    /// <summary>
    /// A session ended; <paramref name="status"/> and <paramref name="reason"/> come from
    /// <see cref="SessionOutcomeLabels"/> (bounded sets, never the abort text).
    /// </summary>
    public void SessionEnded(string kind, string scheme, string status, string reason) =>
        _sessionsEnded.Add(1, new("kind", kind), new("scheme", scheme), new("status", status), new("reason", reason));

    /// <summary>A signing session completed after <paramref name="duration"/>.</summary>
    public void SignCompleted(string scheme, TimeSpan duration) =>
        _signDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("scheme", scheme));

    /// <summary>
    /// The policy engine decided: <paramref name="operation"/> is the rule operation (sign_raw,
    /// sign_transaction, sign_message, key_create, key_destroy, reshare) and <paramref name="decision"/>
    /// one of allow, deny, require_approval.
    /// </summary>
    public void PolicyDecided(string operation, string decision) =>
        _policyDecisions.Add(1, new("operation", operation), new("decision", decision));

    /// <summary>An audit entry could not be written to <paramref name="sink"/> (e.g. "store", "file").</summary>
    public void AuditWriteFailed(string sink) =>
        _auditWriteFailures.Add(1, new KeyValuePair<string, object?>("sink", sink));

    /// <summary>
    /// One HTTP request finished. <paramref name="route"/> is the endpoint's route template (e.g.
    /// /v1/keys/{id}/sign), never the raw path.
    /// </summary>
    public void HttpRequestCompleted(string method, string route, int status, TimeSpan duration)
    {
        _httpRequests.Add(1, new("method", method), new("route", route), new("status", status));
        _httpDuration.Record(duration.TotalSeconds, new("method", method), new("route", route));
    }
}
