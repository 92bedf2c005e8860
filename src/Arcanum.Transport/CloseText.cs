namespace Arcanum.Transport;

/// <summary>Close descriptions: RFC 6455 §5.5.1 allows 123 bytes of UTF-8; ours are printable ASCII, cut short.</summary>
internal static class CloseText
{
    private const int MaxLength = 120;

    /// <summary>
    /// <paramref name="text"/> with every character outside printable ASCII replaced by '?' and cut to
    /// 120 characters — also applied to descriptions a peer sent before they reach a reason or a log.
    /// </summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var span = text.AsSpan(0, Math.Min(text.Length, MaxLength));
        return string.Create(span.Length, text, static (destination, source) =>
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
