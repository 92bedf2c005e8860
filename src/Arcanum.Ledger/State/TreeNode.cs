using System.Security.Cryptography;

namespace Arcanum.Ledger.State;

/// <summary>The three kinds of subtree in a <see cref="SparseMerkleTree"/> (docs/ledger-state.md, "Definition").</summary>
internal enum TreeNodeKind
{
    /// <summary>No key below; its hash is 32 zero bytes and it is never stored.</summary>
    Empty,

    /// <summary>Exactly one key below, stored as a shortcut leaf at the first depth where its path is alone.</summary>
    Leaf,

    /// <summary>Two or more keys below: a left and a right child.</summary>
    Internal,
}

/// <summary>
/// A decoded tree node with its hashing and storage encoding. Leaf: hash = SHA-256(0x00 ‖ path ‖ SHA-256(value)),
/// stored as 0x00 ‖ path ‖ value. Internal: hash = SHA-256(0x01 ‖ left ‖ right), stored as exactly those 65 bytes.
/// </summary>
internal readonly struct TreeNode
{
    public const int HashLength = 32;
    public const int PathBits = 8 * HashLength;
    public const byte LeafPrefix = 0x00;
    public const byte InternalPrefix = 0x01;
    private const int InternalLength = 1 + (2 * HashLength);

    private TreeNode(TreeNodeKind kind, byte[] first, byte[] second)
    {
        Kind = kind;
        First = first;
        Second = second;
    }

    public TreeNodeKind Kind { get; }

    /// <summary>Leaf: the path; internal: the left child's hash.</summary>
    private byte[] First { get; }

    /// <summary>Leaf: the value; internal: the right child's hash.</summary>
    private byte[] Second { get; }

    public byte[] LeafPath => Kind == TreeNodeKind.Leaf ? First : throw new InvalidOperationException("not a leaf");

    public byte[] LeafValue => Kind == TreeNodeKind.Leaf ? Second : throw new InvalidOperationException("not a leaf");

    public byte[] Left => Kind == TreeNodeKind.Internal ? First : throw new InvalidOperationException("not an internal node");

    public byte[] Right => Kind == TreeNodeKind.Internal ? Second : throw new InvalidOperationException("not an internal node");

    public static TreeNode Empty { get; } = new(TreeNodeKind.Empty, [], []);

    /// <summary>True for the hash of the empty subtree (32 zero bytes).</summary>
    public static bool IsEmptyHash(ReadOnlySpan<byte> hash) => !hash.ContainsAnyExcept((byte)0);

    /// <summary>The path of a key: SHA-256(key).</summary>
    public static byte[] PathOf(ReadOnlySpan<byte> key) => SHA256.HashData(key);

    /// <summary>Bit <paramref name="depth"/> of a path, most significant bit of byte 0 first: 0 = left, 1 = right.</summary>
    public static int Bit(ReadOnlySpan<byte> path, int depth) => (path[depth >> 3] >> (7 - (depth & 7))) & 1;

    public static byte[] LeafHash(ReadOnlySpan<byte> path, ReadOnlySpan<byte> value)
    {
        Span<byte> preimage = stackalloc byte[1 + (2 * HashLength)];
        preimage[0] = LeafPrefix;
        path.CopyTo(preimage[1..]);
        SHA256.HashData(value, preimage[(1 + HashLength)..]);
        return SHA256.HashData(preimage);
    }

    public static byte[] EncodeLeaf(ReadOnlySpan<byte> path, ReadOnlySpan<byte> value)
    {
        var encoded = new byte[1 + HashLength + value.Length];
        encoded[0] = LeafPrefix;
        path.CopyTo(encoded.AsSpan(1));
        value.CopyTo(encoded.AsSpan(1 + HashLength));
        return encoded;
    }

    public static byte[] EncodeInternal(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var encoded = new byte[InternalLength];
        encoded[0] = InternalPrefix;
        left.CopyTo(encoded.AsSpan(1));
        right.CopyTo(encoded.AsSpan(1 + HashLength));
        return encoded;
    }

    /// <summary>The hash of an encoded internal node: its encoding is exactly the hash preimage.</summary>
    public static byte[] InternalHash(byte[] encodedInternal) => SHA256.HashData(encodedInternal);

    /// <summary>
    /// Decodes a stored node and checks that it hashes to <paramref name="hash"/>; a store that returns anything else
    /// is corrupt, which is an error, not an answer.
    /// </summary>
    public static TreeNode Decode(ReadOnlySpan<byte> hash, byte[] encoded)
    {
        if (encoded.Length == InternalLength && encoded[0] == InternalPrefix)
        {
            var node = new TreeNode(TreeNodeKind.Internal, encoded[1..(1 + HashLength)], encoded[(1 + HashLength)..]);
            return Checked(hash, InternalHash(encoded), node);
        }

        if (encoded.Length >= 1 + HashLength && encoded[0] == LeafPrefix)
        {
            var node = new TreeNode(TreeNodeKind.Leaf, encoded[1..(1 + HashLength)], encoded[(1 + HashLength)..]);
            return Checked(hash, LeafHash(node.LeafPath, node.LeafValue), node);
        }

        throw new InvalidDataException($"tree node {Convert.ToHexString(hash)}: malformed encoding ({encoded.Length} bytes)");
    }

    private static TreeNode Checked(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, TreeNode node) =>
        expected.SequenceEqual(actual)
            ? node
            : throw new InvalidDataException($"tree node {Convert.ToHexString(expected)}: stored bytes hash to {Convert.ToHexString(actual)}");
}
