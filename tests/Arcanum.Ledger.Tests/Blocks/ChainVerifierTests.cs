using System.Security.Cryptography;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Blocks;

/// <summary>
/// Replaying a chain from genesis or from a signed snapshot: a good chain verifies, and every tampering is reported
/// at the height where it happened with the check that caught it.
/// </summary>
public sealed class ChainVerifierTests
{
    private const ulong Tampered = 3;

    [Fact]
    public void VerifyFromGenesis_HonestChain_ValidToTheHead()
    {
        using var chain = TestChain.Create();

        var result = Verifier(chain).VerifyFromGenesis(chain.Finalized);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TestChain.BlockCount, result.BlocksVerified);
        Assert.Equal(chain.Head, result.Head);
        Assert.Equal(chain.Head.StateRoot, result.State.Root);
        Assert.Null(result.FailedHeight);
    }

    [Fact]
    public void VerifyFromGenesis_NoBlocks_ValidAtGenesis()
    {
        using var chain = TestChain.Create();

        var result = Verifier(chain).VerifyFromGenesis([]);

        Assert.True(result.IsValid);
        Assert.Equal(chain.GenesisBlock.Header, result.Head);
    }

    [Fact]
    public void VerifyFromGenesis_EveryBitOfOneTransactionFlipped_FailsAtThatHeight()
    {
        using var chain = TestChain.Create();
        var block = chain.At(Tampered).Block;
        var signed = block.Transactions[1].EncodeSigned();
        var verifier = Verifier(chain);
        var faults = new SortedSet<BlockFault>();
        var (decoded, refusedByDecoder) = (0, 0);
        for (var index = 0; index < signed.Length; index++)
        {
            var flipped = TestChain.Flip(signed, index);
            if (!Transaction.TryDecodeSigned(flipped, out var transaction, out _))
            {
                refusedByDecoder++;
                continue;
            }

            var transactions = block.Transactions.Select((t, i) => i == 1 ? transaction : t);
            var result = verifier.VerifyFromGenesis(chain.With(Tampered, new FinalizedBlock(Block.Create(block.Header, transactions), chain.At(Tampered).Signature)));
            Assert.False(result.IsValid);
            Assert.Equal(Tampered, result.FailedHeight);
            Assert.Equal(Tampered - 1, result.Head.Height);
            faults.Add(result.Finding!.Fault);
            decoded++;
        }

        Assert.Equal(signed.Length, decoded + refusedByDecoder);
        Assert.True(decoded > 100, $"{decoded} decodable variants");
        Assert.Equal([BlockFault.TxRootMismatch], faults);
    }

    [Fact]
    public void VerifyFromGenesis_TransactionAlteredAndTxRootResigned_TheTransactionIsRejected()
    {
        using var chain = TestChain.Create();
        var block = chain.At(Tampered).Block;
        var signed = block.Transactions[0].EncodeSigned();
        Assert.True(Transaction.TryDecodeSigned(TestChain.Flip(signed, signed.Length - 70), out var altered, out _)); // a byte of the args
        var transactions = block.Transactions.Select((t, i) => i == 0 ? altered : t).ToList();

        var result = Verify(chain, chain.Resigned(Tampered, h => TestChain.Copy(h, txRoot: BlockRoots.TxRoot(transactions)), transactions));

        AssertFailed(result, BlockFault.TransactionRejected);
        Assert.Contains("bad_signature", result.Finding!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("txRoot", BlockFault.TxRootMismatch)]
    [InlineData("eventsRoot", BlockFault.EventsRootMismatch)]
    [InlineData("stateRoot", BlockFault.StateRootMismatch)]
    public void VerifyFromGenesis_RootAlteredAndResigned_ThatRootMismatches(string root, BlockFault fault)
    {
        using var chain = TestChain.Create();

        var result = Verify(chain, chain.Resigned(Tampered, h => Alter(h, root)));

        AssertFailed(result, fault);
    }

    [Theory]
    [InlineData("txRoot")]
    [InlineData("eventsRoot")]
    [InlineData("stateRoot")]
    [InlineData("prevHash")]
    [InlineData("height")]
    [InlineData("time")]
    public void VerifyFromGenesis_HeaderAlteredWithoutTheCommittee_BadSignature(string field)
    {
        using var chain = TestChain.Create();
        var original = chain.At(Tampered);
        var altered = Block.Create(Alter(original.Header, field), original.Block.Transactions);

        var result = Verify(chain, new FinalizedBlock(altered, original.Signature));

        AssertFailed(result, BlockFault.BadCommitteeSignature);
    }

    [Fact]
    public void VerifyFromGenesis_SignatureByteFlipped_BadSignature()
    {
        using var chain = TestChain.Create();
        var original = chain.At(Tampered);

        var result = Verify(chain, new FinalizedBlock(original.Block, TestChain.Flip(original.Signature, 10)));

        AssertFailed(result, BlockFault.BadCommitteeSignature);
    }

    [Fact]
    public void VerifyFromGenesis_BlockSignedByAnotherKey_BadSignature()
    {
        using var chain = TestChain.Create();
        using var impostor = Ed25519PrivateKey.FromSeed(SHA256.HashData("impostor"u8));
        var block = chain.At(Tampered).Block;

        var result = Verify(chain, new FinalizedBlock(block, impostor.Sign(block.Header.SigningBytes(chain.Config.ChainId))));

        AssertFailed(result, BlockFault.BadCommitteeSignature);
    }

    [Fact]
    public void VerifyFromGenesis_SignatureForAnotherChainId_BadSignature()
    {
        using var chain = TestChain.Create();
        var block = chain.At(Tampered).Block;

        var result = Verify(chain, new FinalizedBlock(block, chain.Committee.Sign(block.Header.SigningBytes("another-chain"))));

        AssertFailed(result, BlockFault.BadCommitteeSignature);
    }

    [Fact]
    public void VerifyFromGenesis_ChainOfAnotherCommittee_FailsAtTheFirstBlock()
    {
        using var chain = TestChain.Create();
        using var other = TestChain.Create("another committee");

        var result = Verifier(other).VerifyFromGenesis(chain.Finalized);

        Assert.Equal(1UL, result.FailedHeight);
        Assert.Equal(BlockFault.BadCommitteeSignature, result.Finding!.Fault);
        Assert.Equal(0, result.BlocksVerified);
    }

    [Fact]
    public void VerifyFromGenesis_PrevHashAlteredAndResigned_PrevHashMismatch()
    {
        using var chain = TestChain.Create();

        var result = Verify(chain, chain.Resigned(Tampered, h => Alter(h, "prevHash")));

        AssertFailed(result, BlockFault.PrevHashMismatch);
    }

    [Fact]
    public void VerifyFromGenesis_HeightAlteredAndResigned_WrongHeight()
    {
        using var chain = TestChain.Create();

        var result = Verify(chain, chain.Resigned(Tampered, h => Alter(h, "height")));

        AssertFailed(result, BlockFault.WrongHeight);
    }

    [Fact]
    public void VerifyFromGenesis_TimeGoingBackwardsResigned_TimeBeforeParent()
    {
        using var chain = TestChain.Create();

        var result = Verify(chain, chain.Resigned(Tampered, h => Alter(h, "time")));

        AssertFailed(result, BlockFault.TimeBeforeParent);
    }

    [Fact]
    public void VerifyFromGenesis_MissingBlock_WrongHeightAtTheMissingHeight()
    {
        using var chain = TestChain.Create();
        var blocks = chain.Finalized.Where(f => f.Header.Height != Tampered).ToList();

        var result = Verifier(chain).VerifyFromGenesis(blocks);

        AssertFailed(result, BlockFault.WrongHeight);
        Assert.Contains($"expected height {Tampered}, the block has {Tampered + 1}", result.Finding!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyFromGenesis_BlockRepeated_WrongHeight()
    {
        using var chain = TestChain.Create();
        var blocks = chain.Finalized.Take((int)Tampered - 1).Append(chain.At(Tampered - 1)).Concat(chain.Finalized.Skip((int)Tampered - 1)).ToList();

        var result = Verifier(chain).VerifyFromGenesis(blocks);

        AssertFailed(result, BlockFault.WrongHeight);
    }

    [Fact]
    public void VerifyFromSnapshot_SignedHeaderStateAndLaterBlocks_ValidToTheHead()
    {
        using var chain = TestChain.Create();
        var snapshotHeight = 3;

        var result = Verifier(chain).VerifyFromSnapshot(chain.At((ulong)snapshotHeight).FinalizedHeader, chain.ReferenceStates[snapshotHeight], chain.Finalized.Skip(snapshotHeight));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TestChain.BlockCount - snapshotHeight, result.BlocksVerified);
        Assert.Equal(chain.Head, result.Head);
        Assert.Equal(chain.Head.StateRoot, result.State.Root);
    }

    [Fact]
    public void VerifyFromSnapshot_OneValueAltered_SnapshotStateMismatch()
    {
        using var chain = TestChain.Create();
        var state = chain.ReferenceStates[3].Select((e, i) => i == 5 ? (e.Key, TestChain.Flip(e.Value, 0)) : e).ToList();

        var result = Verifier(chain).VerifyFromSnapshot(chain.At(3).FinalizedHeader, state, chain.Finalized.Skip(3));

        AssertSnapshotFailed(result, BlockFault.SnapshotStateMismatch);
    }

    [Fact]
    public void VerifyFromSnapshot_OneKeyMissing_SnapshotStateMismatch()
    {
        using var chain = TestChain.Create();

        var result = Verifier(chain).VerifyFromSnapshot(chain.At(3).FinalizedHeader, chain.ReferenceStates[3].Skip(1), chain.Finalized.Skip(3));

        AssertSnapshotFailed(result, BlockFault.SnapshotStateMismatch);
    }

    [Fact]
    public void VerifyFromSnapshot_KeyRepeated_SnapshotStateMismatch()
    {
        using var chain = TestChain.Create();
        var state = chain.ReferenceStates[3];

        var result = Verifier(chain).VerifyFromSnapshot(chain.At(3).FinalizedHeader, [.. state, state[0]], chain.Finalized.Skip(3));

        AssertSnapshotFailed(result, BlockFault.SnapshotStateMismatch);
        Assert.Contains("twice", result.Finding!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyFromSnapshot_StateOfAnotherHeight_SnapshotStateMismatch()
    {
        using var chain = TestChain.Create();

        var result = Verifier(chain).VerifyFromSnapshot(chain.At(3).FinalizedHeader, chain.ReferenceStates[2], chain.Finalized.Skip(3));

        AssertSnapshotFailed(result, BlockFault.SnapshotStateMismatch);
    }

    [Fact]
    public void VerifyFromSnapshot_HeaderNotSignedByTheCommittee_BadSignature()
    {
        using var chain = TestChain.Create();
        var header = chain.At(3).FinalizedHeader;

        var result = Verifier(chain).VerifyFromSnapshot(new FinalizedHeader(header.Header, TestChain.Flip(header.Signature, 0)), chain.ReferenceStates[3], chain.Finalized.Skip(3));

        AssertSnapshotFailed(result, BlockFault.BadCommitteeSignature);
    }

    [Fact]
    public void VerifyFromSnapshot_BlockAfterTheSnapshotMissing_WrongHeight()
    {
        using var chain = TestChain.Create();

        var result = Verifier(chain).VerifyFromSnapshot(chain.At(3).FinalizedHeader, chain.ReferenceStates[3], chain.Finalized.Skip(4));

        Assert.Equal(4UL, result.FailedHeight);
        Assert.Equal(BlockFault.WrongHeight, result.Finding!.Fault);
        Assert.Equal(chain.At(3).Header, result.Head);
    }

    private static ChainVerifier Verifier(TestChain chain) => new(chain.Config, TransactionExecutor.CreateDefault());

    private static ChainVerification Verify(TestChain chain, FinalizedBlock replacement) =>
        Verifier(chain).VerifyFromGenesis(chain.With(Tampered, replacement));

    private static void AssertFailed(ChainVerification result, BlockFault fault)
    {
        Assert.False(result.IsValid);
        Assert.Equal(fault, result.Finding!.Fault);
        Assert.Equal(Tampered, result.FailedHeight);
        Assert.Equal(Tampered - 1, result.Head.Height);
        Assert.Equal((int)Tampered - 1, result.BlocksVerified);
        Assert.Equal(result.Head.StateRoot, result.State.Root);
    }

    private static void AssertSnapshotFailed(ChainVerification result, BlockFault fault)
    {
        Assert.False(result.IsValid);
        Assert.Equal(fault, result.Finding!.Fault);
        Assert.Equal(3UL, result.FailedHeight);
        Assert.Equal(0, result.BlocksVerified);
    }

    private static BlockHeader Alter(BlockHeader header, string field) => field switch
    {
        "txRoot" => TestChain.Copy(header, txRoot: TestChain.Flip(header.TxRoot, 0)),
        "eventsRoot" => TestChain.Copy(header, eventsRoot: TestChain.Flip(header.EventsRoot, 0)),
        "stateRoot" => TestChain.Copy(header, stateRoot: TestChain.Flip(header.StateRoot, 0)),
        "prevHash" => TestChain.Copy(header, prevHash: TestChain.Flip(header.PrevHash, 0)),
        "height" => TestChain.Copy(header, height: header.Height + 1),
        "time" => TestChain.Copy(header, time: header.TimeUnixMilliseconds - TestChain.BlockInterval - 1),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
