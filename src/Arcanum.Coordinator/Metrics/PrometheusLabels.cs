using System.Globalization;
using System.Text;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// The text of samples in the Prometheus exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details): label names
/// match [a-zA-Z_][a-zA-Z0-9_]*; label values escape backslash, double quote and line feed; HELP
/// text escapes backslash and line feed; values are Go-style floats with +Inf, -Inf and NaN.
/// </summary>
internal static class PrometheusLabels
{
    /// <summary>
    /// <c>name="value",…</c> sorted by name, so equal label sets render equally whatever the order of
    /// the tags. A null value renders as an empty string (Prometheus treats both as absent).
    /// </summary>
    public static string Render(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            AppendName(text, key);
            text.Append("=\"");
            AppendEscaped(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", escapeQuote: true);
            text.Append('"');
        }

        return text.ToString();
    }

    /// <summary>HELP text with backslash and line feed escaped.</summary>
    public static string EscapeHelp(string help)
    {
        var text = new StringBuilder(help.Length);
        AppendEscaped(text, help, escapeQuote: false);
        return text.ToString();
    }

    /// <summary>A sample value or <c>le</c> boundary: shortest round-trip decimal, or +Inf, -Inf, NaN.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void AppendName(StringBuilder text, string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            text.Append('_');
        }

        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
    }

    private static void AppendEscaped(StringBuilder text, string value, bool escapeQuote)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '"' when escapeQuote => text.Append("\\\""),
                _ => text.Append(c),
            };
        }
    }
}
