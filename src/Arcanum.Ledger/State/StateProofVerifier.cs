using System.Security.Cryptography;

namespace Arcanum.Ledger.State;

/// <summary>
/// Checks a <see cref="StateProof"/> against a state root alone. Written from the tree's definition
/// (docs/ledger-state.md, "Verification") and deliberately sharing no code with <see cref="SparseMerkleTree"/>, so a
/// bug in the tree cannot be mirrored here and make the two agree.
/// </summary>
public static class StateProofVerifier
{
    private const int HashLength = 32;

    /// <summary>
    /// True when <paramref name="proof"/> shows that, in the tree with root <paramref name="root"/>,
    /// <paramref name="key"/> holds <paramref name="value"/> — or, when <paramref name="value"/> is null, that the key
    /// is absent.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> root, ReadOnlySpan<byte> key, byte[]? value, StateProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (root.Length != HashLength)
        {
            return false;
        }

        var path = SHA256.HashData(key);
        var siblings = proof.Siblings;
        var depth = siblings.Count;
        if (depth > 8 * HashLength)
        {
            return false;
        }

        // A leaf or empty subtree beside an empty sibling is not canonical: its parent would hold at most one key and
        // would itself be that leaf or the empty subtree.
        if (depth > 0 && IsAllZero(siblings[depth - 1].Span))
        {
            return false;
        }

        byte[] hash;
        if (proof.EndsAtLeaf)
        {
            var leafPath = proof.LeafPath;
            var leafValueHash = proof.LeafValueHash;
            for (var i = 0; i < depth; i++)
            {
                if (BitAt(leafPath, i) != BitAt(path, i))
                {
                    return false;
                }
            }

            var isKeysLeaf = leafPath.SequenceEqual(path);
            if (value is null ? isKeysLeaf : !isKeysLeaf || !leafValueHash.SequenceEqual(SHA256.HashData(value)))
            {
                return false;
            }

            hash = SHA256.HashData([0x00, .. leafPath, .. leafValueHash]);
        }
        else
        {
            if (value is not null)
            {
                return false;
            }

            hash = new byte[HashLength];
        }

        for (var i = depth - 1; i >= 0; i--)
        {
            var sibling = siblings[i].Span;
            hash = BitAt(path, i) == 0
                ? SHA256.HashData([0x01, .. hash, .. sibling])
                : SHA256.HashData([0x01, .. sibling, .. hash]);
        }

        return CryptographicOperations.FixedTimeEquals(hash, root);
    }

    private static int BitAt(ReadOnlySpan<byte> path, int index) => (path[index / 8] >> (7 - (index % 8))) & 1;

    private static bool IsAllZero(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }
}
