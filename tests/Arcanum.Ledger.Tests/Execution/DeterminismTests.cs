using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Tests.Support;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Execution;

/// <summary>Two executors given the same transactions reach byte-identical states and the same block roots.</summary>
public sealed class DeterminismTests
{
    private static readonly string[] Names = ["alice", "bob", "carol", "dave"];

    [Fact]
    public void Execute_SameWorkloadTwice_IdenticalStateAndRoots()
    {
        using var first = new LedgerHarness([.. Names.Select(n => (n, 10_000UL))]);
        using var second = new LedgerHarness([.. Names.Select(n => (n, 10_000UL))]);
        var transactions = Workload(first);

        var firstOutcomes = Run(first, transactions);
        var secondOutcomes = Run(second, transactions);

        Assert.Equal(first.State.Dump(), second.State.Dump());
        Assert.Equal(BlockRoots.EventsRoot(firstOutcomes), BlockRoots.EventsRoot(secondOutcomes));
        Assert.Equal(BlockRoots.TxRoot(transactions), BlockRoots.TxRoot(transactions.Select(t => t.EncodeSigned()).Select(Decode)));
        Assert.Contains(firstOutcomes, o => !o.IsIncluded);
        Assert.True(firstOutcomes.Count(o => o.IsIncluded) >= 40, string.Join("\n", firstOutcomes));
    }

    [Fact]
    public void Workload_OverTheAuthenticatedTree_TwoNodesReachOneStateRoot_ThatCommitsToExactlyTheState()
    {
        using var reference = new LedgerHarness([.. Names.Select(n => (n, 10_000UL))]);
        var transactions = Workload(reference);
        var expected = Run(reference, transactions);

        var roots = new[] { RunOnTree(reference, transactions, expected), RunOnTree(reference, transactions, expected) };
        var fromDump = new SparseMerkleTree(new InMemoryTreeNodeStore()).Apply([.. reference.State.Entries.Select(e => (e.Key, (byte[]?)e.Value))]);

        Assert.Equal(roots[0], roots[1]);
        Assert.Equal(fromDump, roots[0]);
        Assert.NotEqual(SparseMerkleTree.EmptyRoot, roots[0]);
    }

    /// <summary>
    /// Genesis and the transactions executed over a fresh authenticated tree (a node's copy), one overlay per block of
    /// eight, committed block by block; every outcome must match the reference run. Returns the final state root.
    /// </summary>
    private static byte[] RunOnTree(LedgerHarness keys, IReadOnlyList<Transaction> transactions, IReadOnlyList<TxOutcome> expected)
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var genesisView = tree.OpenView();
        Assert.True(GenesisDocument.TryCreate(LedgerHarness.ChainId, Names.Select(n => new GenesisAllocation(keys.Id(n), 10_000UL)), out var genesis, out var error), error?.ToString());
        genesis.Apply(genesisView);
        genesisView.Commit();
        var executor = TransactionExecutor.CreateDefault();
        for (var start = 0; start < transactions.Count; start += 8)
        {
            var block = tree.OpenView();
            for (var index = start; index < Math.Min(start + 8, transactions.Count); index++)
            {
                var context = new BlockContext(LedgerHarness.ChainId, 1 + ((ulong)index / 8), 1_700_000_000_000 + ((ulong)index * 250));
                Assert.Equal(expected[index].Encode(), executor.Execute(block, transactions[index], context).Encode());
            }

            block.Commit();
        }

        return tree.Root;
    }

    [Fact]
    public void EventsRoot_OneOutcomeDiffers_RootDiffers()
    {
        using var ledger = new LedgerHarness([.. Names.Select(n => (n, 10_000UL))]);
        var outcomes = Run(ledger, Workload(ledger)[..5]);
        var changed = outcomes.ToList();
        changed[2] = TxOutcome.Rejected(ErrorCodes.Unauthorized, "changed");

        Assert.NotEqual(BlockRoots.EventsRoot(outcomes), BlockRoots.EventsRoot(changed));
    }

    private static List<TxOutcome> Run(LedgerHarness ledger, IReadOnlyList<Transaction> transactions)
    {
        var outcomes = new List<TxOutcome>();
        foreach (var (transaction, index) in transactions.Select((t, i) => (t, i)))
        {
            ledger.Height = 1 + ((ulong)index / 8);
            ledger.Time = 1_700_000_000_000 + ((ulong)index * 250);
            outcomes.Add(ledger.Execute(transaction));
        }
        return outcomes;
    }

    /// <summary>A mixed workload over every call, with some rejections, signed once with tracked nonces.</summary>
    private static Transaction[] Workload(LedgerHarness keys)
    {
        var nonces = Names.ToDictionary(n => n, _ => 0UL);
        var transactions = new List<Transaction>();
        void Add(string sender, string module, string call, byte[] args, bool expectIncluded = true)
        {
            transactions.Add(keys.Sign(sender, module, call, args, nonce: nonces[sender]));
            if (expectIncluded)
            {
                nonces[sender]++;
            }
        }

        var group = ResourceId.Create("group:team");
        foreach (var (name, i) in Names.Select((n, i) => (n, i)))
        {
            Add(name, "keystore", "register_key", new RegisterKeyArgs(Filled(i, 1), Filled(i, 2)).Encode());
        }
        Add("alice", "access", "register_resource", new RegisterResourceArgs(group, PrivacyLevel.Confidential).Encode());
        Add("alice", "access", "batch_grant", BatchGrantArgs.Create(group, [keys.Id("bob"), keys.Id("carol")], null).Encode());
        Add("alice", "access", "grant_access", new GrantAccessArgs(group, keys.Id("dave"), 1_700_000_010_000, Admin: true).Encode());
        for (var round = 0; round < 8; round++)
        {
            foreach (var (name, i) in Names.Select((n, i) => (n, i)))
            {
                var next = Names[(i + 1) % Names.Length];
                Add(name, "accounts", "transfer", new TransferArgs(keys.Id(next), (ulong)(round + i + 1)).Encode());
                Add(name, "messages", "send_message", new SendMessageArgs(MessageTarget.ToAccount(keys.Id(next)), Filled(round, (byte)i)).Encode());
            }
            Add("dave", "messages", "send_message", new SendMessageArgs(MessageTarget.ToGroup(group), Filled(round, 9)).Encode(), expectIncluded: round < 3); // the grant expires at index 40 (250 ms per transaction)
        }
        Add("carol", "keystore", "rotate_key", new RotateKeyArgs(Filled(7, 7)).Encode());
        Add("alice", "access", "revoke_access", new RevokeAccessArgs(group, keys.Id("bob")).Encode());
        Add("bob", "messages", "send_message", new SendMessageArgs(MessageTarget.ToGroup(group), [1]).Encode(), expectIncluded: false);
        Add("bob", "accounts", "transfer", new TransferArgs(keys.Id("alice"), 1_000_000).Encode(), expectIncluded: false);
        return [.. transactions];
    }

    private static byte[] Filled(int seed, byte tag) => [.. Enumerable.Range(0, 32).Select(j => (byte)(seed * 31 + j + tag))];

    private static Transaction Decode(byte[] encoded)
    {
        Assert.True(Transaction.TryDecodeSigned(encoded, out var transaction, out _));
        return transaction;
    }
}
