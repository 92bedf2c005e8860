using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Tests.Support;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Blocks;

/// <summary>
/// What a node checks before it signs: it re-executes the proposed block on its own state and refuses, saying why,
/// any block whose links or roots it does not reproduce.
/// </summary>
public sealed class BlockVerifierTests
{
    private static readonly BlockVerifier Verifier = new(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());

    [Fact]
    public void Verify_HonestBlocks_EveryBlockReproducesWithTheSameOutcomes()
    {
        using var chain = TestChain.Create();
        var (parent, state) = NodeAt(chain, 0);
        var verified = 0;
        foreach (var (finalized, built) in chain.Finalized.Zip(chain.Built))
        {
            var result = Verifier.Verify(parent, state, finalized.Block);

            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(finalized.Header.StateRoot, result.State!.Root);
            Assert.Equal(built.Processed.Where(p => p.Outcome.IsIncluded).Select(p => p.Outcome.Encode()), result.Outcomes.Select(o => o.Encode()));
            (parent, state) = (finalized.Header, result.State);
            verified++;
        }

        Assert.Equal(TestChain.BlockCount, verified);
    }

    [Fact]
    public void Verify_WrongHeight_Refused()
    {
        using var chain = TestChain.Create();

        AssertRefused(chain, 3, TestChain.Copy(chain.At(3).Header, height: 4), BlockFault.WrongHeight);
    }

    [Fact]
    public void Verify_PrevHashNotTheParent_Refused()
    {
        using var chain = TestChain.Create();

        AssertRefused(chain, 3, TestChain.Copy(chain.At(3).Header, prevHash: chain.HeaderAt(1).Hash()), BlockFault.PrevHashMismatch);
    }

    [Fact]
    public void Verify_TimeBeforeTheParent_RefusedButEqualTimeAccepted()
    {
        using var chain = TestChain.Create();
        var parentTime = chain.HeaderAt(2).TimeUnixMilliseconds;

        AssertRefused(chain, 3, TestChain.Copy(chain.At(3).Header, time: parentTime - 1), BlockFault.TimeBeforeParent);

        // The same transactions at the parent's own time are valid (the workload does not depend on time): only the roots committing to it move.
        var builder = new BlockBuilder(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());
        var (parent, state) = NodeAt(chain, 2);
        var built = builder.Build(parent, state.At(parent.StateRoot), chain.At(3).Block.Transactions, parentTime);
        Assert.True(Verifier.Verify(parent, state, built.Block).IsValid);
    }

    [Fact]
    public void Verify_TransactionDroppedFromTheBlock_TxRootMismatch()
    {
        using var chain = TestChain.Create();
        var original = chain.At(3).Block;
        var (parent, state) = NodeAt(chain, 2);

        var result = Verifier.Verify(parent, state, Block.Create(original.Header, original.Transactions.Skip(1)));

        AssertFault(result, BlockFault.TxRootMismatch);
    }

    [Fact]
    public void Verify_BlockCarriesARejectedTransaction_Refused()
    {
        using var chain = TestChain.Create();
        var original = chain.At(3).Block;
        var rejected = chain.Built[2].Rejected.First().Transaction;
        var transactions = original.Transactions.Append(rejected).ToList();
        var header = TestChain.Copy(original.Header, txRoot: BlockRoots.TxRoot(transactions));
        var (parent, state) = NodeAt(chain, 2);

        var result = Verifier.Verify(parent, state, Block.Create(header, transactions));

        AssertFault(result, BlockFault.TransactionRejected);
        Assert.Contains($"transaction {original.Transactions.Count} ", result.Finding!.Detail, StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.InsufficientBalance, result.Finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WrongEventsRoot_Refused()
    {
        using var chain = TestChain.Create();

        AssertRefused(chain, 3, TestChain.Copy(chain.At(3).Header, eventsRoot: chain.HeaderAt(2).EventsRoot), BlockFault.EventsRootMismatch);
    }

    [Fact]
    public void Verify_SequencerProposesAWrongStateRoot_EveryNodeRefuses()
    {
        using var chain = TestChain.Create();
        var header = TestChain.Copy(chain.At(3).Header, stateRoot: TestChain.Flip(chain.At(3).Header.StateRoot, 0));

        var result = AssertRefused(chain, 3, header, BlockFault.StateRootMismatch);

        Assert.Contains(Convert.ToHexStringLower(chain.At(3).Header.StateRoot), result.Finding!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NodeWithTamperedState_RefusesTheNextBlockAndSaysWhichRoots()
    {
        using var chain = TestChain.Create();
        var (parent, state) = NodeAt(chain, 2);
        var view = state.OpenView();
        view.Set(AccountsState.BalanceKey(chain.Keys.Id("bob")), StateKey.UInt64(1_000_000));
        var tamperedRoot = view.Commit();

        var result = Verifier.Verify(parent, state, chain.At(3).Block);

        AssertFault(result, BlockFault.ParentStateMismatch);
        Assert.Contains(Convert.ToHexStringLower(tamperedRoot), result.Finding!.Detail, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(parent.StateRoot), result.Finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Refusal_LeavesTheNodeStateWhereItWas()
    {
        using var chain = TestChain.Create();
        var (parent, state) = NodeAt(chain, 2);
        var header = TestChain.Copy(chain.At(3).Header, stateRoot: TestChain.Flip(chain.At(3).Header.StateRoot, 31));

        Assert.False(Verifier.Verify(parent, state, Block.Create(header, chain.At(3).Block.Transactions)).IsValid);

        Assert.Equal(parent.StateRoot, state.Root);
        Assert.True(Verifier.Verify(parent, state, chain.At(3).Block).IsValid);
    }

    [Fact]
    public void Verify_TransactionForAnotherChain_Refused()
    {
        using var chain = TestChain.Create();
        var transaction = chain.Keys.Sign("alice", "accounts", "transfer", new TransferArgs(chain.Keys.Id("bob"), 1).Encode(), nonce: 0, chainId: "other-chain");
        var original = chain.At(1).Block;
        var transactions = new List<Transaction>([transaction, .. original.Transactions]);
        var (parent, state) = NodeAt(chain, 0);

        var result = Verifier.Verify(parent, state, Block.Create(TestChain.Copy(original.Header, txRoot: BlockRoots.TxRoot(transactions)), transactions));

        AssertFault(result, BlockFault.TransactionRejected);
        Assert.Contains(ErrorCodes.WrongChain, result.Finding!.Detail, StringComparison.Ordinal);
    }

    /// <summary>A node's own copy of the ledger: genesis and blocks 1 … height replayed on a fresh tree.</summary>
    private static (BlockHeader Parent, SparseMerkleTree State) NodeAt(TestChain chain, ulong height)
    {
        var state = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var parent = Genesis.Create(chain.Config.Genesis, state).Header;
        for (ulong h = 1; h <= height; h++)
        {
            var result = Verifier.Verify(parent, state, chain.At(h).Block);
            Assert.True(result.IsValid, result.ToString());
            (parent, state) = (chain.At(h).Header, result.State!);
        }

        return (parent, state);
    }

    private static BlockVerification AssertRefused(TestChain chain, ulong height, BlockHeader header, BlockFault fault)
    {
        var (parent, state) = NodeAt(chain, height - 1);
        var result = Verifier.Verify(parent, state, Block.Create(header, chain.At(height).Block.Transactions));
        AssertFault(result, fault);
        return result;
    }

    private static void AssertFault(BlockVerification result, BlockFault fault)
    {
        Assert.False(result.IsValid);
        Assert.Equal(fault, result.Finding!.Fault);
        Assert.Null(result.State);
        Assert.Empty(result.Outcomes);
    }
}
