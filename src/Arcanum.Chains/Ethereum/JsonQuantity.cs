using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// Strict readers for the JSON values of Ethereum's JSON-RPC: quantities and hex data. Each returns an
/// error naming the field and never throws on bad input.
/// </summary>
internal static class JsonQuantity
{
    /// <summary>2^53 − 1: the largest integer a JSON number carries exactly.</summary>
    private const long MaxSafeJsonInteger = (1L << 53) - 1;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> DecimalDigits = SearchValues.Create("0123456789");

    private const int MaxHexDigits = 64;
    private const int MaxDecimalDigits = 78;

    /// <summary>
    /// Reads a non-negative integer no larger than <paramref name="max"/>: a JSON number up to 2^53 − 1,
    /// a decimal string without sign or leading zeros, or a 0x-hex string of 1 to 64 digits (JSON-RPC QUANTITY;
    /// leading zeros, which ethers' hexlify writes, are accepted since they cannot change the value).
    /// </summary>
    public static bool TryRead(JsonElement element, string field, BigInteger max, out BigInteger value, out string? error)
    {
        value = BigInteger.Zero;
        error = element.ValueKind switch
        {
            JsonValueKind.Number => ReadNumber(element, field, out value),
            JsonValueKind.String => ReadString(element.GetString()!, field, out value),
            _ => $"{field}: expected a quantity (number or string), found {element.ValueKind}",
        };
        if (error is null && value > max)
        {
            error = $"{field}: {value} exceeds the maximum {max}";
        }

        return error is null;
    }

    /// <summary>
    /// Reads a signed integer from <paramref name="min"/> to <paramref name="max"/>: a JSON number within
    /// ±(2^53 − 1), or a decimal or 0x-hex string as <see cref="TryRead"/> reads it, with a leading '-' when negative.
    /// </summary>
    public static bool TryReadSigned(JsonElement element, string field, BigInteger min, BigInteger max, out BigInteger value, out string? error)
    {
        value = BigInteger.Zero;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && Math.Abs(number) <= MaxSafeJsonInteger)
        {
            (value, error) = (number, null);
        }
        else if (text is not null)
        {
            var negative = text.StartsWith('-');
            error = ReadString(negative ? text[1..] : text, field, out value);
            value = negative ? -value : value;
        }
        else
        {
            error = $"{field}: expected an integer (a number within ±(2^53 − 1), or a decimal or 0x-hex string)";
        }

        if (error is null && (value < min || value > max))
        {
            error = $"{field}: {value} is outside {min} … {max}";
        }

        return error is null;
    }

    /// <summary>Reads an address string (EIP-55 checked when mixed case, see <see cref="EthereumAddress.TryParse"/>).</summary>
    public static bool TryReadAddress(JsonElement element, string field, [NotNullWhen(true)] out EthereumAddress? address, out string? error)
    {
        address = null;
        error = element.ValueKind != JsonValueKind.String ? $"{field}: expected an address string, found {element.ValueKind}"
            : EthereumAddress.TryParse(element.GetString(), out address, out var addressError) ? null
            : $"{field}: {addressError}";
        return error is null;
    }

    /// <summary>Reads 0x-prefixed hex data of at most <paramref name="maxBytes"/> bytes (JSON-RPC DATA; "0x" is empty).</summary>
    public static bool TryReadData(JsonElement element, string field, int maxBytes, out byte[] data, out string? error)
    {
        data = [];
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        error = text is null ? $"{field}: expected a 0x-prefixed hex string, found {element.ValueKind}"
            : !text.StartsWith("0x", StringComparison.Ordinal) ? $"{field}: hex data must start with 0x"
            : text.Length - 2 > 2 * maxBytes ? $"{field}: longer than {maxBytes} bytes"
            : text.Length % 2 != 0 ? $"{field}: odd number of hex digits"
            : null;
        if (error is not null)
        {
            return false;
        }

        if (!Hex.TryDecode(text.AsSpan(2), out var decoded))
        {
            error = $"{field}: contains a character that is not a hexadecimal digit";
            return false;
        }

        data = decoded;
        return true;
    }

    private static string? ReadNumber(JsonElement element, string field, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (!element.TryGetInt64(out var number) || number < 0 || number > MaxSafeJsonInteger)
        {
            return $"{field}: a JSON number must be an integer from 0 to 2^53 − 1; write larger values as strings";
        }

        value = number;
        return null;
    }

    private static string? ReadString(string text, string field, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            var digits = text.AsSpan(2);
            if (digits.IsEmpty || digits.Length > MaxHexDigits)
            {
                return $"{field}: hex quantity must have 1 to {MaxHexDigits} digits";
            }

            if (digits.ContainsAnyExcept(HexDigits))
            {
                return $"{field}: '{text}' is not a hex quantity";
            }

            value = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return null;
        }

        if (text.Length == 0 || text.Length > MaxDecimalDigits || text.AsSpan().ContainsAnyExcept(DecimalDigits))
        {
            return $"{field}: '{text}' is not a decimal or 0x-hex quantity (no sign, at most {MaxDecimalDigits} digits)";
        }

        if (text.Length > 1 && text[0] == '0')
        {
            return $"{field}: decimal quantity has a leading zero";
        }

        value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return null;
    }
}
