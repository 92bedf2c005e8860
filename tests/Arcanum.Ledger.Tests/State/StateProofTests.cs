using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Tests.State;

/// <summary>Proofs of presence and absence verify against the root alone; every tampering fails.</summary>
public sealed class StateProofTests
{
    private const int Keys = 500;
    private static readonly (SparseMerkleTree Tree, NaiveSparseMerkleModel Model, InMemoryTreeNodeStore Store) Filled = TreeTestData.Filled(Keys, seed: 21);

    private static SparseMerkleTree Tree => Filled.Tree;

    private static byte[] Present(int i) => TreeTestData.Key(i);

    private static byte[] Absent(int i) => TreeTestData.Key(Keys + i);

    [Fact]
    public void Verify_EveryPresentAndAbsentKey_Succeeds()
    {
        int present = 0, absentAtEmpty = 0, absentAtOtherLeaf = 0;
        for (var i = 0; i < Keys; i++)
        {
            var value = Filled.Model.Get(Present(i));
            Assert.NotNull(value);
            var membership = Tree.Prove(Present(i));
            Assert.True(StateProofVerifier.Verify(Tree.Root, Present(i), value, membership));
            Assert.True(membership.EndsAtLeaf);
            present++;

            var absence = Tree.Prove(Absent(i));
            Assert.True(StateProofVerifier.Verify(Tree.Root, Absent(i), null, absence));
            _ = absence.EndsAtLeaf ? absentAtOtherLeaf++ : absentAtEmpty++;
        }

        Assert.Equal(Keys, present);
        Assert.Equal(Keys, absentAtEmpty + absentAtOtherLeaf);
        Assert.True(absentAtEmpty > 50 && absentAtOtherLeaf > 50, $"empty {absentAtEmpty}, other leaf {absentAtOtherLeaf}");
    }

    [Fact]
    public void Verify_WrongValueOrWrongPresence_Fails()
    {
        var key = Present(1);
        var value = Filled.Model.Get(key)!;
        var membership = Tree.Prove(key);
        var absence = Tree.Prove(Absent(1));

        Assert.False(StateProofVerifier.Verify(Tree.Root, key, null, membership));
        Assert.False(StateProofVerifier.Verify(Tree.Root, key, [.. value, 0], membership));
        Assert.False(StateProofVerifier.Verify(Tree.Root, Absent(1), [], absence));
        Assert.False(StateProofVerifier.Verify(Tree.Root, Absent(1), value, absence));
    }

    [Fact]
    public void Verify_ProofForAnotherKey_Fails()
    {
        var checkedPairs = 0;
        for (var i = 0; i < 40; i++)
        {
            var other = Tree.Prove(Present(i + 1));
            Assert.False(StateProofVerifier.Verify(Tree.Root, Present(i), Filled.Model.Get(Present(i)), other));
            Assert.False(StateProofVerifier.Verify(Tree.Root, Present(i), null, other));
            Assert.False(StateProofVerifier.Verify(Tree.Root, Absent(i), null, other));
            Assert.False(StateProofVerifier.Verify(Tree.Root, Present(i), null, Tree.Prove(Absent(i))));
            checkedPairs++;
        }

        Assert.Equal(40, checkedPairs);
    }

    [Fact]
    public void Verify_AnyFlippedBitInSiblingsLeafOrRoot_Fails()
    {
        var flips = 0;
        foreach (var (key, value) in new[] { (Present(2), Filled.Model.Get(Present(2))), (Absent(2), null), (Absent(3), null) })
        {
            var proof = Tree.Prove(key);
            var root = Tree.Root;
            Assert.True(StateProofVerifier.Verify(root, key, value, proof));
            var siblings = proof.Siblings.Select(sibling => sibling.ToArray()).ToArray();
            var leaf = proof.EndsAtLeaf ? (Path: proof.LeafPath.ToArray(), ValueHash: proof.LeafValueHash.ToArray()) : default;

            for (var bit = 0; bit < 256; bit++)
            {
                Assert.False(StateProofVerifier.Verify(Flip(root, bit), key, value, proof));
                flips++;
                for (var s = 0; s < siblings.Length; s++)
                {
                    var tampered = siblings.ToArray();
                    tampered[s] = Flip(siblings[s], bit);
                    Assert.False(StateProofVerifier.Verify(root, key, value, new StateProof(tampered, leaf.Path, leaf.ValueHash)));
                    flips++;
                }

                if (leaf.Path is not null)
                {
                    Assert.False(StateProofVerifier.Verify(root, key, value, new StateProof(siblings, Flip(leaf.Path, bit), leaf.ValueHash)));
                    Assert.False(StateProofVerifier.Verify(root, key, value, new StateProof(siblings, leaf.Path, Flip(leaf.ValueHash, bit))));
                    flips += 2;
                }
            }
        }

        Assert.True(flips > 3 * 256 * 8, $"{flips} flips");
    }

    [Fact]
    public void Verify_ShortenedLengthenedOrNonCanonicalProof_Fails()
    {
        var key = Present(4);
        var value = Filled.Model.Get(key);
        var proof = Tree.Prove(key);
        var siblings = proof.Siblings.Select(sibling => sibling.ToArray()).ToList();
        var path = proof.LeafPath.ToArray();
        var valueHash = proof.LeafValueHash.ToArray();
        Assert.True(siblings.Count > 1);

        Assert.False(StateProofVerifier.Verify(Tree.Root, key, value, new StateProof(siblings[..^1], path, valueHash)));
        Assert.False(StateProofVerifier.Verify(Tree.Root, key, value, new StateProof(siblings[1..], path, valueHash)));
        Assert.False(StateProofVerifier.Verify(Tree.Root, key, value, new StateProof([.. siblings, new byte[32]], path, valueHash)));
        Assert.False(StateProofVerifier.Verify(Tree.Root, key, value, new StateProof([.. siblings, siblings[^1]], path, valueHash)));
        Assert.False(StateProofVerifier.Verify(Tree.Root, key, null, new StateProof(siblings, null, null)));
        Assert.False(StateProofVerifier.Verify(Tree.Root[..31], key, value, proof));
    }

    [Fact]
    public void Prove_EmptyAndSingleKeyTrees_ProofsAtDepthZero()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var empty = tree.Prove("k"u8);
        Assert.Equal(0, empty.Depth);
        Assert.False(empty.EndsAtLeaf);
        Assert.True(StateProofVerifier.Verify(tree.Root, "k"u8, null, empty));
        Assert.False(StateProofVerifier.Verify(tree.Root, "k"u8, [], empty));

        tree.Apply([("k"u8.ToArray(), [5])]);
        var single = tree.Prove("k"u8);
        var other = tree.Prove("x"u8);
        Assert.Equal(0, single.Depth);
        Assert.True(StateProofVerifier.Verify(tree.Root, "k"u8, [5], single));
        Assert.True(StateProofVerifier.Verify(tree.Root, "x"u8, null, other));
        Assert.False(StateProofVerifier.Verify(tree.Root, "x"u8, null, empty));
        Assert.False(StateProofVerifier.Verify(tree.Root, "k"u8, [6], single));
    }

    [Fact]
    public void Encode_Decode_RoundTripsEveryProofByteForByte()
    {
        var roundTrips = 0;
        for (var i = 0; i < 100; i++)
        {
            foreach (var key in new[] { Present(i), Absent(i) })
            {
                var encoded = Tree.Prove(key).Encode();
                Assert.True(StateProof.TryDecode(encoded, out var decoded, out var error), error);
                Assert.Equal(encoded, decoded!.Encode());
                Assert.True(StateProofVerifier.Verify(Tree.Root, key, Filled.Model.Get(key), decoded));
                Assert.InRange(encoded.Length, 4, StateProof.MaxEncodedLength);
                roundTrips++;
            }
        }

        Assert.Equal(200, roundTrips);
    }

    [Fact]
    public void TryDecode_EveryTruncationAndExtension_IsRejectedWithAFieldName()
    {
        var encoded = Tree.Prove(Present(5)).Encode();
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.False(StateProof.TryDecode(encoded.AsSpan(0, length), out var proof, out var error));
            Assert.Null(proof);
            Assert.StartsWith("proof", error, StringComparison.Ordinal);
        }

        Assert.False(StateProof.TryDecode([.. encoded, 0], out _, out var trailing));
        Assert.Contains("trailing", trailing, StringComparison.Ordinal);
        Assert.False(StateProof.TryDecode(new byte[StateProof.MaxEncodedLength + 1], out _, out var oversized));
        Assert.Contains("more than", oversized, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_MalformedFields_AreRejectedByName()
    {
        var encoded = Tree.Prove(Present(6)).Encode();

        AssertRejected(Mutate(encoded, bytes => bytes[0] = 0x02), "proof.format");
        AssertRejected([0x01, 0x01, 0x01], "proof.depth");
        AssertRejected([0x01, 0x00, 0x03, 0x1F, 0x00], "proof.bitmap: padding");
        AssertRejected([0x01, 0x00, 0x01, 0x80, .. new byte[32], 0x00], "proof.siblings[0]");
        AssertRejected([0x01, 0x00, 0x00, 0x02], "proof.terminal: kind");
        AssertRejected([0x01, 0x00, 0x00, 0x01, .. new byte[63]], "proof.terminal: truncated");
        Assert.True(StateProof.TryDecode([0x01, 0x00, 0x00, 0x00], out var emptyTree, out _));
        Assert.True(StateProofVerifier.Verify(SparseMerkleTree.EmptyRoot, "any"u8, null, emptyTree!));
    }

    [Fact]
    public void DecodeAndVerify_EveryFlippedBitOfTheEncoding_Fails()
    {
        var checkedBits = 0;
        foreach (var key in new[] { Present(7), Absent(7) })
        {
            var value = Filled.Model.Get(key);
            var encoded = Tree.Prove(key).Encode();
            for (var bit = 0; bit < encoded.Length * 8; bit++)
            {
                var tampered = Flip(encoded, bit);
                var accepted = StateProof.TryDecode(tampered, out var proof, out _) && StateProofVerifier.Verify(Tree.Root, key, value, proof!);
                Assert.False(accepted, $"bit {bit} of {Convert.ToHexString(encoded)}");
                checkedBits++;
            }
        }

        Assert.True(checkedBits > 2 * 8 * 100, $"{checkedBits} bits");
    }

    [Fact]
    public void StateProof_InvalidParts_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new StateProof([new byte[31]], null, null));
        Assert.Throws<ArgumentException>(() => new StateProof([.. Enumerable.Range(0, 257).Select(_ => new byte[32])], null, null));
        Assert.Throws<ArgumentException>(() => new StateProof([], new byte[32], null));
        Assert.Throws<ArgumentException>(() => new StateProof([], new byte[32], new byte[33]));
    }

    private static void AssertRejected(byte[] encoded, string expectedError)
    {
        Assert.False(StateProof.TryDecode(encoded, out var proof, out var error));
        Assert.Null(proof);
        Assert.StartsWith(expectedError, error, StringComparison.Ordinal);
    }

    private static byte[] Mutate(byte[] bytes, Action<byte[]> change)
    {
        var copy = bytes.ToArray();
        change(copy);
        return copy;
    }

    private static byte[] Flip(byte[] bytes, int bit) => Mutate(bytes, copy => copy[bit / 8] ^= (byte)(0x80 >> (bit % 8)));
}
