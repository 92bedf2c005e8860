using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Tests.State;

/// <summary>Views buffer writes over a root; overlays make one transaction's writes undoable on their own.</summary>
public sealed class StateViewOverlayTests
{
    [Fact]
    public void TreeView_WritesBufferedUntilCommit_ThenOneBatch()
    {
        var (tree, model, _) = TreeTestData.Filled(30, seed: 31);
        var before = tree.Root;
        var deletedValue = model.Get(TreeTestData.Key(2));
        var view = tree.OpenView();

        view.Set(TreeTestData.Key(1), [9]);
        view.Set(TreeTestData.Key(2), null);
        view.Set("new"u8, [1, 2]);

        Assert.Equal(before, tree.Root);
        Assert.Equal(new byte[] { 9 }, view.Get(TreeTestData.Key(1)));
        Assert.Null(view.Get(TreeTestData.Key(2)));
        Assert.Equal(model.Get(TreeTestData.Key(3)), view.Get(TreeTestData.Key(3)));
        Assert.Equal(3, view.PendingWriteCount);

        var root = view.Commit();

        model.Set(TreeTestData.Key(1), [9]);
        model.Set(TreeTestData.Key(2), null);
        model.Set("new"u8.ToArray(), [1, 2]);
        Assert.Equal(model.Root(), root);
        Assert.Equal(root, tree.Root);
        Assert.Equal(root, view.BaseRoot);
        Assert.Equal(0, view.PendingWriteCount);
        Assert.NotNull(deletedValue);
        Assert.Equal(deletedValue, tree.Get(before, TreeTestData.Key(2)));
    }

    [Fact]
    public void Overlay_RejectedTransactionDiscarded_OthersKept()
    {
        var (tree, model, _) = TreeTestData.Filled(10, seed: 32);
        var block = tree.OpenView();

        var first = block.BeginNested();
        first.Set("a"u8, [1]);
        first.Commit();

        var rejected = block.BeginNested();
        rejected.Set("a"u8, [2]);
        rejected.Set("b"u8, [3]);
        rejected.Set(TreeTestData.Key(0), null);
        Assert.Equal(new byte[] { 2 }, rejected.Get("a"u8));
        Assert.Null(rejected.Get(TreeTestData.Key(0)));
        rejected.Discard();

        var third = block.BeginNested();
        third.Set("c"u8, [4]);
        third.Commit();
        var root = block.Commit();

        model.Set("a"u8.ToArray(), [1]);
        model.Set("c"u8.ToArray(), [4]);
        Assert.Equal(model.Root(), root);
        Assert.Null(tree.Get("b"u8));
        Assert.Equal(model.Get(TreeTestData.Key(0)), tree.Get(TreeTestData.Key(0)));
    }

    [Fact]
    public void Overlay_DroppedWithoutCommit_LeavesParentUntouched()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var block = tree.OpenView();
        block.Set("a"u8, [1]);

        var dropped = block.BeginNested();
        dropped.Set("a"u8, null);
        dropped.Set("z"u8, [1]);

        Assert.Equal(new byte[] { 1 }, block.Get("a"u8));
        Assert.Null(block.Get("z"u8));
        Assert.Equal(1, block.PendingWriteCount);
    }

    [Fact]
    public void Overlay_NestedTwice_CommitsFoldInwardOnlyWhenEachLevelCommits()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        tree.Apply([("a"u8.ToArray(), [1])]);
        var block = tree.OpenView();
        var outer = block.BeginNested();
        var inner = outer.BeginNested();

        inner.Set("a"u8, null);
        inner.Set("b"u8, [2]);
        Assert.Equal(new byte[] { 1 }, outer.Get("a"u8));
        inner.Commit();
        Assert.Null(outer.Get("a"u8));
        Assert.Equal(new byte[] { 1 }, block.Get("a"u8));
        outer.Commit();
        Assert.Null(block.Get("a"u8));
        Assert.Equal(new byte[] { 1 }, tree.Get("a"u8));

        block.Commit();
        Assert.Null(tree.Get("a"u8));
        Assert.Equal(new byte[] { 2 }, tree.Get("b"u8));
    }

    [Fact]
    public void View_ValuesAreCopied_CallerMutationsDoNotLeakIn()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var view = tree.OpenView();
        byte[] value = [1, 2, 3];

        view.Set("k"u8, value);
        value[0] = 99;
        view.Get("k"u8)![1] = 99;

        Assert.Equal(new byte[] { 1, 2, 3 }, view.Get("k"u8));
        view.Commit();
        tree.Get("k"u8)![2] = 99;
        Assert.Equal(new byte[] { 1, 2, 3 }, tree.Get("k"u8));
    }

    [Fact]
    public void TreeView_CommitAfterTreeMoved_ThrowsAndKeepsWritesPending()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var view = tree.OpenView();
        view.Set("k"u8, [1]);
        tree.Apply([("other"u8.ToArray(), [2])]);
        var moved = tree.Root;

        Assert.Throws<InvalidOperationException>(() => view.Commit());

        Assert.Equal(moved, tree.Root);
        Assert.Equal(1, view.PendingWriteCount);
        Assert.Null(tree.Get("k"u8));
    }

    [Fact]
    public void TreeView_CommitWithoutWrites_KeepsTheRoot()
    {
        var (tree, _, _) = TreeTestData.Filled(10, seed: 33);
        var root = tree.Root;

        Assert.Equal(root, tree.OpenView().Commit());
        Assert.Equal(root, tree.Root);
    }
}
