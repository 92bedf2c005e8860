using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum Yellow Paper, Appendix B), strict in both directions:
/// the encoder writes only canonical forms and the decoder accepts only them — a single byte below
/// 0x80 is never wrapped, lengths use the shortest form without leading zeros, and nothing may follow
/// the top-level item. Nesting depth and every length are bounded by the input before anything is allocated.
/// </summary>
public static class Rlp
{
    /// <summary>The deepest list nesting the decoder accepts (transactions nest three deep).</summary>
    public const int MaxDepth = 16;

    private const byte ShortString = 0x80;
    private const byte LongString = 0xb7;
    private const byte ShortList = 0xc0;
    private const byte LongList = 0xf7;
    private const int MaxShortLength = 55;

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 1 && bytes[0] < ShortString ? [bytes[0]] : Prefixed(ShortString, bytes);

    /// <summary>Encodes a non-negative integer as its minimal big-endian bytes (zero is the empty string).</summary>
    public static byte[] EncodeInteger(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return EncodeBytes(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Encodes a list whose items are already RLP-encoded.</summary>
    public static byte[] EncodeList(IEnumerable<byte[]> encodedItems) => Prefixed(ShortList, [.. encodedItems.SelectMany(item => item)]);

    /// <summary>
    /// Decodes exactly one item spanning all of <paramref name="encoded"/>; false with an error naming
    /// the offset for truncation, trailing bytes, a non-canonical form or nesting deeper than <see cref="MaxDepth"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out RlpItem? item, out string? error)
    {
        if (!TryDecodeAt(encoded, 0, 0, out item, out var consumed, out error))
        {
            return false;
        }

        if (consumed != encoded.Length)
        {
            item = null;
            error = $"RLP: {encoded.Length - consumed} trailing byte(s) after the item at offset {consumed}";
            return false;
        }

        return true;
    }

    private static byte[] Prefixed(byte offset, ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= MaxShortLength)
        {
            return [(byte)(offset + payload.Length), .. payload];
        }

        var length = new BigInteger(payload.Length).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [(byte)(offset + MaxShortLength + length.Length), .. length, .. payload];
    }

    private static bool TryDecodeAt(
        ReadOnlyMemory<byte> input, int offset, int depth, [NotNullWhen(true)] out RlpItem? item, out int consumed, out string? error)
    {
        item = null;
        consumed = 0;
        if (!TryReadHeader(input.Span, offset, out var isList, out var headerLength, out var payloadLength, out error))
        {
            return false;
        }

        var payload = input.Slice(offset + headerLength, payloadLength);
        consumed = headerLength + payloadLength;
        if (!isList)
        {
            item = RlpItem.String(payload);
            return true;
        }

        if (depth >= MaxDepth)
        {
            error = $"RLP: lists nested deeper than {MaxDepth} at offset {offset}";
            return false;
        }

        var items = new List<RlpItem>();
        var position = 0;
        while (position < payloadLength)
        {
            if (!TryDecodeAt(payload, position, depth + 1, out var child, out var childLength, out error))
            {
                error = $"{error} (inside the list at offset {offset})";
                return false;
            }

            items.Add(child);
            position += childLength;
        }

        item = RlpItem.List(items);
        return true;
    }

    private static bool TryReadHeader(
        ReadOnlySpan<byte> input, int offset, out bool isList, out int headerLength, out int payloadLength, out string? error)
    {
        isList = false;
        headerLength = 0;
        payloadLength = 0;
        error = null;
        if (offset >= input.Length)
        {
            error = $"RLP: truncated, no item at offset {offset}";
            return false;
        }

        var prefix = input[offset];
        var remaining = input.Length - offset - 1;
        if (prefix < ShortString)
        {
            payloadLength = 1;
            return true;
        }

        isList = prefix >= ShortList;
        var shortBase = isList ? ShortList : ShortString;
        var longBase = isList ? LongList : LongString;
        headerLength = 1;
        if (prefix <= longBase)
        {
            payloadLength = prefix - shortBase;
            if (!isList && payloadLength == 1 && remaining >= 1 && input[offset + 1] < ShortString)
            {
                error = $"RLP: single byte 0x{input[offset + 1]:x2} below 0x80 wrapped in a string header at offset {offset} (non-canonical)";
                return false;
            }
        }
        else if (!TryReadLongLength(input, offset, prefix - longBase, out payloadLength, out error))
        {
            return false;
        }
        else
        {
            headerLength += prefix - longBase;
        }

        if (payloadLength > input.Length - offset - headerLength)
        {
            error = $"RLP: truncated, item at offset {offset} declares {payloadLength} payload bytes but {Math.Max(0, input.Length - offset - headerLength)} remain";
            return false;
        }

        return true;
    }

    private static bool TryReadLongLength(ReadOnlySpan<byte> input, int offset, int lengthOfLength, out int length, out string? error)
    {
        length = 0;
        error = null;
        if (lengthOfLength > 4 || offset + 1 + lengthOfLength > input.Length)
        {
            error = $"RLP: truncated or oversized length field ({lengthOfLength} bytes) at offset {offset}";
            return false;
        }

        var bytes = input.Slice(offset + 1, lengthOfLength);
        if (bytes[0] == 0)
        {
            error = $"RLP: length field with a leading zero at offset {offset} (non-canonical)";
            return false;
        }

        var value = 0L;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        if (value <= MaxShortLength)
        {
            error = $"RLP: long form used for a length of {value} at offset {offset} (non-canonical)";
            return false;
        }

        if (value > int.MaxValue)
        {
            error = $"RLP: length {value} at offset {offset} is too large";
            return false;
        }

        length = (int)value;
        return true;
    }
}
