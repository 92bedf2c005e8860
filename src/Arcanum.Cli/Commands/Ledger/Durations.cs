using System.Globalization;

namespace Arcanum.Cli.Commands.Ledger;

/// <summary>
/// Durations on the command line: a positive whole number followed by <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or
/// <c>d</c> (<c>100ms</c>, <c>30s</c>, <c>30m</c>, <c>24h</c>, <c>30d</c>).
/// </summary>
internal static class Durations
{
    /// <summary>The longest duration accepted: ten years.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    /// <summary>The duration <paramref name="text"/> names, or null when it is not one (see the type).</summary>
    public static TimeSpan? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var unitLength = text.EndsWith("ms", StringComparison.Ordinal) ? 2 : 1;
        ulong? unitMilliseconds = text[^unitLength..] switch
        {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => null,
        };
        if (unitMilliseconds is not { } unit || text.Length <= unitLength
            || !ulong.TryParse(text.AsSpan(0, text.Length - unitLength), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount == 0 || amount > (ulong)Max.TotalMilliseconds / unit)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(amount * unit);
    }

    /// <summary>
    /// An expiry: a duration from <paramref name="now"/> (see the type) or an absolute time in Unix milliseconds (digits
    /// only), as Unix milliseconds; null when <paramref name="text"/> is neither.
    /// </summary>
    public static ulong? TryParseExpiry(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.All(char.IsAsciiDigit))
        {
            return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var absolute) && absolute > 0 ? absolute : null;
        }

        return TryParse(text) is { } duration ? (ulong)(now + duration).ToUnixTimeMilliseconds() : null;
    }
}
