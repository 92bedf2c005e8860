using System.Security.Cryptography;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Blocks;

/// <summary>Genesis and the sequencer's block builder.</summary>
public sealed class BlockBuilderTests
{
    [Fact]
    public void Genesis_Create_HeightZeroZeroParentEmptyListsAndTheGenesisStateRoot()
    {
        using var chain = TestChain.Create();
        var header = chain.GenesisBlock.Header;
        var reference = new MemoryStateView();
        chain.Config.Genesis.Apply(reference);
        var independentRoot = new SparseMerkleTree(new InMemoryTreeNodeStore()).Apply([.. reference.Entries.Select(e => (e.Key, (byte[]?)e.Value))]);

        Assert.Equal(0UL, header.Height);
        Assert.Equal(new byte[32], header.PrevHash);
        Assert.Equal(0UL, header.TimeUnixMilliseconds);
        Assert.Equal(SHA256.HashData([]), header.TxRoot);
        Assert.Equal(SHA256.HashData([]), header.EventsRoot);
        Assert.Equal(independentRoot, header.StateRoot);
        Assert.Empty(chain.GenesisBlock.Transactions);
    }

    [Fact]
    public void Genesis_Create_NonEmptyTree_Throws()
    {
        using var chain = TestChain.Create();

        Assert.Throws<InvalidOperationException>(() => Genesis.Create(chain.Config.Genesis, chain.Tree));
    }

    [Fact]
    public void Build_TwoSequencers_ByteIdenticalBlocksAndSignatures()
    {
        using var first = TestChain.Create();
        using var second = TestChain.Create();

        Assert.Equal(first.GenesisBlock.Header, second.GenesisBlock.Header);
        Assert.Equal(TestChain.BlockCount, first.Finalized.Count);
        Assert.Equal(first.Finalized.Select(f => f.Encode()), second.Finalized.Select(f => f.Encode()));
        Assert.Equal(first.Tree.Root, second.Tree.Root);
    }

    [Fact]
    public void Build_RejectedTransactions_AreLeftOutAndReportedWithTheirReason()
    {
        using var chain = TestChain.Create();
        var rejectedCount = 0;
        foreach (var built in chain.Built)
        {
            var included = built.Processed.Where(p => p.Outcome.IsIncluded).Select(p => p.Transaction.Hash());
            Assert.Equal(included, built.Block.Transactions.Select(t => t.Hash()));
            Assert.Empty(built.Deferred);
            var reasons = built.Rejected.Select(p => p.Outcome.Reason).ToList();
            Assert.Contains(ErrorCodes.InsufficientBalance, reasons);
            Assert.Contains(ErrorCodes.NonceSkipped, reasons);
            Assert.All(built.Rejected, r => Assert.DoesNotContain(built.Block.Transactions, t => t.Hash().AsSpan().SequenceEqual(r.Transaction.Hash())));
            rejectedCount += reasons.Count;
        }

        // Two planned rejections per block, plus bob's group message after his grant is revoked in block 3.
        Assert.Equal((2 * TestChain.BlockCount) + 3, rejectedCount);
        Assert.Equal(3, chain.Built.SelectMany(b => b.Rejected).Count(r => r.Outcome.Reason == ErrorCodes.AccessDenied));
    }

    [Fact]
    public void Build_HeaderRoots_AreTheRootsOfTheIncludedTransactionsAndTheirOutcomes()
    {
        using var chain = TestChain.Create();
        var parent = chain.GenesisBlock.Header;
        foreach (var built in chain.Built)
        {
            var header = built.Block.Header;
            Assert.Equal(parent.Height + 1, header.Height);
            Assert.Equal(parent.Hash(), header.PrevHash);
            Assert.Equal(BlockRoots.TxRoot(built.Block.Transactions), header.TxRoot);
            Assert.Equal(BlockRoots.EventsRoot(built.Processed.Select(p => p.Outcome).Where(o => o.IsIncluded)), header.EventsRoot);
            Assert.Equal(header.StateRoot, built.StateRoot);
            parent = header;
        }
    }

    [Fact]
    public void Build_StateRoots_CommitToExactlyTheReferenceState()
    {
        using var chain = TestChain.Create();
        for (var height = 0; height <= TestChain.BlockCount; height++)
        {
            var root = new SparseMerkleTree(new InMemoryTreeNodeStore()).Apply([.. chain.ReferenceStates[height].Select(e => (e.Key, (byte[]?)e.Value))]);
            Assert.Equal(chain.HeaderAt((ulong)height).StateRoot, root);
        }

        Assert.Equal(chain.Head.StateRoot, chain.Tree.Root);
        Assert.Equal(4 * 10_000UL, AccountsState.Supply(chain.Tree.OpenView()));
    }

    [Fact]
    public void Build_MaxTransactions_IncludesThatManyAndDefersTheRestUntouched()
    {
        using var chain = TestChain.Create();
        var keys = chain.Keys;
        var pending = new[]
        {
            keys.Sign("alice", "accounts", "transfer", new TransferArgs(keys.Id("bob"), 1).Encode(), nonce: NextNonce(chain, "alice")),
            keys.Sign("bob", "accounts", "transfer", new TransferArgs(keys.Id("alice"), 10_000_000).Encode(), nonce: NextNonce(chain, "bob")),
            keys.Sign("carol", "accounts", "transfer", new TransferArgs(keys.Id("bob"), 1).Encode(), nonce: NextNonce(chain, "carol")),
            keys.Sign("dave", "accounts", "transfer", new TransferArgs(keys.Id("bob"), 1).Encode(), nonce: NextNonce(chain, "dave")),
        };
        var builder = new BlockBuilder(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());
        var parentRoot = chain.Head.StateRoot;

        var built = builder.Build(chain.Head, chain.Tree, pending, chain.Head.TimeUnixMilliseconds, maxTransactions: 2);

        Assert.Equal([pending[0].Hash(), pending[2].Hash()], built.Block.Transactions.Select(t => t.Hash()));
        Assert.Equal(3, built.Processed.Count);
        Assert.Equal(ErrorCodes.InsufficientBalance, built.Processed[1].Outcome.Reason);
        Assert.Equal([pending[3].Hash()], built.Deferred.Select(t => t.Hash()));
        Assert.Equal(NextNonceAt(chain, "alice", parentRoot) + 1, NextNonce(chain, "alice"));
        Assert.Equal(NextNonceAt(chain, "dave", parentRoot), NextNonce(chain, "dave"));
    }

    [Fact]
    public void Build_TreeNotAtTheParentRoot_Throws()
    {
        using var chain = TestChain.Create();
        var builder = new BlockBuilder(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());

        Assert.Throws<ArgumentException>(() => builder.Build(chain.HeaderAt(2), chain.Tree, [], chain.Head.TimeUnixMilliseconds));
    }

    [Fact]
    public void Build_TimeBeforeTheParent_Throws()
    {
        using var chain = TestChain.Create();
        var builder = new BlockBuilder(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());

        Assert.Throws<ArgumentException>(() => builder.Build(chain.Head, chain.Tree, [], chain.Head.TimeUnixMilliseconds - 1));
        Assert.Equal(chain.Head.StateRoot, chain.Tree.Root);
    }

    [Fact]
    public void Build_NoTransactions_EmptyBlockKeepsTheState()
    {
        using var chain = TestChain.Create();
        var builder = new BlockBuilder(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());

        var built = builder.Build(chain.Head, chain.Tree, [], chain.Head.TimeUnixMilliseconds);

        Assert.Empty(built.Block.Transactions);
        Assert.Equal(chain.Head.StateRoot, built.StateRoot);
        Assert.Equal(SHA256.HashData([]), built.Block.Header.TxRoot);
    }

    private static ulong NextNonce(TestChain chain, string name) => AccountsState.NextNonce(chain.Tree.OpenView(), chain.Keys.Id(name));

    private static ulong NextNonceAt(TestChain chain, string name, byte[] root) => AccountsState.NextNonce(chain.Tree.At(root).OpenView(), chain.Keys.Id(name));
}
