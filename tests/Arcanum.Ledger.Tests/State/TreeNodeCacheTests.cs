using System.Security.Cryptography;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Tests.State;

public sealed class TreeNodeCacheTests
{
    [Fact]
    public void Get_AfterAdd_ReturnsTheNode_AndNullForAnUnknownHash()
    {
        var cache = new TreeNodeCache(capacity: 16);
        var (hash, node) = Node(1);

        cache.Add(hash, node);

        Assert.Equal(node, cache.Get(hash));
        Assert.Null(cache.Get(Node(2).Hash));
    }

    [Fact]
    public void Capacity_OldestGenerationIsDropped_RecentNodesStay()
    {
        var cache = new TreeNodeCache(capacity: 8);
        var nodes = Enumerable.Range(0, 10).Select(Node).ToList();

        foreach (var (hash, node) in nodes)
        {
            cache.Add(hash, node);
        }

        // Generations of 4: 0–3 were dropped when 4–7 filled a generation; 4–7 (previous) and 8–9 (current) remain.
        // (Reading from the previous generation copies forward and can itself rotate, so only one such read here.)
        Assert.All(nodes.Take(4), n => Assert.Null(cache.Get(n.Hash)));
        Assert.All(nodes.Skip(8), n => Assert.Equal(n.Node, cache.Get(n.Hash)));
        Assert.Equal(nodes[4].Node, cache.Get(nodes[4].Hash));
    }

    [Fact]
    public void Get_HitInThePreviousGeneration_IsCarriedForward()
    {
        var cache = new TreeNodeCache(capacity: 8);
        var nodes = Enumerable.Range(0, 8).Select(Node).ToList();
        foreach (var (hash, node) in nodes.Take(4))
        {
            cache.Add(hash, node);
        }

        // 0–3 are now the previous generation; reading node 0 copies it into the current one.
        Assert.Equal(nodes[0].Node, cache.Get(nodes[0].Hash));
        foreach (var (hash, node) in nodes.Skip(4).Take(3))
        {
            cache.Add(hash, node);
        }

        // The current generation (0, 4, 5, 6) became the previous one: node 0 survived the rotation, 1–3 did not.
        Assert.Equal(nodes[0].Node, cache.Get(nodes[0].Hash));
        Assert.Null(cache.Get(nodes[1].Hash));
    }

    [Fact]
    public void Add_SameHashAgain_KeepsTheFirstBytes()
    {
        var cache = new TreeNodeCache(capacity: 16);
        var (hash, node) = Node(1);

        cache.Add(hash, node);
        cache.Add(hash, [9, 9]);

        Assert.Equal(node, cache.Get(hash));
    }

    [Fact]
    public void Capacity_BelowTwo_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TreeNodeCache(capacity: 1));

    private static (byte[] Hash, byte[] Node) Node(int index)
    {
        byte[] node = [(byte)index, 0x5a];
        return (SHA256.HashData(node), node);
    }
}
