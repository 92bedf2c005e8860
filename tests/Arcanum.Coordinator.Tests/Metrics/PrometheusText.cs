using System.Globalization;
using System.Text;

namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>One sample line: metric name, labels, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>One metric family: its TYPE (untyped when none was given), HELP and samples in order.</summary>
internal sealed record PrometheusFamily(string Name, string Type, string? Help, IReadOnlyList<PrometheusSample> Samples);

/// <summary>A parsed exposition, with look-ups for tests.</summary>
internal sealed class PrometheusDocument(IReadOnlyDictionary<string, PrometheusFamily> families)
{
    public IReadOnlyDictionary<string, PrometheusFamily> Families { get; } = families;

    /// <summary>The value of the sample named <paramref name="name"/> with exactly <paramref name="labels"/>, or null.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var wanted = labels.ToDictionary(l => l.Name, l => l.Value);
        return Families.Values.SelectMany(f => f.Samples)
            .Where(s => s.Name == name && s.Labels.Count == wanted.Count && wanted.All(w => s.Labels.TryGetValue(w.Key, out var v) && v == w.Value))
            .Select(s => (double?)s.Value)
            .SingleOrDefault();
    }

    /// <summary>Every sample of <paramref name="name"/>.</summary>
    public IEnumerable<PrometheusSample> Samples(string name) => Families.Values.SelectMany(f => f.Samples).Where(s => s.Name == name);
}

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details): LF-terminated
/// lines; <c># HELP</c> (escapes \\ and \n) and <c># TYPE</c> at most once per family and before its
/// samples; samples <c>name{label="value",…} value [timestamp]</c> with label values escaping only \\,
/// \" and \n; a family's lines in one group; no duplicate series. Histograms are checked too: per label
/// set, <c>le</c> boundaries ascending and ending at +Inf, cumulative counts non-decreasing, the +Inf
/// bucket equal to <c>_count</c>, and <c>_sum</c> present. Errors name the line.
/// </summary>
internal static class PrometheusText
{
    public const int MaxBytes = 16 << 20;

    public const int MaxLabels = 64;

    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static bool TryParse(string text, out PrometheusDocument document, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var families = new Dictionary<string, FamilyBuilder>(StringComparer.Ordinal);
        document = new PrometheusDocument(new Dictionary<string, PrometheusFamily>());
        errors = problems;
        if (text.Length > MaxBytes)
        {
            problems.Add($"the exposition is longer than {MaxBytes} characters");
            return false;
        }

        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            problems.Add("the last line does not end with a line feed");
        }

        var lines = text.Split('\n');
        FamilyBuilder? current = null;
        var closed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length - 1 || (i == lines.Length - 1 && lines[i].Length > 0); i++)
        {
            var line = lines[i];
            var where = $"line {i + 1}";
            if (line.Contains('\r', StringComparison.Ordinal))
            {
                problems.Add($"{where}: carriage return");
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            string? familyName;
            if (line.StartsWith('#'))
            {
                if (!TryParseComment(line, where, problems, out familyName, out var keyword, out var argument) || familyName is null)
                {
                    continue;
                }

                var family = Enter(familyName);
                if (family is null)
                {
                    continue;
                }

                if (keyword == "HELP")
                {
                    if (family.Help is not null)
                    {
                        problems.Add($"{where}: second HELP for {familyName}");
                    }

                    family.Help = argument;
                }
                else if (family.Type is not null || family.Samples.Count > 0)
                {
                    problems.Add($"{where}: TYPE for {familyName} after its TYPE or samples");
                }
                else
                {
                    family.Type = argument;
                }

                continue;
            }

            if (!TryParseSample(line, where, problems, out var sample))
            {
                continue;
            }

            familyName = FamilyOf(sample.Name, current, families);
            var target = Enter(familyName);
            if (target is null)
            {
                continue;
            }

            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!target.SeriesKeys.Add(key))
            {
                problems.Add($"{where}: duplicate series {key}");
            }

            target.Samples.Add(sample);

            FamilyBuilder? Enter(string name)
            {
                if (current?.Name == name)
                {
                    return current;
                }

                if (closed.Contains(name))
                {
                    problems.Add($"{where}: the lines of {name} are not in one group");
                    return null;
                }

                if (current is not null)
                {
                    closed.Add(current.Name);
                }

                current = new FamilyBuilder(name);
                families[name] = current;
                return current;
            }
        }

        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family, problems);
        }

        document = new PrometheusDocument(families.Values.ToDictionary(f => f.Name,
            f => new PrometheusFamily(f.Name, f.Type ?? "untyped", f.Help, f.Samples), StringComparer.Ordinal));
        return problems.Count == 0;
    }

    /// <summary>The family a sample belongs to: the current histogram/summary for its suffixed names, else its own name.</summary>
    private static string FamilyOf(string sampleName, FamilyBuilder? current, Dictionary<string, FamilyBuilder> families)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = sampleName[..^suffix.Length];
                if (families.TryGetValue(stem, out var family) && family.Type is "histogram" or "summary" && (suffix != "_bucket" || family.Type == "histogram"))
                {
                    return stem;
                }
            }
        }

        return current is not null && current.Name == sampleName ? current.Name : sampleName;
    }

    private static bool TryParseComment(string line, string where, List<string> problems, out string? family, out string keyword, out string argument)
    {
        family = null;
        keyword = "";
        argument = "";
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE"))
        {
            return true; // An ordinary comment.
        }

        keyword = parts[1];
        if (!IsMetricName(parts[2]))
        {
            problems.Add($"{where}: '{parts[2]}' is not a metric name");
            return false;
        }

        family = parts[2];
        var rest = parts.Length == 4 ? parts[3] : "";
        if (keyword == "TYPE")
        {
            if (!Types.Contains(rest))
            {
                problems.Add($"{where}: '{rest}' is not a metric type");
                return false;
            }

            argument = rest;
            return true;
        }

        var help = new StringBuilder();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] != '\\')
            {
                help.Append(rest[i]);
                continue;
            }

            if (++i == rest.Length || rest[i] is not ('\\' or 'n'))
            {
                problems.Add($"{where}: HELP has an invalid escape");
                return false;
            }

            help.Append(rest[i] == 'n' ? '\n' : '\\');
        }

        argument = help.ToString();
        return true;
    }

    private static bool TryParseSample(string line, string where, List<string> problems, out PrometheusSample sample)
    {
        sample = null!;
        var position = 0;
        while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] is '_' or ':'))
        {
            position++;
        }

        var name = line[..position];
        if (!IsMetricName(name))
        {
            problems.Add($"{where}: '{name}' is not a metric name");
            return false;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{' && !TryParseLabels(line, ref position, where, problems, labels))
        {
            return false;
        }

        var fields = line[position..].Split(' ', StringSplitOptions.None);
        if (fields.Length is < 2 or > 3 || fields[0].Length != 0)
        {
            problems.Add($"{where}: expected ' value [timestamp]' after the name and labels");
            return false;
        }

        if (!TryParseValue(fields[1], out var value))
        {
            problems.Add($"{where}: '{fields[1]}' is not a sample value");
            return false;
        }

        if (fields.Length == 3 && !long.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"{where}: '{fields[2]}' is not a timestamp");
            return false;
        }

        sample = new PrometheusSample(name, labels, value);
        return true;
    }

    private static bool TryParseLabels(string line, ref int position, string where, List<string> problems, Dictionary<string, string> labels)
    {
        position++; // '{'
        while (true)
        {
            if (position < line.Length && line[position] == '}')
            {
                position++;
                return true;
            }

            var start = position;
            while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] == '_'))
            {
                position++;
            }

            var labelName = line[start..position];
            if (labelName.Length == 0 || char.IsAsciiDigit(labelName[0]))
            {
                problems.Add($"{where}: invalid label name at column {start + 1}");
                return false;
            }

            if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
            {
                problems.Add($"{where}: label {labelName} has no '=\"'");
                return false;
            }

            position += 2;
            var value = new StringBuilder();
            while (true)
            {
                if (position >= line.Length)
                {
                    problems.Add($"{where}: label {labelName}'s value is not terminated");
                    return false;
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (position >= line.Length || line[position] is not ('\\' or '"' or 'n'))
                {
                    problems.Add($"{where}: label {labelName} has an invalid escape");
                    return false;
                }

                value.Append(line[position++] switch { 'n' => '\n', var e => e });
            }

            if (labels.Count == MaxLabels)
            {
                problems.Add($"{where}: more than {MaxLabels} labels");
                return false;
            }

            if (!labels.TryAdd(labelName, value.ToString()))
            {
                problems.Add($"{where}: label {labelName} appears twice");
                return false;
            }

            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
            else if (position >= line.Length || line[position] != '}')
            {
                problems.Add($"{where}: expected ',' or '}}' after label {labelName}");
                return false;
            }
        }
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static void CheckHistogram(FamilyBuilder family, List<string> problems)
    {
        static string LabelsWithout(IReadOnlyDictionary<string, string> labels, string? except) =>
            string.Join(",", labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

        var bucketsBySeries = family.Samples.Where(s => s.Name == family.Name + "_bucket").GroupBy(s => LabelsWithout(s.Labels, "le"));
        foreach (var series in bucketsBySeries)
        {
            var what = $"{family.Name}{{{series.Key}}}";
            var previousBound = double.NegativeInfinity;
            var previousCount = 0.0;
            foreach (var bucket in series)
            {
                if (!bucket.Labels.TryGetValue("le", out var le) || !TryParseValue(le, out var bound) || double.IsNaN(bound))
                {
                    problems.Add($"{what}: a bucket without a numeric le");
                    return;
                }

                if (bound <= previousBound)
                {
                    problems.Add($"{what}: le {le} is not above the previous boundary");
                }

                if (bucket.Value < previousCount)
                {
                    problems.Add($"{what}: bucket le={le} holds fewer than the bucket before it (not cumulative)");
                }

                previousBound = bound;
                previousCount = bucket.Value;
            }

            if (!double.IsPositiveInfinity(previousBound))
            {
                problems.Add($"{what}: the last bucket is not le=\"+Inf\"");
            }

            var count = family.Samples.SingleOrDefault(s => s.Name == family.Name + "_count" && LabelsWithout(s.Labels, null) == series.Key);
            var sum = family.Samples.SingleOrDefault(s => s.Name == family.Name + "_sum" && LabelsWithout(s.Labels, null) == series.Key);
            if (count is null || count.Value != previousCount)
            {
                problems.Add($"{what}: _count is {count?.Value.ToString(CultureInfo.InvariantCulture) ?? "missing"}, the +Inf bucket holds {previousCount}");
            }

            if (sum is null)
            {
                problems.Add($"{what}: _sum is missing");
            }
        }
    }

    private sealed class FamilyBuilder(string name)
    {
        public string Name { get; } = name;

        public string? Type { get; set; }

        public string? Help { get; set; }

        public List<PrometheusSample> Samples { get; } = [];

        public HashSet<string> SeriesKeys { get; } = new(StringComparer.Ordinal);
    }
}
