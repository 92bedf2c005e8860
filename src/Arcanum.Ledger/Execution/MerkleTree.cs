using System.Security.Cryptography;

namespace Arcanum.Ledger.Execution;

/// <summary>
/// The Merkle Tree Hash of RFC 6962 §2.1 with SHA-256: the root of no items is SHA-256(""), a leaf is
/// SHA-256(0x00 ‖ item), an inner node SHA-256(0x01 ‖ left ‖ right), and a list of n &gt; 1 items splits at the
/// largest power of two k &lt; n (left: the first k items). The leaf/node prefixes keep a leaf from passing as a node,
/// and an odd item is never duplicated, so two different lists never share a root.
/// </summary>
public static class MerkleTree
{
    /// <summary>The root over <paramref name="items"/> in order.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == 0 ? SHA256.HashData([]) : Subtree(items, 0, items.Count);
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> items, int start, int count)
    {
        if (count == 1)
        {
            var leaf = new byte[1 + items[start].Length];
            items[start].CopyTo(leaf, 1);
            return SHA256.HashData(leaf);
        }
        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }
        var node = new byte[1 + (2 * SHA256.HashSizeInBytes)];
        node[0] = 1;
        Subtree(items, start, split).CopyTo(node, 1);
        Subtree(items, start + split, count - split).CopyTo(node, 1 + SHA256.HashSizeInBytes);
        return SHA256.HashData(node);
    }
}
