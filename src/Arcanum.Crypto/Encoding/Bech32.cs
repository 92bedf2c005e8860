using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Crypto.Encoding;

/// <summary>
/// Bech32 (BIP173) and Bech32m (BIP350): a human-readable part, the separator '1', and 5-bit data
/// values written with the character set "qpzry9x8gf2tvdw0s3jn54khce6mua7l", followed by a six-character
/// BCH checksum. Encoding always produces lower case. Decoding follows BIP173 "Decoding" strictly
/// (at most 90 characters, no mixed case, human-readable characters 33–126, the separator is the last
/// '1', valid data characters, a checksum of either variant) and reports what was wrong as a
/// <see cref="Bech32Error"/>, never by throwing.
/// </summary>
public static class Bech32
{
    /// <summary>The longest string BIP173 allows: 90 characters.</summary>
    public const int MaxLength = 90;

    /// <summary>The number of checksum characters: 6.</summary>
    public const int ChecksumLength = 6;

    private const char Separator = '1';

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private const uint Bech32Constant = 1;

    private const uint Bech32mConstant = 0x2bc830a3;

    /// <summary>The value of each ASCII character in <see cref="Charset"/>, −1 for the others.</summary>
    private static readonly sbyte[] CharsetValues = ComputeCharsetValues();

    /// <summary>The generator coefficients of the BCH code (BIP173 "Checksum", bech32_polymod).</summary>
    private static ReadOnlySpan<uint> Generator => [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>
    /// Encodes <paramref name="hrp"/> and the 5-bit values <paramref name="data"/> with the checksum
    /// of <paramref name="variant"/>. Throws <see cref="ArgumentException"/> for an empty or
    /// upper-case human-readable part, a character outside 33–126, a value above 31, or a result
    /// longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data, Bech32Variant variant)
    {
        ArgumentNullException.ThrowIfNull(hrp);
        if (hrp.Length == 0 || hrp.AsSpan().ContainsAnyExceptInRange((char)33, (char)126) || hrp.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            throw new ArgumentException("The human-readable part must be 1 or more lower-case US-ASCII characters 33–126.", nameof(hrp));
        }

        if (data.ContainsAnyExceptInRange((byte)0, (byte)31))
        {
            throw new ArgumentException("Bech32 data values are 5-bit (0–31).", nameof(data));
        }

        var length = hrp.Length + 1 + data.Length + ChecksumLength;
        if (length > MaxLength)
        {
            throw new ArgumentException($"The Bech32 string would be {length} characters, over the {MaxLength} BIP173 allows.", nameof(data));
        }

        var checksum = Polymod(hrp, data, appendEmptyChecksum: true) ^ Constant(variant);
        Span<char> text = stackalloc char[length];
        hrp.CopyTo(text);
        text[hrp.Length] = Separator;
        var position = hrp.Length + 1;
        foreach (var value in data)
        {
            text[position++] = Charset[value];
        }

        for (var i = 0; i < ChecksumLength; i++)
        {
            text[position++] = Charset[(int)(checksum >> (5 * (ChecksumLength - 1 - i))) & 31];
        }

        return new string(text);
    }

    /// <summary>
    /// Decodes <paramref name="text"/>; false with the reason in <paramref name="error"/> when it is
    /// not a valid Bech32 or Bech32m string (see the type for the rules).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out Bech32Decoded? decoded, out Bech32Error error)
    {
        decoded = null;
        error = Validate(text);
        if (error != Bech32Error.None)
        {
            return false;
        }

        var separator = text.LastIndexOf(Separator);
        var hrp = text[..separator].ToString().ToLowerInvariant();
        var values = new byte[text.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var value = CharsetValues[char.ToLowerInvariant(text[separator + 1 + i])];
            if (value < 0)
            {
                error = Bech32Error.InvalidDataCharacter;
                return false;
            }

            values[i] = (byte)value;
        }

        Bech32Variant variant;
        switch (Polymod(hrp, values, appendEmptyChecksum: false))
        {
            case Bech32Constant:
                variant = Bech32Variant.Bech32;
                break;
            case Bech32mConstant:
                variant = Bech32Variant.Bech32m;
                break;
            default:
                error = Bech32Error.InvalidChecksum;
                return false;
        }

        decoded = new Bech32Decoded(hrp, values.AsMemory(0, values.Length - ChecksumLength), variant);
        return true;
    }

    /// <summary>
    /// Regroups bytes into 5-bit values, big-endian bit order, padding the last group with zero bits
    /// (BIP173 convertbits(data, 8, 5, pad = true)).
    /// </summary>
    public static byte[] ToFiveBitGroups(ReadOnlySpan<byte> bytes)
    {
        var groups = new byte[((bytes.Length * 8) + 4) / 5];
        ConvertBits(bytes, 8, 5, pad: true, groups);
        return groups;
    }

    /// <summary>
    /// Regroups 5-bit values into bytes (BIP173 convertbits(data, 5, 8, pad = false)); false when a
    /// value is above 31, more than 4 padding bits remain, or a padding bit is set.
    /// </summary>
    public static bool TryFromFiveBitGroups(ReadOnlySpan<byte> groups, [NotNullWhen(true)] out byte[]? bytes)
    {
        var buffer = new byte[groups.Length * 5 / 8];
        bytes = ConvertBits(groups, 5, 8, pad: false, buffer) ? buffer : null;
        return bytes is not null;
    }

    /// <summary>BIP173 decoding rules that need no character-set or checksum look-up.</summary>
    private static Bech32Error Validate(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return Bech32Error.TooLong;
        }

        if (text.ContainsAnyExceptInRange((char)33, (char)126))
        {
            return Bech32Error.CharacterOutOfRange;
        }

        if (text.ContainsAnyInRange('a', 'z') && text.ContainsAnyInRange('A', 'Z'))
        {
            return Bech32Error.MixedCase;
        }

        var separator = text.LastIndexOf(Separator);
        return separator switch
        {
            < 0 => Bech32Error.MissingSeparator,
            0 => Bech32Error.EmptyHrp,
            _ when text.Length - separator - 1 < ChecksumLength => Bech32Error.ChecksumTooShort,
            _ => Bech32Error.None,
        };
    }

    private static uint Constant(Bech32Variant variant) => variant switch
    {
        Bech32Variant.Bech32 => Bech32Constant,
        Bech32Variant.Bech32m => Bech32mConstant,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown Bech32 variant."),
    };

    /// <summary>
    /// bech32_polymod over hrp_expand(hrp) ‖ values (‖ six zeros when <paramref name="appendEmptyChecksum"/>):
    /// the remainder of the BCH code over GF(32), without materialising the expanded input.
    /// </summary>
    private static uint Polymod(string hrp, ReadOnlySpan<byte> values, bool appendEmptyChecksum)
    {
        uint checksum = 1;
        foreach (var c in hrp)
        {
            checksum = PolymodStep(checksum, c >> 5);
        }

        checksum = PolymodStep(checksum, 0);
        foreach (var c in hrp)
        {
            checksum = PolymodStep(checksum, c & 31);
        }

        foreach (var value in values)
        {
            checksum = PolymodStep(checksum, value);
        }

        if (appendEmptyChecksum)
        {
            for (var i = 0; i < ChecksumLength; i++)
            {
                checksum = PolymodStep(checksum, 0);
            }
        }

        return checksum;
    }

    private static uint PolymodStep(uint checksum, int value)
    {
        var top = checksum >> 25;
        checksum = ((checksum & 0x1ffffff) << 5) ^ (uint)value;
        for (var i = 0; i < Generator.Length; i++)
        {
            checksum ^= (0u - ((top >> i) & 1)) & Generator[i];
        }

        return checksum;
    }

    /// <summary>
    /// BIP173 convertbits: regroups <paramref name="fromBits"/>-bit values into
    /// <paramref name="toBits"/>-bit values, most significant bit first. Without padding, leftover
    /// bits must be fewer than <paramref name="fromBits"/> and all zero.
    /// </summary>
    private static bool ConvertBits(ReadOnlySpan<byte> input, int fromBits, int toBits, bool pad, Span<byte> output)
    {
        var accumulator = 0;
        var bits = 0;
        var written = 0;
        var outputMask = (1 << toBits) - 1;
        foreach (var value in input)
        {
            if (value >> fromBits != 0)
            {
                return false;
            }

            accumulator = (accumulator << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                output[written++] = (byte)((accumulator >> bits) & outputMask);
            }

            accumulator &= (1 << bits) - 1;
        }

        if (pad)
        {
            if (bits > 0)
            {
                output[written] = (byte)((accumulator << (toBits - bits)) & outputMask);
            }

            return true;
        }

        return bits < fromBits && accumulator == 0;
    }

    private static sbyte[] ComputeCharsetValues()
    {
        var values = new sbyte[128];
        values.AsSpan().Fill(-1);
        for (var value = 0; value < Charset.Length; value++)
        {
            values[Charset[value]] = (sbyte)value;
        }

        return values;
    }
}
