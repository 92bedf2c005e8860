using Arcanum.Coordinator.Ledger;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Queries;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>Queries with proofs, blocks by height, catch-up answers, and start-up over an existing store.</summary>
public sealed class LedgerSequencerReadTests
{
    [Fact]
    public async Task Query_WithProof_VerifiesWithTheCommitteeKeyAndRecomputesTheSameAnswer()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        await harness.Sequencer.SubmitAsync(harness.Transfer(0, 250), CancellationToken.None);
        await harness.FinalizeBlockAsync();

        var answer = harness.Sequencer.Query((view, _) => LedgerQueries.Account(view, harness.BobId), withProof: true);

        Assert.Equal(2, answer.Height);
        Assert.Equal(250UL, answer.Value.Balance);
        Assert.Equal((SequencerHarness.ChainId, 2L), (answer.Proof!.ChainId, answer.Proof.Height));
        var proofs = answer.Proof.Proofs.Select(hex =>
        {
            Assert.True(QueryProof.TryDecode(Convert.FromHexString(hex), out var proof, out _));
            return proof;
        }).ToList();
        Assert.True(ProvenStateView.TryCreate(harness.CommitteeKey.PublicKey, SequencerHarness.ChainId, proofs, out var proven, out var error), error);
        Assert.Equal(answer.Value, LedgerQueries.Account(proven, harness.BobId));
        Assert.Equal(harness.Sequencer.LatestFinalized!.Encode(), proven.Header.Encode());

        // A proof from another committee does not verify.
        using var other = Crypto.Signatures.Ed25519PrivateKey.FromSeed(new byte[32]);
        Assert.False(ProvenStateView.TryCreate(other.PublicKey, SequencerHarness.ChainId, proofs, out _, out _));
    }

    [Fact]
    public async Task Query_WithoutProof_AnswersFromGenesisAndTheBlockTime()
    {
        await using var harness = await SequencerHarness.StartAsync();

        var answer = harness.Sequencer.Query((view, at) => (AccountsState.Balance(view, harness.AliceId), at), withProof: false);

        Assert.Equal(0, answer.Height);
        Assert.Equal((SequencerHarness.AliceFunds, new FinalizedHeaderInfo(0, Genesis.TimeUnixMilliseconds)), answer.Value);
        Assert.Null(answer.Proof);
    }

    [Fact]
    public async Task Query_WithProofWhileOnlyGenesis_Is409()
    {
        await using var harness = await SequencerHarness.StartAsync();

        var problem = Assert.Throws<ApiProblemException>(() => harness.Sequencer.Query((view, _) => AccountsState.Balance(view, harness.AliceId), withProof: true));

        Assert.Equal((409, "ledger-no-finalized-block"), (problem.Status, problem.Slug));
    }

    [Fact]
    public async Task GetBlock_Genesis_IsTheUnsignedGenesisBlock()
    {
        await using var harness = await SequencerHarness.StartAsync();

        var info = (await harness.Sequencer.GetBlockAsync(0, CancellationToken.None))!;

        Assert.Null(info.Signature);
        Assert.Equal(0, info.Height);
        Assert.Equal(new string('0', 64), info.PrevHash);
        Assert.True(Block.TryDecode(Convert.FromHexString(info.Encoded), out var genesis, out _));
        Assert.Equal(info.Hash, Convert.ToHexStringLower(genesis.Header.Hash()));
        Assert.Null(await harness.Sequencer.GetBlockAsync(-1, CancellationToken.None));
        Assert.Null(await harness.Sequencer.GetBlockAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task AnswerSync_ReturnsConsecutiveBlocksCappedAt64AndTheHead()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        for (var nonce = 0UL; nonce < 69; nonce++)
        {
            await harness.Sequencer.SubmitAsync(harness.Transfer(nonce), CancellationToken.None);
            await harness.FinalizeBlockAsync();
        }

        var some = await harness.Sequencer.AnswerSyncAsync(new LedgerSyncRequest { FromHeight = 3, MaxBlocks = 2 }, CancellationToken.None);
        var capped = await harness.Sequencer.AnswerSyncAsync(new LedgerSyncRequest { FromHeight = 1, MaxBlocks = 1000 }, CancellationToken.None);
        var tail = await harness.Sequencer.AnswerSyncAsync(new LedgerSyncRequest { FromHeight = 69, MaxBlocks = 64 }, CancellationToken.None);

        Assert.Equal([3UL, 4UL], some.Blocks.Select(Height));
        Assert.Equal(70UL, some.HeadHeight);
        Assert.Equal(Enumerable.Range(1, LedgerSequencer.MaxSyncBlocks).Select(h => (ulong)h), capped.Blocks.Select(Height));
        Assert.Equal([69UL, 70UL], tail.Blocks.Select(Height));
        foreach (var encoded in some.Blocks)
        {
            Assert.True(FinalizedBlock.TryDecode(encoded.Span, out var block, out _));
            Assert.True(CommitteeSignature.Verify(harness.Sequencer.Chain!, block.FinalizedHeader));
        }
    }

    [Theory]
    [InlineData(0UL, 10U)]
    [InlineData(3UL, 10U)]
    [InlineData(1UL, 0U)]
    [InlineData(ulong.MaxValue, 10U)]
    public async Task AnswerSync_NothingToSend_IsEmptyWithTheHead(ulong from, uint max)
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        await harness.Sequencer.SubmitAsync(harness.Transfer(0), CancellationToken.None);
        await harness.FinalizeBlockAsync();

        var answer = await harness.Sequencer.AnswerSyncAsync(new LedgerSyncRequest { FromHeight = from, MaxBlocks = max }, CancellationToken.None);

        Assert.Empty(answer.Blocks);
        Assert.Equal(2UL, answer.HeadHeight);
    }

    [Fact]
    public async Task AnswerSync_ByteBudget_StopsBeforeExceedingIt()
    {
        // Every transfer block here is the same size; the budget fits two of them and the proposal limit keeps blocks below it.
        await using var probe = await SequencerHarness.StartAsync();
        await probe.FinalizeBlockAsync();
        await probe.Sequencer.SubmitAsync(probe.Transfer(0), CancellationToken.None);
        await probe.FinalizeBlockAsync();
        var blockSize = (await probe.Store.GetBlockAsync(2))!.Encode().Length;

        await using var harness = await SequencerHarness.StartAsync(frameBudget: (2 * blockSize) + 1);
        await harness.FinalizeBlockAsync();
        for (var nonce = 0UL; nonce < 4; nonce++)
        {
            await harness.Sequencer.SubmitAsync(harness.Transfer(nonce), CancellationToken.None);
            await harness.FinalizeBlockAsync();
        }

        var answer = await harness.Sequencer.AnswerSyncAsync(new LedgerSyncRequest { FromHeight = 2, MaxBlocks = 64 }, CancellationToken.None);

        Assert.Equal([2UL, 3UL], answer.Blocks.Select(Height));
        Assert.Equal(5UL, answer.HeadHeight);
    }

    [Fact]
    public async Task SyncRequest_FromANode_IsAnsweredOnItsLink()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var announced = await WaitForFramesAsync(harness, 3, cancel.Token);

        harness.Committee.RequestSync(2, new LedgerSyncRequest { FromHeight = 1, MaxBlocks = 64 });
        await WaitForFramesAsync(harness, announced + 1, cancel.Token);

        var (node, frame) = Assert.Single(harness.Committee.Sent.Skip(announced));
        Assert.Equal(2, node);
        Assert.Equal(ClusterFrame.BodyOneofCase.LedgerBlocks, frame.BodyCase);
        Assert.Equal([1UL], frame.LedgerBlocks.Blocks.Select(Height));
    }

    [Fact]
    public async Task FinalizedBlock_IsAnnouncedToEveryNodeThatSignedIt()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await WaitForFramesAsync(harness, 3, cancel.Token);

        Assert.Equal([1, 2, 3], harness.Committee.Sent.Select(s => s.Node).Order());
        Assert.All(harness.Committee.Sent, s =>
        {
            Assert.Equal(ClusterFrame.BodyOneofCase.LedgerBlocks, s.Frame.BodyCase);
            Assert.Equal([1UL], s.Frame.LedgerBlocks.Blocks.Select(Height));
            Assert.Equal(1UL, s.Frame.LedgerBlocks.HeadHeight);
        });
    }

    private static async Task<int> WaitForFramesAsync(SequencerHarness harness, int count, CancellationToken cancellationToken)
    {
        while (harness.Committee.Sent.Count < count)
        {
            await Task.Delay(5, cancellationToken);
        }

        return harness.Committee.Sent.Count;
    }

    [Fact]
    public async Task Initialize_ExistingStore_ResumesAtItsHeadWithItsCommittee()
    {
        var store = new CountingLedgerStore();
        FinalizedHeader head;
        await using (var first = await SequencerHarness.StartAsync(store: store))
        {
            await first.FinalizeBlockAsync();
            await first.Sequencer.SubmitAsync(first.Transfer(0), CancellationToken.None);
            await first.Sequencer.SubmitAsync(first.Transfer(1), CancellationToken.None);
            await first.FinalizeBlockAsync();
            head = first.Sequencer.LatestFinalized!;
            await first.Sequencer.SubmitAsync(first.Transfer(2), CancellationToken.None);
        }

        await using var second = await SequencerHarness.StartAsync(store: store, bindCommittee: false);
        await second.Coordinator.InsertKeyAsync(new Storage.KeyRecord("key-1", LedgerSequencer.CommitteeKeyName, Client.Contracts.KeySchemes.FrostEd25519, 2,
            [1, 2, 3], second.CommitteeKey.PublicKey.Bytes.ToArray(), new byte[32], 0, [], DateTimeOffset.UnixEpoch, null));

        Assert.True(await second.Sequencer.TryBindCommitteeAsync(CancellationToken.None));
        Assert.Empty(second.Keys.Created);
        Assert.Equal(head.Encode(), second.Sequencer.LatestFinalized!.Encode());
        Assert.Equal(1, (await second.Sequencer.GetStatusAsync(CancellationToken.None)).Pending);
        await second.FinalizeBlockAsync();
        Assert.Equal(3UL, second.Sequencer.LatestFinalized!.Header.Height);
        Assert.Equal(SequencerHarness.AliceFunds - 30, second.Sequencer.Query((view, _) => AccountsState.Balance(view, second.AliceId), false).Value);
    }

    [Fact]
    public async Task Initialize_StoreBoundToAnotherChain_RefusesToStart()
    {
        var store = new CountingLedgerStore();
        Assert.True(await store.TrySetMetaAsync(LedgerSequencer.ChainIdMeta, "another-chain"));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => SequencerHarness.StartAsync(store: store));

        Assert.Contains("another-chain", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(SequencerHarness.ChainId, refusal.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetHeadAsync());
    }

    private static ulong Height(Google.Protobuf.ByteString encoded)
    {
        Assert.True(FinalizedBlock.TryDecode(encoded.Span, out var block, out var error), error?.ToString());
        return block.Header.Height;
    }
}
