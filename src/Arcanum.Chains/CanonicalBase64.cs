using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Chains;

/// <summary>
/// Strict standard Base64 (RFC 4648 §4, with padding) for transaction inputs: only the canonical form of
/// its bytes is accepted — no whitespace, no missing padding, no non-zero padding bits.
/// </summary>
internal static class CanonicalBase64
{
    /// <summary>Decodes <paramref name="text"/> of at most <paramref name="maxBytes"/> bytes; false with an error naming <paramref name="field"/>.</summary>
    public static bool TryDecode(string? text, string field, int maxBytes, [NotNullWhen(true)] out byte[]? bytes, out string error)
    {
        bytes = null;
        if (text is null)
        {
            error = $"{field} is missing.";
            return false;
        }

        if (text.Length > (maxBytes + 2) / 3 * 4)
        {
            error = $"{field} is longer than the {maxBytes} bytes allowed.";
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || Convert.ToBase64String(buffer.AsSpan(0, written)) != text)
        {
            error = $"{field} is not canonical Base64 (RFC 4648, padded, no whitespace).";
            return false;
        }

        bytes = buffer[..written];
        error = string.Empty;
        return true;
    }
}
