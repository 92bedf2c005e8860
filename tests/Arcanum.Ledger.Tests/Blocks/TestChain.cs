using System.Security.Cryptography;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Tests.Support;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Blocks;

/// <summary>
/// A chain made the way the sequencer makes it: genesis, then <see cref="BlockCount"/> blocks built by a
/// <see cref="BlockBuilder"/> from a mixed workload over every module (with some transactions that are rejected),
/// each header signed by a single Ed25519 key standing in for the committee's FROST key. A reference state
/// (<see cref="MemoryStateView"/>) is kept beside the tree at every height, for snapshots and cross-checks.
/// </summary>
public sealed class TestChain : IDisposable
{
    public const int BlockCount = 6;
    public const ulong StartTime = 1_700_000_000_000;
    public const ulong BlockInterval = 500;

    public static readonly string[] Names = ["alice", "bob", "carol", "dave"];

    private readonly MemoryStateView _reference = new();
    private readonly Dictionary<string, ulong> _nonces = Names.ToDictionary(n => n, _ => 0UL, StringComparer.Ordinal);

    private TestChain(string committeeSeed)
    {
        Committee = Ed25519PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(committeeSeed)));
        Assert.True(GenesisDocument.TryCreate(LedgerHarness.ChainId, Names.Select(n => new GenesisAllocation(Keys.Id(n), 10_000UL)), out var genesis, out var error), error?.ToString());
        Config = new ChainConfig { Genesis = genesis, CommitteeKey = Committee.PublicKey };
        Tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        GenesisBlock = Genesis.Create(genesis, Tree);
        genesis.Apply(_reference);
        ReferenceStates.Add(_reference.Entries.ToList());
    }

    /// <summary>Account keys (the harness's own state is not used).</summary>
    public LedgerHarness Keys { get; } = new([.. Names.Select(n => (n, 10_000UL))]);

    /// <summary>The stand-in committee key.</summary>
    public Ed25519PrivateKey Committee { get; }

    public ChainConfig Config { get; }

    /// <summary>The sequencer's tree, at the head's state root; every earlier root stays readable.</summary>
    public SparseMerkleTree Tree { get; }

    public Block GenesisBlock { get; }

    /// <summary>Finalized blocks at heights 1 … <see cref="BlockCount"/>.</summary>
    public List<FinalizedBlock> Finalized { get; } = [];

    /// <summary>What the builder reported for each block (index 0 = height 1).</summary>
    public List<BuiltBlock> Built { get; } = [];

    /// <summary>The state's key/value pairs after each height (index 0 = genesis), from a reference execution.</summary>
    public List<List<(byte[] Key, byte[] Value)>> ReferenceStates { get; } = [];

    public BlockHeader Head => Finalized.Count == 0 ? GenesisBlock.Header : Finalized[^1].Header;

    public static TestChain Create(string committeeSeed = "committee")
    {
        var chain = new TestChain(committeeSeed);
        var builder = new BlockBuilder(LedgerHarness.ChainId, TransactionExecutor.CreateDefault());
        var executor = TransactionExecutor.CreateDefault();
        for (var index = 0; index < BlockCount; index++)
        {
            var built = builder.Build(chain.Head, chain.Tree, chain.Workload(index), StartTime + ((ulong)index * BlockInterval));
            var context = new BlockContext(LedgerHarness.ChainId, built.Block.Header.Height, built.Block.Header.TimeUnixMilliseconds);
            foreach (var transaction in built.Block.Transactions)
            {
                Assert.True(executor.Execute(chain._reference, transaction, context).IsIncluded);
            }

            chain.Built.Add(built);
            chain.Finalized.Add(new FinalizedBlock(built.Block, chain.Sign(built.Block.Header)));
            chain.ReferenceStates.Add(chain._reference.Entries.ToList());
        }

        return chain;
    }

    /// <summary>The stand-in committee's signature over <paramref name="header"/>.</summary>
    public byte[] Sign(BlockHeader header) => Committee.Sign(header.SigningBytes(LedgerHarness.ChainId));

    /// <summary>Blocks 1 … n with the block at <paramref name="height"/> replaced by <paramref name="replacement"/>.</summary>
    public List<FinalizedBlock> With(ulong height, FinalizedBlock replacement) =>
        [.. Finalized.Select(f => f.Header.Height == height ? replacement : f)];

    /// <summary>The block at <paramref name="height"/>.</summary>
    public FinalizedBlock At(ulong height) => Finalized[(int)height - 1];

    /// <summary>The header at <paramref name="height"/> (0 = genesis).</summary>
    public BlockHeader HeaderAt(ulong height) => height == 0 ? GenesisBlock.Header : At(height).Header;

    /// <summary>The block at <paramref name="height"/> with a changed header, signed again by the committee (a committee that signed a bad block).</summary>
    public FinalizedBlock Resigned(ulong height, Func<BlockHeader, BlockHeader> change, IEnumerable<Transaction>? transactions = null)
    {
        var original = At(height).Block;
        var block = Block.Create(change(original.Header), transactions ?? original.Transactions);
        return new FinalizedBlock(block, Sign(block.Header));
    }

    /// <summary>A copy of <paramref name="header"/> with the fields given replaced.</summary>
    public static BlockHeader Copy(BlockHeader header, ulong? height = null, byte[]? prevHash = null, ulong? time = null, byte[]? txRoot = null, byte[]? stateRoot = null, byte[]? eventsRoot = null) =>
        BlockHeader.Create(
            height ?? header.Height,
            prevHash ?? header.PrevHash,
            time ?? header.TimeUnixMilliseconds,
            txRoot ?? header.TxRoot,
            stateRoot ?? header.StateRoot,
            eventsRoot ?? header.EventsRoot);

    /// <summary><paramref name="bytes"/> with one bit flipped at <paramref name="index"/>.</summary>
    public static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    public void Dispose()
    {
        Committee.Dispose();
        Keys.Dispose();
    }

    /// <summary>
    /// The pending transactions for the block at index <paramref name="index"/>: keys, a group and grants in the
    /// first block, transfers and messages in every block, a rotation and a revocation later, and in every block
    /// two transactions that are rejected (insufficient balance, skipped nonce), and after bob's grant is revoked, his
    /// group messages (access denied).
    /// </summary>
    private List<Transaction> Workload(int index)
    {
        var pending = new List<Transaction>();
        var group = ResourceId.Create("group:team");
        if (index == 0)
        {
            foreach (var (name, i) in Names.Select((n, i) => (n, i)))
            {
                Add(pending, name, "keystore", "register_key", new RegisterKeyArgs(Filled(i, 1), Filled(i, 2)).Encode());
            }

            Add(pending, "alice", "access", "register_resource", new RegisterResourceArgs(group, PrivacyLevel.Confidential).Encode());
            Add(pending, "alice", "access", "batch_grant", BatchGrantArgs.Create(group, [Keys.Id("bob"), Keys.Id("carol")], null).Encode());
        }

        foreach (var (name, i) in Names.Select((n, i) => (n, i)))
        {
            var next = Keys.Id(Names[(i + 1) % Names.Length]);
            Add(pending, name, "accounts", "transfer", new TransferArgs(next, (ulong)(index + i + 1)).Encode());
            Add(pending, name, "messages", "send_message", new SendMessageArgs(MessageTarget.ToAccount(next), Filled(index, (byte)i)).Encode());
        }

        Add(pending, "carol", "messages", "send_message", new SendMessageArgs(MessageTarget.ToGroup(group), Filled(index, 9)).Encode());
        if (index == 2)
        {
            Add(pending, "carol", "keystore", "rotate_key", new RotateKeyArgs(Filled(7, 7)).Encode());
            Add(pending, "alice", "access", "revoke_access", new RevokeAccessArgs(group, Keys.Id("bob")).Encode());
        }

        if (index > 2)
        {
            Add(pending, "bob", "messages", "send_message", new SendMessageArgs(MessageTarget.ToGroup(group), Filled(index, 8)).Encode(), included: false);
        }

        Add(pending, "bob", "accounts", "transfer", new TransferArgs(Keys.Id("alice"), 1_000_000).Encode(), included: false);
        pending.Add(Keys.Sign("dave", "accounts", "transfer", new TransferArgs(Keys.Id("alice"), 1).Encode(), nonce: _nonces["dave"] + 5));
        return pending;
    }

    private void Add(List<Transaction> pending, string sender, string module, string call, byte[] args, bool included = true)
    {
        pending.Add(Keys.Sign(sender, module, call, args, nonce: _nonces[sender]));
        if (included)
        {
            _nonces[sender]++;
        }
    }

    private static byte[] Filled(int seed, byte tag) => [.. Enumerable.Range(0, 32).Select(j => (byte)((seed * 31) + j + tag))];
}
