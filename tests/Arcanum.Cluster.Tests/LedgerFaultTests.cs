using Arcanum.Client.Contracts;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Issue 8's ledger faults on real 3-node dev clusters (one each): a killed node catches up and signs again; a node
/// whose state was tampered with refuses and blocks finalize with the other two; a sequencer whose own state was
/// tampered with gets no block finalized. The workload is access.register_resource from one unfunded account.
/// </summary>
public sealed class LedgerFaultTests
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public Task KilledNode_Restarted_CatchesUpAndSignsWithNodeTwoAfterNodeOneDies() => InFreshDirectoryAsync(async directory =>
    {
        await using var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory);
        var client = cluster.Client;
        var chainId = (await LedgerDriver.WaitForReadyAsync(client)).ChainId;
        using var owner = new LedgerAccount("owner");
        var node3Ledger = LedgerPath(cluster, 3);

        cluster.KillNode(3);
        await cluster.WaitForConnectedAsync(2);
        var whileDown = await LedgerDriver.SubmitAndIncludeAsync(client, Resources(owner, chainId, 20));
        Assert.True((await LedgerDatabase.ReadHeadAsync(node3Ledger)).Height < whileDown, "node 3 stored blocks while it was down");

        await using (var node3 = RestartedNode.Start(cluster, 3))
        {
            await cluster.WaitForConnectedAsync(3);
            await LedgerDriver.EventuallyAsync(async () => (await LedgerDatabase.ReadHeadAsync(node3Ledger)).Height >= whileDown, CatchUpLimit,
                $"node 3 to catch up to block {whileDown}");
            var afterRestart = await LedgerDriver.SubmitAndIncludeAsync(client, Resources(owner, chainId, 10));

            // With node 1 gone, a block needs node 3's signature (2-of-3): only a node that caught up can give it.
            cluster.KillNode(1);
            await cluster.WaitForConnectedAsync(2);
            var withoutNode1 = await LedgerDriver.SubmitAndIncludeAsync(client, Resources(owner, chainId, 10));
            Assert.True(withoutNode1 > afterRestart);
            await node3.KillAsync();
        }

        // Node 3 held the newest block only as a candidate (its signature comes with the next proposal); restarted, it
        // fetches it on link-up. Its database then records the coordinator's head.
        await cluster.WaitForConnectedAsync(1);
        var head = await client.GetLedgerStatusAsync();
        await using (var node3 = RestartedNode.Start(cluster, 3))
        {
            await LedgerDriver.EventuallyAsync(async () => (await LedgerDatabase.ReadHeadAsync(node3Ledger)).Height == head.Height, CatchUpLimit,
                $"node 3 to record head {head.Height}");
        }

        Assert.Equal(0, await cluster.StopAsync());
        var stored = await LedgerDatabase.ReadHeadAsync(node3Ledger);
        Assert.Equal((head.Height, head.StateRoot), (stored.Height, Convert.ToHexStringLower(stored.Root)));
    });

    [Fact]
    public Task TamperedNode_RefusesNamingBothRoots_BlocksFinalizeWithTheOtherTwo() => InFreshDirectoryAsync(async directory =>
    {
        await using var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory);
        var client = cluster.Client;
        var chainId = (await LedgerDriver.WaitForReadyAsync(client)).ChainId;
        using var owner = new LedgerAccount("owner");
        var node2Ledger = LedgerPath(cluster, 2);
        await LedgerDriver.SubmitAndIncludeAsync(client, Resources(owner, chainId, 3));

        // First bring node 2's database to the coordinator's head (a restart fetches the block it held as a candidate),
        // so that the next proposal builds on a block node 2 has stored.
        cluster.KillNode(2);
        await cluster.WaitForConnectedAsync(2);
        var before = await client.GetLedgerStatusAsync();
        await using (var node2 = RestartedNode.Start(cluster, 2))
        {
            await LedgerDriver.EventuallyAsync(async () => (await LedgerDatabase.ReadHeadAsync(node2Ledger)).Height == before.Height, CatchUpLimit,
                $"node 2 to record head {before.Height}");
        }

        await cluster.WaitForConnectedAsync(2);
        var (original, tampered) = await LedgerDatabase.TamperStateAsync(node2Ledger);
        Assert.Equal(before.StateRoot, Convert.ToHexStringLower(original));

        await using (var node2 = RestartedNode.Start(cluster, 2))
        {
            await cluster.WaitForConnectedAsync(3);
            var first = await LedgerDriver.SubmitAndIncludeAsync(client, Resources(owner, chainId, 1));
            Assert.Equal(before.Height + 1, first);
            Assert.Contains(
                $"node 2: refused: ParentStateMismatch: this node's state root is {Convert.ToHexStringLower(tampered)}, the parent's is {Convert.ToHexStringLower(original)}",
                cluster.Output, StringComparison.Ordinal);

            var later = await LedgerDriver.SubmitAndIncludeAsync(client, Resources(owner, chainId, 1));
            Assert.True(later > first);
            Assert.False(node2.HasExited, "node 2 exited:\n" + node2.Output);

            // The later proposal finds node 2 a block behind; the catch-up it then asks for fails on the same state.
            Assert.Contains($"node 2: refused: behind: head {before.Height}, proposal for block {later}", cluster.Output, StringComparison.Ordinal);
            await LedgerDriver.EventuallyAsync(
                () => Task.FromResult(node2.Output.Contains($"Ledger catch-up stopped at height {before.Height}: block {first}: ParentStateMismatch", StringComparison.Ordinal)),
                CatchUpLimit, "node 2 to report its failed catch-up");
        }

        // Node 2 never signed or stored a block on top of its tampered state.
        var node2Head = await LedgerDatabase.ReadHeadAsync(node2Ledger);
        Assert.Equal(before.Height, node2Head.Height);
        Assert.Equal(tampered, node2Head.Root);
    });

    [Fact]
    public Task TamperedSequencerState_NoBlockIsProposedOrFinalized_TransactionStaysPending() => InFreshDirectoryAsync(async directory =>
    {
        using var owner = new LedgerAccount("owner");
        LedgerStatusInfo before;
        await using (var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory))
        {
            var chainId = (await LedgerDriver.WaitForReadyAsync(cluster.Client)).ChainId;
            await LedgerDriver.SubmitAndIncludeAsync(cluster.Client, Resources(owner, chainId, 2));
            before = await cluster.Client.GetLedgerStatusAsync();
            Assert.Equal(0, await cluster.StopAsync());
        }

        var (original, tampered) = await LedgerDatabase.TamperStateAsync(Path.Combine(directory, "ledger.db"));
        Assert.Equal(before.StateRoot, Convert.ToHexStringLower(original));

        await using (var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory))
        {
            var client = cluster.Client;
            Assert.Equal(before.Height, (await LedgerDriver.WaitForReadyAsync(client)).Height);
            var hash = (await client.SubmitTransactionAsync(Resources(owner, before.ChainId, 1)[0])).Hash;

            // The sequencer's block builder requires its tree at the parent's state root, so it fails before any
            // proposal leaves it; it retries every interval and logs each failure.
            await LedgerDriver.EventuallyAsync(() => Task.FromResult(CountOccurrences(cluster.Output, "The tree is not at the parent's state root") >= 3),
                TimeSpan.FromSeconds(30), "the sequencer to fail three block attempts");
            var status = await client.GetLedgerStatusAsync();
            Assert.Equal((before.Height, before.StateRoot, 1L), (status.Height, status.StateRoot, status.Pending));
            Assert.Equal("pending", (await client.GetTransactionAsync(hash)).Status);
            Assert.DoesNotContain("ended aborted", cluster.Output, StringComparison.Ordinal);
            Assert.Contains("A ledger sequencer step failed (ArgumentException: The tree is not at the parent's state root.", cluster.Output, StringComparison.Ordinal);
            Assert.Equal(0, await cluster.StopAsync());
        }

        // No proposal reached a node: none of them logged a refusal.
        foreach (var node in new[] { 1, 2, 3 })
        {
            Assert.DoesNotContain("Refused session", await File.ReadAllTextAsync(Path.Combine(directory, $"node-{node}", "node.log")), StringComparison.Ordinal);
        }
    });

    [Fact]
    public Task SequencerProposingAWrongStateRoot_GetsNoSignature_TransactionStaysPending() => InFreshDirectoryAsync(async directory =>
    {
        using var owner = new LedgerAccount("owner");
        await using var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory, extraArguments: ["--fault", "wrong-state-root"]);
        var client = cluster.Client;
        var ready = await LedgerDriver.WaitForReadyAsync(client);
        var hash = (await client.SubmitTransactionAsync(Resources(owner, ready.ChainId, 1)[0])).Hash;

        // Every node re-executes the proposal, computes another state root and refuses; with fewer than t nodes left
        // the sequencer drops the block, and proposes it (wrong again) at the next interval.
        await LedgerDriver.EventuallyAsync(
            () => Task.FromResult(CountOccurrences(cluster.Output, "refused: StateRootMismatch") >= 4 && CountOccurrences(cluster.Output, "dropped after") >= 2),
            TimeSpan.FromSeconds(30), "the nodes to refuse two proposals with a wrong state root");
        var status = await client.GetLedgerStatusAsync();
        Assert.Equal((ready.Height, ready.StateRoot), (status.Height, status.StateRoot));
        Assert.Equal("pending", (await client.GetTransactionAsync(hash)).Status);
        Assert.Contains("Fault injection: every ledger block after block 1 is proposed with a wrong state root", cluster.Output, StringComparison.Ordinal);
        Assert.Equal(0, await cluster.StopAsync());
    });

    /// <summary>Runs <paramref name="test"/> over a new data directory, deleted afterwards.</summary>
    private static async Task InFreshDirectoryAsync(Func<string, Task> test)
    {
        var directory = Path.Combine(Path.GetTempPath(), "arcanum-ledger-" + Guid.NewGuid().ToString("n"));
        try
        {
            await test(directory);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string LedgerPath(DevClusterProcess cluster, int node) => Path.Combine(cluster.NodeDirectory(node), "ledger.db");

    /// <summary><paramref name="count"/> access.register_resource transactions of <paramref name="owner"/>, in nonce order.</summary>
    private static List<Transaction> Resources(LedgerAccount owner, string chainId, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => owner.Sign(chainId, AccessModule.ModuleName, AccessModule.RegisterResource,
            new RegisterResourceArgs(ResourceId.Create($"r-{owner.NextNonce}"), PrivacyLevel.Public).Encode()))];

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
