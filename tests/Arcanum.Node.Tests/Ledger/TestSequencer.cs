using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Arcanum.Node.Ledger;
using Arcanum.Storage.Ledger;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Ledger;

/// <summary>
/// The sequencer's side of a test chain, on its own tree: a genesis document with one funded account, blocks of
/// transfers built with <see cref="BlockBuilder"/> at the finalized head, and the proposals a node receives.
/// </summary>
internal sealed class TestSequencer : IDisposable
{
    public const string ChainId = "arcanum-test";

    private readonly Ed25519PrivateKey _alice = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)0xa1, 32).ToArray());
    private readonly AccountId _bob = AccountId.FromBytes(Enumerable.Repeat((byte)0xb0, 32).ToArray());
    private readonly BlockBuilder _builder = new(ChainId, TransactionExecutor.CreateDefault());
    private readonly SparseMerkleTree _tree = new(new InMemoryTreeNodeStore());
    private ulong _nonce;

    public TestSequencer()
    {
        Assert.True(GenesisDocument.TryCreate(ChainId, [new GenesisAllocation(AccountId.FromPublicKey(_alice.PublicKey), 1_000_000)], out var genesis, out var error), error?.Message);
        Genesis = genesis;
        Head = Arcanum.Ledger.Blocks.Genesis.Create(genesis, _tree).Header;
    }

    public GenesisDocument Genesis { get; }

    /// <summary>The finalized head's header (genesis at first).</summary>
    public BlockHeader Head { get; private set; }

    /// <summary>The finalized head with its signature; null while the head is genesis.</summary>
    public FinalizedHeader? FinalizedHead { get; private set; }

    /// <summary>The finalized blocks so far, from height 1.</summary>
    public List<FinalizedBlock> Blocks { get; } = [];

    /// <summary>The child of the head with <paramref name="transfers"/> transfers from the funded account; the head does not move.</summary>
    public Block Build(int transfers = 2)
    {
        var pending = Enumerable.Range(0, transfers)
            .Select(i => Transaction.Sign(ChainId, _alice, _nonce + (ulong)i, "accounts", "transfer", new TransferArgs(_bob, 10 + (ulong)i).Encode()))
            .ToList();
        var built = _builder.Build(Head, _tree.At(Head.StateRoot), pending, Head.TimeUnixMilliseconds + 500);
        Assert.Empty(built.Rejected);
        return built.Block;
    }

    /// <summary><paramref name="block"/> with another state root in its header (what a lying sequencer proposes).</summary>
    public static Block WithStateRoot(Block block, byte[] stateRoot)
    {
        var h = block.Header;
        return Block.Create(BlockHeader.Create(h.Height, h.PrevHash, h.TimeUnixMilliseconds, h.TxRoot, stateRoot, h.EventsRoot), block.Transactions);
    }

    /// <summary>Makes <paramref name="block"/> the finalized head with <paramref name="signature"/>.</summary>
    public FinalizedBlock Finalize(Block block, byte[] signature)
    {
        _nonce += (ulong)block.Transactions.Count;
        var finalized = new FinalizedBlock(block, signature);
        Head = block.Header;
        FinalizedHead = finalized.FinalizedHeader;
        Blocks.Add(finalized);
        return finalized;
    }

    /// <summary>Builds, signs with <paramref name="committee"/> (standing in for the committee) and finalizes <paramref name="count"/> blocks.</summary>
    public void Extend(Ed25519PrivateKey committee, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var block = Build(transfers: i % 3);
            Finalize(block, committee.Sign(block.Header.SigningBytes(ChainId)));
        }
    }

    /// <summary>The state root the chain has at its head.</summary>
    public byte[] StateRoot => Head.StateRoot;

    /// <summary>The proposal of <paramref name="block"/> on top of the head.</summary>
    public LedgerBlockProposal Proposal(Block block) => new()
    {
        Block = ByteString.CopyFrom(block.Encode()),
        Parent = FinalizedHead is null ? ByteString.Empty : ByteString.CopyFrom(FinalizedHead.Encode()),
        ChainId = ChainId,
    };

    /// <summary>A node's fresh copy of this chain, in memory.</summary>
    public Task<LedgerReplica> OpenReplicaAsync() => LedgerReplica.OpenAsync(new InMemoryLedgerStore(), Genesis);

    /// <summary>A copy bound to <paramref name="committeeKey"/> under <paramref name="keyId"/>, as after a restart.</summary>
    public async Task<LedgerReplica> OpenBoundReplicaAsync(Ed25519PublicKey committeeKey, string keyId = "ledger-committee")
    {
        var store = new InMemoryLedgerStore();
        Assert.True(await store.TrySetMetaAsync(LedgerReplica.CommitteeKeyMeta, committeeKey.ToString()));
        Assert.True(await store.TrySetMetaAsync(LedgerReplica.CommitteeKeyIdMeta, keyId));
        return await LedgerReplica.OpenAsync(store, Genesis);
    }

    public void Dispose() => _alice.Dispose();
}
