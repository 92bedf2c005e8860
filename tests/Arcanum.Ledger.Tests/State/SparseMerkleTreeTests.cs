using System.Security.Cryptography;
using Arcanum.Ledger.State;
using Xunit.Abstractions;

namespace Arcanum.Ledger.Tests.State;

/// <summary>The tree against its definition (<see cref="NaiveSparseMerkleModel"/>), versioning and storage checks.</summary>
public sealed class SparseMerkleTreeTests(ITestOutputHelper output)
{
    [Fact]
    public void Root_EmptyTree_IsThirtyTwoZeroBytes()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());

        Assert.Equal(new byte[32], tree.Root);
        Assert.Equal(new byte[32], SparseMerkleTree.EmptyRoot);
        Assert.Null(tree.Get("absent"u8));
    }

    [Fact]
    public void Root_OneKey_IsItsLeafHashAtTheTop()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());

        var root = tree.Apply([("k"u8.ToArray(), [7, 8])]);

        var path = SHA256.HashData("k"u8);
        Assert.Equal(SHA256.HashData([0x00, .. path, .. SHA256.HashData([7, 8])]), root);
    }

    [Fact]
    public void Root_TwoKeysSplittingAtFirstBit_IsInternalNodeOfTheirLeaves()
    {
        // The first two keys whose paths start with different bits: both leaves sit right under the root.
        var keys = Enumerable.Range(0, 64).Select(TreeTestData.Key).ToList();
        var left = keys.First(key => SHA256.HashData(key)[0] < 0x80);
        var right = keys.First(key => SHA256.HashData(key)[0] >= 0x80);
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());

        var root = tree.Apply([(right, [2]), (left, [1])]);

        byte[] Leaf(byte[] key, byte[] value) => SHA256.HashData([0x00, .. SHA256.HashData(key), .. SHA256.HashData(value)]);
        Assert.Equal(SHA256.HashData([0x01, .. Leaf(left, [1]), .. Leaf(right, [2])]), root);
    }

    [Fact]
    public void Apply_SeededRandomOperations_MatchesNaiveModelAfterEveryBatch()
    {
        var random = new Random(8_2026);
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var model = new NaiveSparseMerkleModel();
        int operations = 0, inserts = 0, updates = 0, deletes = 0, batches = 0;

        while (operations < 4000)
        {
            var batch = new List<(byte[] Key, byte[]? Value)>();
            for (var i = Math.Min(random.Next(1, 9), 4000 - operations); i > 0; i--, operations++)
            {
                var key = TreeTestData.Key(random.Next(400));
                var value = random.Next(4) == 0 ? null : TreeTestData.Value(random);
                var present = model.Get(key) is not null;
                _ = value is null ? deletes++ : present ? updates++ : inserts++;
                batch.Add((key, value));
                model.Set(key, value);
            }

            var root = tree.Apply(batch);
            batches++;

            Assert.Equal(model.Root(), root);
            if (batches % 50 == 0)
            {
                Assert.All(Enumerable.Range(0, 400).Select(TreeTestData.Key), key => Assert.Equal(model.Get(key), tree.Get(key)));
            }
        }

        Assert.Equal(4000, operations);
        Assert.True(inserts > 500 && updates > 500 && deletes > 500, $"inserts {inserts}, updates {updates}, deletes {deletes}");
        Assert.True(model.Count > 100, $"the model ended with {model.Count} keys");
    }

    [Fact]
    public void Apply_SamePairsInAnyOrderOrBatching_GivesTheSameRoot()
    {
        var random = new Random(17);
        var pairs = Enumerable.Range(0, 300).Select(i => (Key: TreeTestData.Key(i), Value: (byte[]?)TreeTestData.Value(random))).ToList();
        var model = new NaiveSparseMerkleModel();
        pairs.ForEach(pair => model.Set(pair.Key, pair.Value));
        var expected = model.Root();

        var roots = new List<byte[]> { new SparseMerkleTree(new InMemoryTreeNodeStore()).Apply(pairs) };
        for (var shuffle = 0; shuffle < 5; shuffle++)
        {
            var order = pairs.OrderBy(_ => random.Next()).ToList();
            var oneByOne = new SparseMerkleTree(new InMemoryTreeNodeStore());
            order.ForEach(pair => oneByOne.Apply([pair]));
            roots.Add(oneByOne.Root);
            roots.Add(new SparseMerkleTree(new InMemoryTreeNodeStore()).Apply(order));
        }

        Assert.Equal(11, roots.Count);
        Assert.All(roots, root => Assert.Equal(expected, root));
    }

    [Fact]
    public void Apply_DeletingLaterKeys_RestoresEarlierRoots()
    {
        var (tree, _, _) = TreeTestData.Filled(200, seed: 3);
        var before = tree.Root;
        var random = new Random(4);

        tree.Apply(Enumerable.Range(200, 150).Select(i => (TreeTestData.Key(i), (byte[]?)TreeTestData.Value(random))));
        Assert.NotEqual(before, tree.Root);
        foreach (var i in Enumerable.Range(200, 150).OrderBy(_ => random.Next()))
        {
            tree.Apply([(TreeTestData.Key(i), null)]);
        }

        Assert.Equal(before, tree.Root);
        tree.Apply(Enumerable.Range(0, 200).Select(i => (TreeTestData.Key(i), (byte[]?)null)));
        Assert.Equal(SparseMerkleTree.EmptyRoot, tree.Root);
    }

    [Fact]
    public void Apply_SameKeyTwiceInABatch_LastWriteWins()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());

        tree.Apply([("a"u8.ToArray(), [1]), ("b"u8.ToArray(), [2]), ("a"u8.ToArray(), [3]), ("b"u8.ToArray(), null)]);

        Assert.Equal(new byte[] { 3 }, tree.Get("a"u8));
        Assert.Null(tree.Get("b"u8));
    }

    [Fact]
    public void Apply_EmptyValue_IsPresentAndDiffersFromAbsent()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());

        var root = tree.Apply([("a"u8.ToArray(), [])]);

        Assert.Equal(Array.Empty<byte>(), tree.Get("a"u8));
        Assert.NotEqual(SparseMerkleTree.EmptyRoot, root);
    }

    [Fact]
    public void Apply_DeletingAbsentKeys_ChangesNothingAndStoresNothing()
    {
        var (tree, _, store) = TreeTestData.Filled(100, seed: 5);
        var root = tree.Root;
        var nodes = store.Count;

        tree.Apply(Enumerable.Range(100, 50).Select(i => (TreeTestData.Key(i), (byte[]?)null)));

        Assert.Equal(root, tree.Root);
        Assert.Equal(nodes, store.Count);
        Assert.Equal(0, tree.LastBatchNodeCount);
    }

    [Fact]
    public void Get_OldRootsAfterLaterBatches_StillReturnTheirValuesAndProve()
    {
        var random = new Random(11);
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var model = new NaiveSparseMerkleModel();
        var history = new List<(byte[] Root, NaiveSparseMerkleModel Model)>();
        for (var block = 0; block < 20; block++)
        {
            var writes = Enumerable.Range(0, 15)
                .Select(_ => (Key: TreeTestData.Key(random.Next(60)), Value: random.Next(5) == 0 ? null : TreeTestData.Value(random)))
                .ToList();
            writes.ForEach(write => model.Set(write.Key, write.Value));
            history.Add((tree.Apply(writes), model.Clone()));
        }

        var checkedKeys = 0;
        foreach (var (root, snapshot) in history)
        {
            Assert.Equal(snapshot.Root(), root);
            foreach (var key in Enumerable.Range(0, 60).Select(TreeTestData.Key))
            {
                Assert.Equal(snapshot.Get(key), tree.Get(root, key));
                Assert.True(StateProofVerifier.Verify(root, key, snapshot.Get(key), tree.Prove(root, key)));
                checkedKeys++;
            }
        }

        Assert.Equal(20 * 60, checkedKeys);
        Assert.NotEqual(history[0].Root, tree.Root);
    }

    [Fact]
    public void At_OldRoot_BranchesWithoutMovingTheOriginal()
    {
        var (tree, _, _) = TreeTestData.Filled(50, seed: 6);
        var old = tree.Root;
        tree.Apply([("later"u8.ToArray(), [1])]);
        var current = tree.Root;

        var branch = tree.At(old);
        branch.Apply([("fork"u8.ToArray(), [2])]);

        Assert.Equal(current, tree.Root);
        Assert.Null(tree.Get("fork"u8));
        Assert.Equal(new byte[] { 2 }, branch.Get("fork"u8));
        Assert.Null(branch.Get("later"u8));
    }

    [Fact]
    public void Apply_SingleWriteInLargeTree_CreatesAboutLogNNodes()
    {
        const int Keys = 4096;
        var (tree, _, store) = TreeTestData.Filled(Keys, seed: 7);
        var random = new Random(8);
        var counts = new List<int>();

        for (var i = 0; i < 200; i++)
        {
            var nodesBefore = store.Count;
            var key = random.Next(2) == 0 ? TreeTestData.Key(random.Next(Keys)) : TreeTestData.Key(Keys + i);
            tree.Apply([(key, TreeTestData.Value(random))]);
            Assert.Equal(store.Count - nodesBefore, tree.LastBatchNodeCount);
            counts.Add(tree.LastBatchNodeCount);
        }

        // log2(4096) = 12 internal levels on average plus the leaf; an uncompressed tree would create 257 nodes.
        var average = counts.Average();
        output.WriteLine($"nodes created per single-key update in a {Keys}-key tree: average {average:F2}, max {counts.Max()}");
        Assert.InRange(average, 12.0, 17.0);
        Assert.True(counts.Max() <= 40, $"max {counts.Max()}");
    }

    [Fact]
    public void Get_StoreReturnsTamperedNode_ThrowsInvalidData()
    {
        var (tree, _, store) = TreeTestData.Filled(20, seed: 9);
        var tampering = new TamperingStore(store);
        var tampered = new SparseMerkleTree(tampering, tree.Root);

        Assert.Throws<InvalidDataException>(() => tampered.Get(TreeTestData.Key(0)));
        Assert.True(tampering.Tampered > 0);
    }

    [Fact]
    public void Get_RootNotInStore_ThrowsKeyNotFound()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore(), Enumerable.Repeat((byte)0xAB, 32).ToArray());

        Assert.Throws<KeyNotFoundException>(() => tree.Get("k"u8));
        Assert.Throws<ArgumentException>(() => tree.At(new byte[31]));
    }

    [Fact]
    public void GetProveApply_CraftedStoreDeeperThanThePath_ThrowInvalidData()
    {
        // Nodes with valid hashes, but internal nodes all the way down to depth 256, where only leaves can be.
        var store = new InMemoryTreeNodeStore();
        var hash = SHA256.HashData([0x00, .. new byte[32], .. SHA256.HashData([1])]);
        store.Put([(hash, [0x00, .. new byte[32], 1])]);
        for (var depth = 256; depth >= 0; depth--)
        {
            byte[] node = [0x01, .. hash, .. hash];
            hash = SHA256.HashData(node);
            store.Put([(hash, node)]);
        }

        var tree = new SparseMerkleTree(store, hash);

        Assert.Throws<InvalidDataException>(() => tree.Get("k"u8));
        Assert.Throws<InvalidDataException>(() => tree.Prove("k"u8));
        Assert.Throws<InvalidDataException>(() => tree.Apply([("k"u8.ToArray(), [2])]));
    }

    /// <summary>Returns every node with its last byte flipped.</summary>
    private sealed class TamperingStore(ITreeNodeStore inner) : ITreeNodeStore
    {
        public int Tampered { get; private set; }

        public byte[]? Get(ReadOnlySpan<byte> hash)
        {
            var node = inner.Get(hash);
            if (node is not null)
            {
                node[^1] ^= 1;
                Tampered++;
            }

            return node;
        }

        public void Put(IReadOnlyList<(byte[] Hash, byte[] Node)> nodes) => inner.Put(nodes);
    }
}
