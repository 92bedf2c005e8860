using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using System.Text;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// Collects the measurements of one <see cref="Meter"/> with a <see cref="MeterListener"/> and writes
/// them in the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): a <c># HELP</c> and
/// a <c># TYPE</c> line per metric, then one sample per label set. Counters and observable counters are
/// <c>counter</c>s; up-down counters, gauges and observable gauges are <c>gauge</c>s; histograms are
/// <c>histogram</c>s with cumulative <c>_bucket{le="…"}</c> samples ending at <c>+Inf</c>, then
/// <c>_sum</c> and <c>_count</c>, with the boundaries the instrument advises
/// (<see cref="InstrumentAdvice{T}.HistogramBucketBoundaries"/>) or <see cref="DefaultBuckets"/>.
/// Names: see <see cref="PrometheusName"/>. Observable instruments are read at each scrape.
/// </summary>
public sealed class PrometheusTextExporter : IDisposable
{
    /// <summary>The media type of the exposition format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// Label sets kept per instrument; measurements with a new label set beyond this are dropped, so a
    /// labelling mistake cannot exhaust memory (the instruments' labels are bounded sets far below it).
    /// </summary>
    public const int MaxSeriesPerInstrument = 1000;

    /// <summary>The boundaries of a histogram without advice (OpenTelemetry's defaults, in the instrument's unit).</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly Lock _scrapeGate = new();

    /// <summary>Starts listening to <paramref name="meter"/> (only this instance: other meters of the same name are ignored).</summary>
    public PrometheusTextExporter(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _listener = new MeterListener
        {
            InstrumentPublished = Publish,
            MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _),
        };
        Listen<byte>();
        Listen<short>();
        Listen<int>();
        Listen<long>();
        Listen<float>();
        Listen<double>();
        Listen<decimal>();
        _listener.Start();
    }

    /// <summary>For dependency injection: exports <see cref="ArcanumMetrics.Meter"/>.</summary>
    public PrometheusTextExporter(ArcanumMetrics metrics)
        : this((metrics ?? throw new ArgumentNullException(nameof(metrics))).Meter)
    {
    }

    /// <summary>
    /// The Prometheus name of an instrument: characters outside [a-zA-Z0-9_:] become "_" (and a leading
    /// digit gets a "_" before it); unit "s" appends <c>_seconds</c>; a counter appends <c>_total</c>
    /// (OpenTelemetry's Prometheus compatibility rules, without the unit table).
    /// </summary>
    public static string PrometheusName(string instrumentName, string? unit, bool isCounter)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        var name = new StringBuilder(instrumentName.Length + 16);
        foreach (var c in instrumentName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        var text = name.ToString();
        if (unit == "s" && !text.EndsWith("_seconds", StringComparison.Ordinal))
        {
            text += "_seconds";
        }

        return isCounter && !text.EndsWith("_total", StringComparison.Ordinal) ? text + "_total" : text;
    }

    /// <summary>Reads the observable instruments, then writes every metric; metrics are sorted by name, samples by labels.</summary>
    public string Scrape()
    {
        lock (_scrapeGate)
        {
            foreach (var family in _families.Values.Where(f => f.IsObservable))
            {
                family.Clear();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Listen<T>()
        where T : struct, INumberBase<T> =>
        _listener.SetMeasurementEventCallback<T>((_, value, tags, state) => ((MetricFamily)state!).Record(double.CreateTruncating(value), tags));

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter, _meter) || MetricFamily.Describe(instrument) is not { } family)
        {
            return;
        }

        _families[instrument] = family;
        listener.EnableMeasurementEvents(instrument, family);
    }

    /// <summary>How the samples of one instrument are kept: added up, replaced, or counted into buckets.</summary>
    private enum Aggregation
    {
        Sum,
        LastValue,
        Histogram,
    }

    /// <summary>One instrument's metric: its name, help, type and a series per label set.</summary>
    private sealed class MetricFamily
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly string _help;
        private readonly string _type;
        private readonly Aggregation _aggregation;
        private readonly double[] _bounds;
        private readonly bool _monotonic;

        private MetricFamily(string name, string help, string type, Aggregation aggregation, double[] bounds, bool monotonic, bool observable)
        {
            Name = name;
            _help = help;
            _type = type;
            _aggregation = aggregation;
            _bounds = bounds;
            _monotonic = monotonic;
            IsObservable = observable;
        }

        public string Name { get; }

        public bool IsObservable { get; }

        /// <summary>The family for a supported instrument type, or null for one this exporter does not know.</summary>
        public static MetricFamily? Describe(Instrument instrument)
        {
            var type = instrument.GetType();
            if (!type.IsGenericType)
            {
                return null;
            }

            var definition = type.GetGenericTypeDefinition();
            var help = instrument.Description ?? instrument.Name;
            string Name(bool isCounter) => PrometheusName(instrument.Name, instrument.Unit, isCounter);
            if (definition == typeof(Histogram<>))
            {
                var bounds = AdvisedBuckets(instrument) ?? [.. DefaultBuckets];
                return new MetricFamily(Name(false), help, "histogram", Aggregation.Histogram, bounds, monotonic: false, observable: false);
            }

            return definition switch
            {
                _ when definition == typeof(Counter<>) => new MetricFamily(Name(true), help, "counter", Aggregation.Sum, [], monotonic: true, observable: false),
                _ when definition == typeof(UpDownCounter<>) => new MetricFamily(Name(false), help, "gauge", Aggregation.Sum, [], monotonic: false, observable: false),
                _ when definition == typeof(Gauge<>) => new MetricFamily(Name(false), help, "gauge", Aggregation.LastValue, [], monotonic: false, observable: false),
                _ when definition == typeof(ObservableCounter<>) => new MetricFamily(Name(true), help, "counter", Aggregation.LastValue, [], monotonic: false, observable: true),
                _ when definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) =>
                    new MetricFamily(Name(false), help, "gauge", Aggregation.LastValue, [], monotonic: false, observable: true),
                _ => null,
            };
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            // A counter only goes up; a histogram of NaN has no bucket.
            if ((_monotonic && !(value >= 0)) || (_aggregation == Aggregation.Histogram && double.IsNaN(value)))
            {
                return;
            }

            var labels = PrometheusLabels.Render(tags);
            if (!_series.TryGetValue(labels, out var series))
            {
                if (_series.Count >= MaxSeriesPerInstrument)
                {
                    return;
                }

                series = _series.GetOrAdd(labels, l => new Series(l, _bounds.Length + 1));
            }

            series.Record(value, _aggregation, _bounds);
        }

        public void Clear() => _series.Clear();

        public void WriteTo(StringBuilder text)
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusLabels.EscapeHelp(_help)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(_type).Append('\n');
            foreach (var series in _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (_aggregation == Aggregation.Histogram)
                {
                    series.WriteHistogram(text, Name, _bounds);
                }
                else
                {
                    series.WriteValue(text, Name);
                }
            }
        }

        private static double[]? AdvisedBuckets(Instrument instrument) => instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
            Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
            Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
            _ => null,
        };
    }

    /// <summary>The value (or buckets, sum and count) of one label set.</summary>
    private sealed class Series(string labels, int bucketCount)
    {
        private readonly Lock _gate = new();

        /// <summary>Per-bucket (not cumulative) counts; the last one is above every boundary.</summary>
        private readonly long[] _buckets = new long[bucketCount];
        private double _value;
        private long _count;

        /// <summary>The rendered labels, e.g. <c>kind="sign",scheme="frost-ed25519"</c> (empty without labels).</summary>
        public string Labels { get; } = labels;

        public void Record(double value, Aggregation aggregation, double[] bounds)
        {
            lock (_gate)
            {
                switch (aggregation)
                {
                    case Aggregation.Sum:
                        _value += value;
                        break;
                    case Aggregation.LastValue:
                        _value = value;
                        break;
                    default:
                        var index = 0;
                        while (index < bounds.Length && value > bounds[index])
                        {
                            index++;
                        }

                        _buckets[index]++;
                        _value += value;
                        _count++;
                        break;
                }
            }
        }

        public void WriteValue(StringBuilder text, string name)
        {
            double value;
            lock (_gate)
            {
                value = _value;
            }

            Sample(text, name, Labels, null, value);
        }

        public void WriteHistogram(StringBuilder text, string name, double[] bounds)
        {
            long[] buckets;
            double sum;
            long count;
            lock (_gate)
            {
                buckets = [.. _buckets];
                sum = _value;
                count = _count;
            }

            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += buckets[i];
                Sample(text, name + "_bucket", Labels, PrometheusLabels.FormatValue(bounds[i]), cumulative);
            }

            Sample(text, name + "_bucket", Labels, "+Inf", count);
            Sample(text, name + "_sum", Labels, null, sum);
            Sample(text, name + "_count", Labels, null, count);
        }

        private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(PrometheusLabels.FormatValue(value)).Append('\n');
        }
    }
}
