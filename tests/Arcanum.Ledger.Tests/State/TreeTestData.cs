using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Tests.State;

/// <summary>Seeded keys, values and trees for the state tests.</summary>
internal static class TreeTestData
{
    public static byte[] Key(int i) => System.Text.Encoding.UTF8.GetBytes($"module/key/{i}");

    public static byte[] Value(Random random) => [.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (byte)random.Next(256))];

    /// <summary>A tree (and its model) holding keys 0..count-1 with random values, written in one batch.</summary>
    public static (SparseMerkleTree Tree, NaiveSparseMerkleModel Model, InMemoryTreeNodeStore Store) Filled(int count, int seed)
    {
        var random = new Random(seed);
        var store = new InMemoryTreeNodeStore();
        var tree = new SparseMerkleTree(store);
        var model = new NaiveSparseMerkleModel();
        var writes = Enumerable.Range(0, count).Select(i => (Key(i), (byte[]?)Value(random))).ToList();
        foreach (var (key, value) in writes)
        {
            model.Set(key, value);
        }

        tree.Apply(writes);
        return (tree, model, store);
    }
}
