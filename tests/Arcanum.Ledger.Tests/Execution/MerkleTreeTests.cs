using System.Security.Cryptography;
using Arcanum.Ledger.Execution;

namespace Arcanum.Ledger.Tests.Execution;

/// <summary>RFC 6962 §2.1 Merkle Tree Hash over SHA-256.</summary>
public sealed class MerkleTreeTests
{
    // Item i is the byte i repeated i + 1 times; roots computed with an independent recursive transcription of
    // RFC 6962 §2.1 in Python (hashlib).
    private static readonly string[] ExpectedRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "e449187a936d72a12be931fa9e3805c22d852419aff6a60dab9644cc706a052f",
        "bd1a006735cd8a22a057e795ef3eef176b7decaa8cae5f8a30fa7aafe53b23df",
        "5494c29929ce13ec62016c60617fa2779dd3dfa1fc051b5e0f0c752f61fd9f05",
        "18905e86210bad694f6ea49e44eeb076e9f10dfdebca44235e7b10d7a12ef88f",
        "56c4c4023c9be921f7cee7d8e542d02eea9607b839cc2e4f53d5d6269ff90561",
        "15f290e6a28a2633d48b2b7c86adc7d20596296fdb865166ea8a108e050a30e9",
    ];

    public static TheoryData<int> Counts => [0, 1, 2, 3, 4, 5, 6, 7];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Root_KnownItems_MatchesIndependentComputation(int count)
    {
        var items = Enumerable.Range(0, count).Select(i => Enumerable.Repeat((byte)i, i + 1).ToArray()).ToList();

        Assert.Equal(ExpectedRoots[count], Convert.ToHexStringLower(MerkleTree.Root(items)));
        Assert.Equal(8, Counts.Count);
    }

    [Fact]
    public void Root_ThreeItems_IsLeftPairThenRightLeaf()
    {
        byte[][] items = [[1], [2], [3]];
        static byte[] Leaf(byte[] item) => SHA256.HashData([0, .. item]);
        static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([1, .. left, .. right]);

        Assert.Equal(Node(Node(Leaf(items[0]), Leaf(items[1])), Leaf(items[2])), MerkleTree.Root(items));
    }

    [Fact]
    public void Root_LastItemDuplicated_DiffersFromOriginal()
    {
        byte[][] three = [[1], [2], [3]];
        byte[][] four = [[1], [2], [3], [3]];

        Assert.NotEqual(MerkleTree.Root(three), MerkleTree.Root(four));
    }

    [Fact]
    public void Root_LeafThatLooksLikeNode_DiffersFromTree()
    {
        byte[][] pair = [[1], [2]];
        var left = SHA256.HashData([0, 1]);
        var right = SHA256.HashData([0, 2]);

        Assert.NotEqual(MerkleTree.Root(pair), MerkleTree.Root([[1, .. left, .. right]]));
    }
}
