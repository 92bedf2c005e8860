using System.Diagnostics.Metrics;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>The methods other parts of the coordinator call, as they appear in the exposition.</summary>
public sealed class ArcanumMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeClusterView _cluster = new();
    private readonly ArcanumMetrics _metrics;
    private readonly PrometheusTextExporter _exporter;

    public ArcanumMetricsTests()
    {
        _metrics = new ArcanumMetrics(_services.GetRequiredService<IMeterFactory>(), _cluster);
        _exporter = new PrometheusTextExporter(_metrics);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _services.Dispose();
    }

    private PrometheusDocument Scrape()
    {
        Assert.True(PrometheusText.TryParse(_exporter.Scrape(), out var document, out var errors), string.Join("; ", errors));
        return document;
    }

    [Fact]
    public void Meter_IsNamedAndOwnedByTheFactory()
    {
        Assert.Equal(ArcanumMetrics.MeterName, _metrics.Meter.Name);
        Assert.Equal("Arcanum.Coordinator", _metrics.Meter.Name);
        Assert.Equal(ArcanumTracing.SourceName, _metrics.Meter.Name);
    }

    [Fact]
    public void PolicyDecided_CountsByOperationAndDecision()
    {
        _metrics.PolicyDecided("sign_transaction", "allow");
        _metrics.PolicyDecided("sign_transaction", "allow");
        _metrics.PolicyDecided("sign_raw", "deny");

        var document = Scrape();

        Assert.Equal(2, document.Value("arcanum_policy_decisions_total", ("operation", "sign_transaction"), ("decision", "allow")));
        Assert.Equal(1, document.Value("arcanum_policy_decisions_total", ("operation", "sign_raw"), ("decision", "deny")));
        Assert.Null(document.Value("arcanum_policy_decisions_total", ("operation", "sign_raw"), ("decision", "allow")));
    }

    [Fact]
    public void AuditWriteFailed_CountsBySink()
    {
        _metrics.AuditWriteFailed("store");
        _metrics.AuditWriteFailed("file");
        _metrics.AuditWriteFailed("file");

        var document = Scrape();

        Assert.Equal(1, document.Value("arcanum_audit_write_failures_total", ("sink", "store")));
        Assert.Equal(2, document.Value("arcanum_audit_write_failures_total", ("sink", "file")));
    }

    [Fact]
    public void SessionStartedAndEnded_CountByKindSchemeStatusAndReason()
    {
        _metrics.SessionStarted("keygen", "ecdsa-secp256k1");
        _metrics.SessionEnded("keygen", "ecdsa-secp256k1", SessionOutcomeLabels.Aborted, SessionOutcomeLabels.PartyAbort);

        var document = Scrape();

        Assert.Equal(1, document.Value("arcanum_sessions_started_total", ("kind", "keygen"), ("scheme", "ecdsa-secp256k1")));
        Assert.Equal(1, document.Value("arcanum_sessions_ended_total", ("kind", "keygen"), ("scheme", "ecdsa-secp256k1"), ("status", "aborted"), ("reason", "party_abort")));
    }

    [Fact]
    public void SignCompleted_FillsTheAdvisedBuckets()
    {
        _metrics.SignCompleted("frost-secp256k1", TimeSpan.FromMilliseconds(3));
        _metrics.SignCompleted("frost-secp256k1", TimeSpan.FromMilliseconds(40));
        _metrics.SignCompleted("frost-secp256k1", TimeSpan.FromSeconds(31));

        var buckets = Scrape().Samples("arcanum_sign_duration_seconds_bucket").ToDictionary(s => s.Labels["le"], s => s.Value);

        Assert.Equal([.. ArcanumMetrics.SignDurationBuckets.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)), "+Inf"], buckets.Keys);
        Assert.Equal((1, 1, 2, 2, 3), (buckets["0.005"], buckets["0.025"], buckets["0.05"], buckets["30"], buckets["+Inf"]));
    }

    [Fact]
    public void HttpRequestCompleted_CountsAndTimes()
    {
        _metrics.HttpRequestCompleted("GET", "/v1/keys/{id}", 200, TimeSpan.FromMilliseconds(2));
        _metrics.HttpRequestCompleted("GET", "/v1/keys/{id}", 404, TimeSpan.FromMilliseconds(2));

        var document = Scrape();

        Assert.Equal(1, document.Value("arcanum_http_requests_total", ("method", "GET"), ("route", "/v1/keys/{id}"), ("status", "404")));
        Assert.Equal(2, document.Value("arcanum_http_request_duration_seconds_count", ("method", "GET"), ("route", "/v1/keys/{id}")));
        Assert.Equal(0, document.Value("arcanum_http_request_duration_seconds_bucket", ("method", "GET"), ("route", "/v1/keys/{id}"), ("le", "0.001")));
        Assert.Equal(2, document.Value("arcanum_http_request_duration_seconds_bucket", ("method", "GET"), ("route", "/v1/keys/{id}"), ("le", "0.0025")));
    }

    [Fact]
    public void NodesConnected_IsReadFromTheClusterAtScrape()
    {
        _cluster.SetConnected(1, 2, 3, 4);
        Assert.Equal(4, Scrape().Value("arcanum_nodes_connected"));

        _cluster.SetConnected();
        Assert.Equal(0, Scrape().Value("arcanum_nodes_connected"));
    }
}
