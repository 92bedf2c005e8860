using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Sessions;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>Block building, the committee session, finalization, retries and drops.</summary>
public sealed class LedgerSequencerBlockTests
{
    [Fact]
    public async Task TryBindCommittee_NotEveryMemberConnected_CreatesNoKey()
    {
        await using var harness = await SequencerHarness.StartAsync(bindCommittee: false);
        harness.Committee.Disconnect(3);

        Assert.False(await harness.Sequencer.TryBindCommitteeAsync(CancellationToken.None));
        Assert.Empty(harness.Keys.Created);
        Assert.Null(await harness.Store.GetMetaAsync(LedgerSequencer.CommitteeKeyMeta));
    }

    [Fact]
    public async Task TryBindCommittee_EveryMemberConnected_CreatesAMajorityKeyOnceAndBindsIt()
    {
        await using var harness = await SequencerHarness.StartAsync();

        Assert.True(await harness.Sequencer.TryBindCommitteeAsync(CancellationToken.None));

        var created = Assert.Single(harness.Keys.Created);
        Assert.Equal((LedgerSequencer.CommitteeKeyName, KeySchemes.FrostEd25519, 2, 3), created);
        Assert.Equal("key-1", await harness.Store.GetMetaAsync(LedgerSequencer.CommitteeKeyMeta));
        Assert.Equal(SequencerHarness.ChainId, await harness.Store.GetMetaAsync(LedgerSequencer.ChainIdMeta));
        Assert.Equal(harness.CommitteeKey.PublicKey, harness.Sequencer.Chain!.CommitteeKey);
        Assert.True(harness.Sequencer.IsLedgerKey("key-1"));
        Assert.False(harness.Sequencer.IsLedgerKey("key-2"));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(7, 4)]
    public void CommitteeThreshold_IsAMajority(int members, int threshold) => Assert.Equal(threshold, LedgerSequencer.CommitteeThreshold(members));

    [Fact]
    public async Task ProduceBlock_FirstBlock_IsMadeEmptyAndSignedSoQueriesHaveAHeader()
    {
        await using var harness = await SequencerHarness.StartAsync();
        Assert.Null(harness.Sequencer.LatestFinalized);

        await harness.FinalizeBlockAsync();

        var head = harness.Sequencer.LatestFinalized!;
        Assert.Equal(1UL, head.Header.Height);
        Assert.True(CommitteeSignature.Verify(harness.Sequencer.Chain!, head));
        var session = Assert.Single(harness.Committee.Sessions);
        Assert.Equal(BlockSigner.SessionKindName, session.Kind);
        Assert.Equal(SessionKind.LedgerBlock, session.Request.Kind);
        Assert.Equal(KeyScheme.FrostEd25519, session.Request.Scheme);
        Assert.Equal("key-1", session.Request.KeyId);
        Assert.True(session.Request.Message.IsEmpty);
        Assert.True(session.Request.LedgerBlock.Parent.IsEmpty);
        Assert.Equal(SequencerHarness.ChainId, session.Request.LedgerBlock.ChainId);
        Assert.Equal([1, 2, 3], session.Parties);

        // Nothing pooled: no second block.
        Assert.False(await harness.Sequencer.ProduceBlockAsync(CancellationToken.None));
        Assert.Single(harness.Committee.Sessions);
    }

    [Fact]
    public async Task ProduceBlock_Transfers_StoresRecordsMovesTheHeadAndPublishes()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        var parent = harness.Sequencer.LatestFinalized!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var events = harness.Sequencer.SubscribeAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = harness.Transfer(0, 100);
        var second = harness.Transfer(1, 50);
        await harness.Sequencer.SubmitAsync(first, CancellationToken.None);
        await harness.Sequencer.SubmitAsync(second, CancellationToken.None);

        await harness.FinalizeBlockAsync();

        var head = harness.Sequencer.LatestFinalized!;
        Assert.Equal(2UL, head.Header.Height);
        Assert.True(head.Header.TimeUnixMilliseconds >= parent.Header.TimeUnixMilliseconds);
        Assert.Equal(parent.Header.Hash(), head.Header.PrevHash);
        Assert.Equal(parent.Encode(), harness.Committee.Sessions[^1].Request.LedgerBlock.Parent.ToByteArray());
        var stored = (await harness.Store.GetBlockAsync(2))!;
        Assert.Equal([first.Hash(), second.Hash()], stored.Block.Transactions.Select(t => t.Hash()));
        Assert.Equal(0, await harness.Store.CountPendingAsync());

        var status = (await harness.Sequencer.GetTransactionAsync(second.Hash(), CancellationToken.None))!;
        Assert.Equal(("included", 2L, 1), (status.Status, status.Height, status.Index));
        var transfer = Assert.Single(status.Events!);
        Assert.Equal(("accounts", "transfer"), (transfer.Module, transfer.Name));
        Assert.Contains(new LedgerEventAttribute("amount", "50"), transfer.Attributes);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(new LedgerBlockEvent("ledger.block", 2, Convert.ToHexStringLower(head.Header.Hash()), 2, (long)head.Header.TimeUnixMilliseconds), events.Current);

        var info = (await harness.Sequencer.GetBlockAsync(2, CancellationToken.None))!;
        Assert.Equal(Convert.ToHexStringLower(head.Signature), info.Signature);
        Assert.Equal(Convert.ToHexStringLower(stored.Encode()), info.Encoded);
        Assert.Equal([Convert.ToHexStringLower(first.Hash()), Convert.ToHexStringLower(second.Hash())], info.Transactions);
        Assert.Null(await harness.Sequencer.GetBlockAsync(3, CancellationToken.None));

        var status2 = await harness.Sequencer.GetStatusAsync(CancellationToken.None);
        Assert.Equal((2L, 0L, Convert.ToHexStringLower(harness.CommitteeKey.PublicKey.Bytes)), (status2.Height, status2.Pending, status2.CommitteeKey));
    }

    [Fact]
    public async Task ProduceBlock_OnlyRejectedTransactions_FinalizesAnEmptyBlockRecordingTheRejections()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        var skipped = harness.Transfer(7);
        var tooMuch = harness.Transfer(0, SequencerHarness.AliceFunds + 1);
        await harness.Sequencer.SubmitAsync(skipped, CancellationToken.None);
        await harness.Sequencer.SubmitAsync(tooMuch, CancellationToken.None);

        await harness.FinalizeBlockAsync();

        var block = (await harness.Store.GetBlockAsync(2))!;
        Assert.Empty(block.Block.Transactions);
        var record = (await harness.Sequencer.GetTransactionAsync(skipped.Hash(), CancellationToken.None))!;
        Assert.Equal(("rejected", 2L, ErrorCodes.NonceSkipped), (record.Status, record.Height, record.Reason));
        Assert.False(string.IsNullOrEmpty(record.Detail));
        Assert.Equal(ErrorCodes.InsufficientBalance, (await harness.Sequencer.GetTransactionAsync(tooMuch.Hash(), CancellationToken.None))!.Reason);
        Assert.Equal(0, await harness.Store.CountPendingAsync());
        var document = harness.Scrape();
        Assert.Equal(2, document.Value("arcanum_ledger_transactions_total", ("status", "rejected")));
    }

    [Fact]
    public async Task ProduceBlock_SignatureDoesNotVerify_IsNotAppendedAndTheTreeReopensAtTheParent()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        var parent = harness.Sequencer.LatestFinalized!;
        var transfer = harness.Transfer(0, 100);
        await harness.Sequencer.SubmitAsync(transfer, CancellationToken.None);
        foreach (var member in SequencerHarness.Members)
        {
            harness.Committee.Connect(member, MemberBehaviour.SignWrongBytes);
        }

        Assert.False(await harness.Sequencer.ProduceBlockAsync(CancellationToken.None));

        Assert.Same(parent, harness.Sequencer.LatestFinalized);
        Assert.Null(await harness.Store.GetBlockAsync(2));
        Assert.Equal(1, harness.Store.AppendCalls);
        Assert.True(await harness.Store.IsPendingAsync(transfer.Hash()));
        var attempts = harness.Committee.Sessions.Skip(1).ToList();
        Assert.Equal(BlockSigner.MaxAttempts, attempts.Count);
        Assert.All(attempts, a => Assert.Equal([1, 2, 3], a.Parties));
        Assert.All(attempts.Skip(1), a => Assert.Equal(attempts[0].Id, a.RetryOf));
        Assert.Equal(1, harness.Scrape().Value("arcanum_ledger_block_failures_total"));

        // The next interval builds the same block again over the parent's state, and it finalizes.
        foreach (var member in SequencerHarness.Members)
        {
            harness.Committee.Connect(member);
        }

        await harness.FinalizeBlockAsync();
        Assert.True(Block.TryDecode(attempts[0].Request.LedgerBlock.Block.Span, out var dropped, out _));
        Assert.Equal(dropped.Header.StateRoot, harness.Sequencer.LatestFinalized!.Header.StateRoot);
        Assert.Equal(2UL, harness.Sequencer.LatestFinalized.Header.Height);
        Assert.Equal(SequencerHarness.AliceFunds - 100, harness.Sequencer.Query((view, _) => AccountsState.Balance(view, harness.AliceId), false).Value);
    }

    [Fact]
    public async Task ProduceBlock_ANodeRefuses_IsRetriedWithoutIt()
    {
        await using var harness = await SequencerHarness.StartAsync();
        harness.Committee.Connect(2, MemberBehaviour.Refuse);

        await harness.FinalizeBlockAsync();

        var sessions = harness.Committee.Sessions;
        Assert.Equal(2, sessions.Count);
        Assert.Equal([1, 2, 3], sessions[0].Parties);
        Assert.Equal([1, 3], sessions[1].Parties);
        Assert.Equal(sessions[0].Id, sessions[1].RetryOf);
        Assert.Equal([1U, 3U], sessions[1].Request.Parties);
        Assert.Equal(1UL, harness.Sequencer.LatestFinalized!.Header.Height);
    }

    [Fact]
    public async Task ProduceBlock_ASilentNode_IsRetriedWithoutIt()
    {
        await using var harness = await SequencerHarness.StartAsync();
        harness.Committee.Connect(3, MemberBehaviour.Silent);

        await harness.FinalizeBlockAsync();

        Assert.Equal([1, 2], harness.Committee.Sessions[^1].Parties);
    }

    [Fact]
    public async Task ProduceBlock_FewerThanThresholdWillSign_IsDroppedOnceTooFewRemain()
    {
        await using var harness = await SequencerHarness.StartAsync();
        harness.Committee.Connect(1, MemberBehaviour.Refuse);
        harness.Committee.Connect(2, MemberBehaviour.Refuse);

        Assert.False(await harness.Sequencer.ProduceBlockAsync(CancellationToken.None));

        var sessions = harness.Committee.Sessions;
        Assert.Equal(2, sessions.Count);
        Assert.Equal([2, 3], sessions[1].Parties);
        Assert.Null(harness.Sequencer.LatestFinalized);
        Assert.Equal(0, harness.Store.AppendCalls);
    }

    [Fact]
    public async Task ProduceBlock_TooFewConnected_RunsNoSession()
    {
        await using var harness = await SequencerHarness.StartAsync();
        harness.Committee.Disconnect(1);
        harness.Committee.Disconnect(2);

        Assert.False(await harness.Sequencer.ProduceBlockAsync(CancellationToken.None));
        Assert.Empty(harness.Committee.Sessions);
    }

    [Fact]
    public void Refusers_NameCulpritsElseTheReporterElseTheMissing()
    {
        Assert.Equal([4], BlockSigner.Refusers(new SessionEnd.Aborted("node 2: cheating", [4], 2)));
        Assert.Equal([2], BlockSigner.Refusers(new SessionEnd.Aborted("node 2: refused", [], 2)));
        Assert.Empty(BlockSigner.Refusers(new SessionEnd.Aborted("the committee signature does not verify", [])));
        Assert.Equal([3], BlockSigner.Refusers(new SessionEnd.TimedOut("no progress", [3])));
    }

    [Fact]
    public async Task Metrics_AfterBlocks_ShowHeightBlocksTransactionsPendingAndFinality()
    {
        await using var harness = await SequencerHarness.StartAsync();
        await harness.FinalizeBlockAsync();
        await harness.Sequencer.SubmitAsync(harness.Transfer(0), CancellationToken.None);
        await harness.Sequencer.SubmitAsync(harness.Transfer(1), CancellationToken.None);
        Assert.Equal(2, harness.Scrape().Value("arcanum_ledger_pending"));

        await harness.FinalizeBlockAsync();

        var document = harness.Scrape();
        Assert.Equal(2, document.Value("arcanum_ledger_height"));
        Assert.Equal(0, document.Value("arcanum_ledger_pending"));
        Assert.Equal(2, document.Value("arcanum_ledger_blocks_total"));
        Assert.Equal(2, document.Value("arcanum_ledger_transactions_total", ("status", "included")));
        Assert.Equal(2, document.Value("arcanum_ledger_block_finality_seconds_count"));
        Assert.Null(document.Value("arcanum_ledger_block_failures_total"));
    }

    [Fact]
    public async Task Loop_Started_MakesBlockOneAtOnceThenIncludesASubmission()
    {
        await using var harness = await SequencerHarness.StartAsync(new LedgerSettings { BlockIntervalMs = 20 }, bindCommittee: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await harness.Sequencer.StartAsync(cancel.Token);
        while (harness.Sequencer.LatestFinalized is null)
        {
            await Task.Delay(10, cancel.Token);
        }

        var transfer = harness.Transfer(0);
        await harness.Sequencer.SubmitAsync(transfer, cancel.Token);
        while ((await harness.Sequencer.GetTransactionAsync(transfer.Hash(), cancel.Token))!.Status == "pending")
        {
            await Task.Delay(10, cancel.Token);
        }

        await harness.Sequencer.StopAsync(CancellationToken.None);
        Assert.Equal("included", (await harness.Sequencer.GetTransactionAsync(transfer.Hash(), CancellationToken.None))!.Status);
        Assert.Single(harness.Keys.Created);
    }
}
