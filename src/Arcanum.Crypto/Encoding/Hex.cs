using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Crypto.Encoding;

/// <summary>
/// Base16 (RFC 4648 §8) as the chains write it: lower-case on output; on input exactly an even
/// number of characters from [0-9a-fA-F] — no "0x" prefix, no whitespace, no separators.
/// Decoding runs in time that depends on the length only, not on the digits, so it may be used on
/// keys and shares.
/// </summary>
public static class Hex
{
    /// <summary>The lower-case hexadecimal form of <paramref name="data"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    /// <summary>
    /// Decodes <paramref name="hex"/> into <paramref name="destination"/>; false (and nothing
    /// meaningful written) when the length is odd or a character is not a hexadecimal digit.
    /// Throws <see cref="ArgumentException"/> when <paramref name="destination"/> is shorter than
    /// half the input, which is a caller's mistake rather than bad input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (hex.Length % 2 != 0)
        {
            return false;
        }

        var length = hex.Length / 2;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination must hold {length} bytes.", nameof(destination));
        }

        var invalid = 0;
        for (var i = 0; i < length; i++)
        {
            var high = DigitValue(hex[2 * i]);
            var low = DigitValue(hex[(2 * i) + 1]);
            invalid |= high | low;
            destination[i] = (byte)((high << 4) | low);
        }

        if (invalid < 0)
        {
            destination[..length].Clear();
            return false;
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Decodes <paramref name="hex"/>; false when it is not strict hexadecimal (see the type).</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, [NotNullWhen(true)] out byte[]? data)
    {
        var buffer = new byte[hex.Length / 2];
        if (TryDecode(hex, buffer, out _))
        {
            data = buffer;
            return true;
        }

        data = null;
        return false;
    }

    /// <summary>Decodes <paramref name="hex"/>; throws <see cref="FormatException"/> when it is not strict hexadecimal.</summary>
    public static byte[] Decode(ReadOnlySpan<char> hex) =>
        TryDecode(hex, out var data)
            ? data
            : throw new FormatException("The input is not an even number of hexadecimal digits [0-9a-fA-F].");

    /// <summary>
    /// The value of one hexadecimal digit, or −1, computed without branches or table look-ups:
    /// each range test is the sign bit of (v | (limit − v)), which is clear exactly when 0 ≤ v ≤ limit.
    /// </summary>
    private static int DigitValue(char character)
    {
        int c = character;
        var digit = c - '0';
        var letter = (c | 0x20) - 'a';
        var isDigit = ~((digit | (9 - digit)) >> 31);
        var isLetter = ~((letter | (5 - letter)) >> 31);
        return (digit & isDigit) | ((letter + 10) & isLetter) | ~(isDigit | isLetter);
    }
}
