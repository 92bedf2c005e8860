using System.Numerics;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// One decoded RLP item (Ethereum Yellow Paper, Appendix B): a byte string or a list of items.
/// </summary>
public sealed class RlpItem
{
    private RlpItem(ReadOnlyMemory<byte> bytes, IReadOnlyList<RlpItem>? items)
    {
        Bytes = bytes;
        Items = items ?? [];
        IsList = items is not null;
    }

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList { get; }

    /// <summary>The payload of a byte string; empty for a list.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The items of a list; empty for a byte string.</summary>
    public IReadOnlyList<RlpItem> Items { get; }

    internal static RlpItem String(ReadOnlyMemory<byte> bytes) => new(bytes, null);

    internal static RlpItem List(IReadOnlyList<RlpItem> items) => new(ReadOnlyMemory<byte>.Empty, items);

    /// <summary>
    /// Reads this item as a big-endian unsigned integer of at most <paramref name="maxBytes"/> bytes.
    /// A list, a leading zero byte (non-canonical; zero is the empty string) or an oversized value is an error naming <paramref name="field"/>.
    /// </summary>
    public bool TryGetInteger(string field, int maxBytes, out BigInteger value, out string? error)
    {
        value = BigInteger.Zero;
        var span = Bytes.Span;
        error = IsList ? $"{field}: expected an integer, found a list"
            : span.Length > maxBytes ? $"{field}: integer of {span.Length} bytes exceeds {maxBytes} bytes"
            : span.Length > 0 && span[0] == 0 ? $"{field}: integer has a leading zero byte (non-canonical)"
            : null;
        if (error is not null)
        {
            return false;
        }

        value = new BigInteger(span, isUnsigned: true, isBigEndian: true);
        return true;
    }
}
