using System.Diagnostics.Metrics;
using Arcanum.Coordinator.Metrics;

namespace Arcanum.Coordinator.Tests.Metrics;

public sealed class PrometheusTextExporterTests : IDisposable
{
    private readonly Meter _meter = new("Arcanum.Tests.Exporter");
    private readonly PrometheusTextExporter _exporter;

    public PrometheusTextExporterTests() => _exporter = new PrometheusTextExporter(_meter);

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    private PrometheusDocument Scrape()
    {
        var text = _exporter.Scrape();
        Assert.True(PrometheusText.TryParse(text, out var document, out var errors), string.Join("; ", errors) + "\n" + text);
        return document;
    }

    [Theory]
    [InlineData("arcanum.http.requests", null, true, "arcanum_http_requests_total")]
    [InlineData("arcanum.sign.duration", "s", false, "arcanum_sign_duration_seconds")]
    [InlineData("queue_seconds", "s", false, "queue_seconds")]
    [InlineData("done_total", null, true, "done_total")]
    [InlineData("9lives-left", "{life}", false, "_9lives_left")]
    [InlineData("a/b c", null, false, "a_b_c")]
    public void PrometheusName_InstrumentName_FollowsTheRules(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusTextExporter.PrometheusName(instrument, unit, counter));

    [Fact]
    public void Scrape_Counter_WritesHelpTypeAndEscapedLabels()
    {
        var counter = _meter.CreateCounter<long>("test.events", description: "Events with a \\ and a\nline feed.");
        counter.Add(2, new KeyValuePair<string, object?>("value", "quote \" backslash \\ newline \n end"));
        counter.Add(3, new KeyValuePair<string, object?>("value", "quote \" backslash \\ newline \n end"));
        counter.Add(1, new KeyValuePair<string, object?>("value", "plain"));

        var text = _exporter.Scrape();

        Assert.Contains("# HELP test_events_total Events with a \\\\ and a\\nline feed.\n# TYPE test_events_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("test_events_total{value=\"quote \\\" backslash \\\\ newline \\n end\"} 5\n", text, StringComparison.Ordinal);
        var document = Scrape();
        Assert.Equal(5, document.Value("test_events_total", ("value", "quote \" backslash \\ newline \n end")));
        Assert.Equal(1, document.Value("test_events_total", ("value", "plain")));
    }

    [Fact]
    public void Scrape_LabelsInAnyOrder_AreOneSeries()
    {
        var counter = _meter.CreateCounter<int>("test.ordered");
        counter.Add(1, new("b", "2"), new("a", "1"));
        counter.Add(1, new("a", "1"), new("b", "2"));

        Assert.Contains("test_ordered_total{a=\"1\",b=\"2\"} 2\n", _exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_NegativeCounterAdd_IsIgnored()
    {
        var counter = _meter.CreateCounter<double>("test.monotonic");
        counter.Add(2.5);
        counter.Add(-1);

        Assert.Equal(2.5, Scrape().Value("test_monotonic_total"));
    }

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram("test.latency", "s", "Latency.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
        foreach (var value in new[] { 0.005, 0.01, 0.05, 0.5, 0.7, 3 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("scheme", "frost-ed25519"));
        }

        histogram.Record(double.NaN, new KeyValuePair<string, object?>("scheme", "frost-ed25519"));
        var document = Scrape();

        Assert.Equal("histogram", document.Families["test_latency_seconds"].Type);
        (string, string) scheme = ("scheme", "frost-ed25519");
        Assert.Equal(2, document.Value("test_latency_seconds_bucket", scheme, ("le", "0.01"))); // boundaries are inclusive
        Assert.Equal(3, document.Value("test_latency_seconds_bucket", scheme, ("le", "0.1")));
        Assert.Equal(5, document.Value("test_latency_seconds_bucket", scheme, ("le", "1")));
        Assert.Equal(6, document.Value("test_latency_seconds_bucket", scheme, ("le", "+Inf")));
        Assert.Equal(6, document.Value("test_latency_seconds_count", scheme));
        Assert.Equal(4.265, document.Value("test_latency_seconds_sum", scheme)!.Value, 9);
    }

    [Fact]
    public void Scrape_HistogramWithoutAdvice_UsesDefaultBuckets()
    {
        _meter.CreateHistogram<long>("test.sizes").Record(30);

        var buckets = Scrape().Samples("test_sizes_bucket").Select(s => s.Labels["le"]).ToList();

        Assert.Equal([.. PrometheusTextExporter.DefaultBuckets.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)), "+Inf"], buckets);
    }

    [Fact]
    public void Scrape_ObservableGauge_ReadsTheCurrentValueAtEachScrape()
    {
        var level = 3;
        _meter.CreateObservableGauge("test.level", () => level, "{node}", "Level.");

        Assert.Equal(3, Scrape().Value("test_level"));
        level = 1;
        Assert.Equal(1, Scrape().Value("test_level"));
        Assert.Equal("gauge", Scrape().Families["test_level"].Type);
    }

    [Fact]
    public void Scrape_ObservableLabelSetGone_IsNotWrittenAgain()
    {
        var rows = new List<Measurement<int>> { new(1, new KeyValuePair<string, object?>("node", "1")), new(1, new KeyValuePair<string, object?>("node", "2")) };
        _meter.CreateObservableGauge("test.links", () => rows);

        Assert.Equal(2, Scrape().Samples("test_links").Count());
        rows.RemoveAt(1);
        Assert.Single(Scrape().Samples("test_links"));
    }

    [Fact]
    public void Scrape_UpDownCounterAndObservableCounter_AreGaugeAndCounter()
    {
        var sessions = _meter.CreateUpDownCounter<int>("test.running");
        sessions.Add(3);
        sessions.Add(-2);
        _meter.CreateObservableCounter("test.bytes", () => 42L);

        var document = Scrape();

        Assert.Equal(("gauge", 1.0), (document.Families["test_running"].Type, document.Value("test_running")!.Value));
        Assert.Equal(("counter", 42.0), (document.Families["test_bytes_total"].Type, document.Value("test_bytes_total")!.Value));
    }

    [Fact]
    public void Scrape_InstrumentWithoutMeasurements_WritesOnlyMetadata()
    {
        _meter.CreateCounter<long>("test.idle", description: "Idle.");

        var text = _exporter.Scrape();

        Assert.Equal("# HELP test_idle_total Idle.\n# TYPE test_idle_total counter\n", text);
    }

    [Fact]
    public void Scrape_AnotherMeterWithTheSameName_IsIgnored()
    {
        using var other = new Meter(_meter.Name);
        other.CreateCounter<long>("test.elsewhere").Add(1);
        _meter.CreateCounter<long>("test.here").Add(1);

        var document = Scrape();

        Assert.True(document.Families.ContainsKey("test_here_total"));
        Assert.False(document.Families.ContainsKey("test_elsewhere_total"));
    }

    [Fact]
    public void Scrape_MoreLabelSetsThanTheLimit_KeepsTheFirst()
    {
        var counter = _meter.CreateCounter<long>("test.wide");
        for (var i = 0; i < PrometheusTextExporter.MaxSeriesPerInstrument + 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        counter.Add(1, new KeyValuePair<string, object?>("id", 0));
        var document = Scrape();

        Assert.Equal(PrometheusTextExporter.MaxSeriesPerInstrument, document.Samples("test_wide_total").Count());
        Assert.Equal(2, document.Value("test_wide_total", ("id", "0")));
        Assert.Null(document.Value("test_wide_total", ("id", PrometheusTextExporter.MaxSeriesPerInstrument.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Scrape_MeterDisposed_DropsItsMetrics()
    {
        _meter.CreateCounter<long>("test.gone").Add(1);
        Assert.Contains("test_gone_total", _exporter.Scrape(), StringComparison.Ordinal);

        _meter.Dispose();

        Assert.Equal("", _exporter.Scrape());
    }
}
