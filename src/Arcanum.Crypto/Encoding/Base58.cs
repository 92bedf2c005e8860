using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Encoding;

/// <summary>
/// Base58 with the Bitcoin alphabet (no 0, O, I, l): the big-endian number is written in base 58,
/// and each leading zero byte becomes a leading '1'. Used for Base58Check (Bitcoin addresses, WIF,
/// BIP32 extended keys) and plain (Solana keys and signatures).
/// </summary>
/// <remarks>
/// Conversion between bases is quadratic in the length, so both directions are bounded:
/// <see cref="Encode"/> refuses more than <see cref="MaxDataLength"/> bytes and
/// <see cref="TryDecode(ReadOnlySpan{char}, out byte[])"/> refuses more than <see cref="MaxEncodedLength"/> characters. Decoding is
/// strict: every character must be in the alphabet (no whitespace, no '+' or '/'). The conversion's
/// running time depends on the number of leading zeros, so it is not constant-time.
/// </remarks>
public static class Base58
{
    /// <summary>The longest input <see cref="Encode"/> accepts: 1024 bytes, far above any key, address or signature.</summary>
    public const int MaxDataLength = 1024;

    /// <summary>The longest text <see cref="TryDecode(ReadOnlySpan{char}, out byte[])"/> accepts: ⌈1024·log 256 / log 58⌉ = 1399, the longest encoding of <see cref="MaxDataLength"/> bytes.</summary>
    public const int MaxEncodedLength = 1399;

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>The digit value of each ASCII character, −1 for those outside the alphabet.</summary>
    private static readonly sbyte[] DigitValues = ComputeDigitValues();

    /// <summary>The Base58 text of <paramref name="data"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxDataLength)
        {
            throw new ArgumentException($"Base58 encodes at most {MaxDataLength} bytes.", nameof(data));
        }

        var zeros = data.IndexOfAnyExcept((byte)0);
        if (zeros < 0)
        {
            zeros = data.Length;
        }

        // Base-58 digits of the number after the leading zeros, least significant first.
        Span<byte> digits = stackalloc byte[MaxEncodedLength];
        var count = 0;
        foreach (var value in data[zeros..])
        {
            int carry = value;
            for (var i = 0; i < count; i++)
            {
                carry += digits[i] << 8;
                digits[i] = (byte)(carry % 58);
                carry /= 58;
            }

            for (; carry > 0; carry /= 58)
            {
                digits[count++] = (byte)(carry % 58);
            }
        }

        Span<char> text = stackalloc char[zeros + count];
        text[..zeros].Fill(Alphabet[0]);
        for (var i = 0; i < count; i++)
        {
            text[zeros + i] = Alphabet[digits[count - 1 - i]];
        }

        CryptographicOperations.ZeroMemory(digits);
        var result = new string(text);
        text.Clear();
        return result;
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/>; false when it is longer than <see cref="MaxEncodedLength"/>
    /// or holds a character outside the alphabet.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> encoded, [NotNullWhen(true)] out byte[]? data)
    {
        Span<byte> buffer = stackalloc byte[Math.Min(encoded.Length, MaxEncodedLength)];
        try
        {
            data = TryDecode(encoded, buffer, out var written) ? buffer[..written].ToArray() : null;
            return data is not null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>
    /// Decodes into <paramref name="destination"/>, which must hold <c>encoded.Length</c> bytes (the
    /// decoded form is never longer than the text).
    /// </summary>
    internal static bool TryDecode(ReadOnlySpan<char> encoded, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (encoded.Length > MaxEncodedLength)
        {
            return false;
        }

        var zeros = encoded.IndexOfAnyExcept(Alphabet[0]);
        if (zeros < 0)
        {
            zeros = encoded.Length;
        }

        // Bytes of the number after the leading '1's, least significant first, built after the zeros.
        var number = destination[zeros..encoded.Length];
        var count = 0;
        foreach (var character in encoded[zeros..])
        {
            int carry = character < DigitValues.Length ? DigitValues[character] : -1;
            if (carry < 0)
            {
                destination[..encoded.Length].Clear();
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                carry += number[i] * 58;
                number[i] = (byte)carry;
                carry >>= 8;
            }

            for (; carry > 0; carry >>= 8)
            {
                number[count++] = (byte)carry;
            }
        }

        destination[..zeros].Clear();
        number[..count].Reverse();
        number[count..].Clear();
        bytesWritten = zeros + count;
        return true;
    }

    private static sbyte[] ComputeDigitValues()
    {
        var values = new sbyte[128];
        values.AsSpan().Fill(-1);
        for (var digit = 0; digit < Alphabet.Length; digit++)
        {
            values[Alphabet[digit]] = (sbyte)digit;
        }

        return values;
    }
}
