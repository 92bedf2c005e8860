using Arcanum.Coordinator.Ledger;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>SubmitAsync: validation, dedup, the pool bound and group commit.</summary>
public sealed class LedgerSequencerSubmitTests
{
    [Fact]
    public async Task Submit_BeforeTheCommitteeKey_Is503NotReady()
    {
        await using var harness = await SequencerHarness.StartAsync(bindCommittee: false);

        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => harness.Sequencer.SubmitAsync(harness.Transfer(0), CancellationToken.None));

        Assert.Equal((503, "ledger-not-ready"), (problem.Status, problem.Slug));
        Assert.Null(harness.Sequencer.Chain);
        Assert.Equal(0, harness.Store.AddPendingCalls);
    }

    [Fact]
    public async Task Submit_AnotherChain_Is400NamingChainId()
    {
        await using var harness = await SequencerHarness.StartAsync();

        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => harness.Sequencer.SubmitAsync(harness.Transfer(0, chainId: "other-chain"), CancellationToken.None));

        Assert.Equal((400, "chainId"), (problem.Status, problem.Field));
        Assert.Equal(0, await harness.Store.CountPendingAsync());
    }

    [Fact]
    public async Task Submit_BadSignature_Is400NamingSignature()
    {
        await using var harness = await SequencerHarness.StartAsync();
        var good = harness.Transfer(0);
        var signature = good.Signature.ToArray();
        signature[0] ^= 1;
        Assert.True(Transaction.TryCreate(good.ChainId, good.Sender, good.Nonce, good.Module, good.Call, good.Args, signature, out var forged, out _));

        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => harness.Sequencer.SubmitAsync(forged, CancellationToken.None));

        Assert.Equal((400, "signature"), (problem.Status, problem.Field));
        Assert.Equal(0, await harness.Store.CountPendingAsync());
    }

    [Fact]
    public async Task Submit_Valid_IsDurablyPendingAndReadableByHash()
    {
        await using var harness = await SequencerHarness.StartAsync();
        var transaction = harness.Transfer(0);

        var response = await harness.Sequencer.SubmitAsync(transaction, CancellationToken.None);

        Assert.Equal((Convert.ToHexStringLower(transaction.Hash()), "pending"), (response.Hash, response.Status));
        Assert.True(await harness.Store.IsPendingAsync(transaction.Hash()));
        Assert.Equal("pending", (await harness.Sequencer.GetTransactionAsync(transaction.Hash(), CancellationToken.None))!.Status);
        Assert.Null(await harness.Sequencer.GetTransactionAsync(harness.Transfer(1).Hash(), CancellationToken.None));
    }

    [Fact]
    public async Task Submit_AlreadyPooled_IsPendingWithoutAnotherWrite()
    {
        await using var harness = await SequencerHarness.StartAsync();
        var transaction = harness.Transfer(0);
        await harness.Sequencer.SubmitAsync(transaction, CancellationToken.None);

        var again = await harness.Sequencer.SubmitAsync(transaction, CancellationToken.None);

        Assert.Equal("pending", again.Status);
        Assert.Equal(1, harness.Store.AddPendingCalls);
        Assert.Equal(1, await harness.Store.CountPendingAsync());
    }

    [Fact]
    public async Task Submit_AlreadyProcessed_AnswersItsOutcomeAndIsNotPooledAgain()
    {
        await using var harness = await SequencerHarness.StartAsync();
        var included = harness.Transfer(0);
        var rejected = harness.Transfer(5);
        await harness.Sequencer.SubmitAsync(included, CancellationToken.None);
        await harness.Sequencer.SubmitAsync(rejected, CancellationToken.None);
        await harness.FinalizeBlockAsync();

        Assert.Equal("included", (await harness.Sequencer.SubmitAsync(included, CancellationToken.None)).Status);
        Assert.Equal("rejected", (await harness.Sequencer.SubmitAsync(rejected, CancellationToken.None)).Status);
        Assert.Equal(0, await harness.Store.CountPendingAsync());
        Assert.Equal(2, harness.Store.AddPendingCalls);
    }

    [Fact]
    public async Task Submit_PoolFull_Is503PoolFullAndPoolsNothingMore()
    {
        await using var harness = await SequencerHarness.StartAsync(new LedgerSettings { MaxPending = 2 });
        await harness.Sequencer.SubmitAsync(harness.Transfer(0), CancellationToken.None);
        await harness.Sequencer.SubmitAsync(harness.Transfer(1), CancellationToken.None);

        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => harness.Sequencer.SubmitAsync(harness.Transfer(2), CancellationToken.None));

        Assert.Equal((503, "pool-full"), (problem.Status, problem.Slug));
        Assert.Equal(2, await harness.Store.CountPendingAsync());
        Assert.False(await harness.Store.IsPendingAsync(harness.Transfer(2).Hash()));
    }

    [Fact]
    public async Task Submit_ManyConcurrent_AllDurableWithFewerPoolWrites()
    {
        const int count = 200;
        await using var harness = await SequencerHarness.StartAsync();
        var transactions = Enumerable.Range(0, count).Select(n => harness.Transfer((ulong)n)).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Store.AddPendingGate = gate;

        var submits = transactions.Select(t => Task.Run(() => harness.Sequencer.SubmitAsync(t, CancellationToken.None))).ToList();
        while (harness.Store.AddPendingCalls == 0)
        {
            await Task.Delay(5);
        }

        Assert.All(submits, s => Assert.False(s.IsCompleted));
        await Task.Delay(100);
        gate.SetResult();
        var responses = await Task.WhenAll(submits);

        Assert.All(responses, r => Assert.Equal("pending", r.Status));
        Assert.Equal(count, await harness.Store.CountPendingAsync());
        foreach (var transaction in transactions)
        {
            Assert.True(await harness.Store.IsPendingAsync(transaction.Hash()));
        }

        Assert.InRange(harness.Store.AddPendingCalls, 1, count / 4);
    }
}
