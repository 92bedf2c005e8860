using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Node.Ledger;
using Arcanum.Storage.Ledger;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Ledger;

/// <summary>
/// A node's copy of the ledger without sessions: opening, "behind" and the catch-up request it leads to, applying
/// finalized blocks, and determinism. A single Ed25519 key stands in for the committee (FROST produces the same
/// signatures; the session tests use a real FROST key).
/// </summary>
public sealed class LedgerReplicaTests : IDisposable
{
    private readonly TestSequencer _chain = new();
    private readonly Ed25519PrivateKey _committee = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)0xc0, 32).ToArray());

    [Fact]
    public async Task Open_EmptyStore_RecordsGenesisAsHeadZero()
    {
        var store = new InMemoryLedgerStore();
        await using var replica = await LedgerReplica.OpenAsync(store, _chain.Genesis);

        Assert.Equal(0, replica.HeadHeight);
        Assert.Equal(_chain.Head, replica.HeadHeader);
        Assert.Equal(0, (await store.GetHeadAsync())!.Height);
        Assert.Equal(_chain.StateRoot, (await store.GetHeadAsync())!.Root);
        Assert.Equal(TestSequencer.ChainId, await store.GetMetaAsync(LedgerReplica.ChainIdMeta));
        Assert.Null(replica.BoundKeyId);
    }

    [Fact]
    public async Task Open_StoreOfAnotherChain_Throws()
    {
        var store = new InMemoryLedgerStore();
        Assert.True(await store.TrySetMetaAsync(LedgerReplica.ChainIdMeta, "another-chain"));

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => LedgerReplica.OpenAsync(store, _chain.Genesis));
        Assert.Contains("another-chain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FromFiles_ParsesGenesis_AndRefusesAnInvalidOne()
    {
        using var directory = new TempDirectory();
        var genesisPath = directory.File("genesis.json");
        var account = _chain.Genesis.Allocations[0].Account.ToBech32();
        await File.WriteAllTextAsync(genesisPath, $$"""{"chainId":"{{TestSequencer.ChainId}}","allocations":[{"account":"{{account}}","balance":1000000}]}""");
        string? opened = null;

        await using (var replica = await LedgerReplica.OpenAsync(genesisPath, directory.File("ledger.db"), path => { opened = path; return Task.FromResult<ILedgerStore>(new InMemoryLedgerStore()); }))
        {
            Assert.Equal(_chain.Head, replica.HeadHeader);
            Assert.Equal(directory.File("ledger.db"), opened);
        }

        await File.WriteAllTextAsync(genesisPath, """{"chainId":"Bad Id","allocations":[]}""");
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => LedgerReplica.OpenAsync(genesisPath, "unused", _ => Task.FromResult<ILedgerStore>(new InMemoryLedgerStore())));
        Assert.Contains("chainId", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_BoundStoreAfterRestart_KeepsHeadAndBinding()
    {
        var store = new InMemoryLedgerStore();
        Assert.True(await store.TrySetMetaAsync(LedgerReplica.CommitteeKeyMeta, _committee.PublicKey.ToString()));
        Assert.True(await store.TrySetMetaAsync(LedgerReplica.CommitteeKeyIdMeta, "ledger-committee"));
        _chain.Extend(_committee, 2);
        var first = await LedgerReplica.OpenAsync(store, _chain.Genesis);
        foreach (var block in _chain.Blocks)
        {
            Assert.Null(await first.ApplyFinalizedAsync(block));
        }

        var reopened = await LedgerReplica.OpenAsync(store, _chain.Genesis);

        Assert.Equal(2, reopened.HeadHeight);
        Assert.Equal(_chain.Head, reopened.HeadHeader);
        Assert.Equal(_chain.StateRoot, reopened.StateRoot);
        Assert.Equal("ledger-committee", reopened.BoundKeyId);
    }

    [Fact]
    public async Task Prepare_ProposalAboveHeadPlusOne_RefusesAsBehind_AndCatchUpAsksFromHeadPlusOne()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 3);
        var behind = new List<long>();
        replica.FellBehind += (_, e) => behind.Add(e.FromHeight);
        var catchUp = new LedgerCatchUp(replica, new StepClock());

        var preparation = await replica.PrepareAsync(_chain.Proposal(_chain.Build()), "ledger-committee", _committee.PublicKey);

        Assert.Null(preparation.SigningBytes);
        Assert.Equal("behind: head 0, proposal for block 4", preparation.Refusal);
        Assert.Equal(1, preparation.BehindFrom);
        Assert.Equal([1L], behind);
        Assert.Equal(new LedgerSyncRequest { FromHeight = 1, MaxBlocks = 64 }, catchUp.TryBegin());
        Assert.Null(catchUp.TryBegin());
    }

    [Fact]
    public async Task Prepare_ProposalAtOrBelowHead_RefusedAsAlreadyFinalized()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 2);
        Assert.Null(await replica.ApplyFinalizedAsync(_chain.Blocks[0]));
        Assert.Null(await replica.ApplyFinalizedAsync(_chain.Blocks[1]));
        var old = new LedgerBlockProposal { Block = ByteString.CopyFrom(_chain.Blocks[1].Block.Encode()), Parent = ByteString.CopyFrom(_chain.Blocks[0].FinalizedHeader.Encode()), ChainId = TestSequencer.ChainId };

        var preparation = await replica.PrepareAsync(old, "ledger-committee", _committee.PublicKey);

        Assert.Equal("already finalized: head 2, proposal for block 2", preparation.Refusal);
        Assert.Null(preparation.BehindFrom);
    }

    [Fact]
    public async Task Prepare_ShareWithAnotherGroupKeyThanTheBoundOne_Refused()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        using var other = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)0x07, 32).ToArray());

        var preparation = await replica.PrepareAsync(_chain.Proposal(_chain.Build()), "ledger-committee", other.PublicKey);

        Assert.Contains("another group key", preparation.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_ParentIsNotTheHead_Refused()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 1);
        Assert.Null(await replica.ApplyFinalizedAsync(_chain.Blocks[0]));

        // Block 2 proposed with no parent header although the head is block 1.
        var proposal = _chain.Proposal(_chain.Build());
        proposal.Parent = ByteString.Empty;

        var preparation = await replica.PrepareAsync(proposal, "ledger-committee", _committee.PublicKey);

        Assert.Equal("the proposal for block 2 carries no parent header", preparation.Refusal);
    }

    [Fact]
    public async Task Prepare_ValidProposal_ReturnsTheHeaderSigningBytes()
    {
        await using var replica = await _chain.OpenReplicaAsync();
        var block = _chain.Build();

        var preparation = await replica.PrepareAsync(_chain.Proposal(block), "ledger-committee", _committee.PublicKey);

        Assert.Null(preparation.Refusal);
        Assert.Equal(block.Header.SigningBytes(TestSequencer.ChainId), preparation.SigningBytes);
        Assert.Equal("ledger-committee", replica.BoundKeyId);
        Assert.Equal(0, replica.HeadHeight);
    }

    [Fact]
    public async Task CatchUp_ValidChainInTwoAnswers_ReachesTheHead()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 5);
        var catchUp = new LedgerCatchUp(replica, new StepClock());
        Assert.NotNull(catchUp.TryBegin());

        var first = await catchUp.ReceiveAsync(Answer(_chain.Blocks.Take(3).Select(b => b.Encode()), headHeight: 5));
        var second = await catchUp.ReceiveAsync(Answer(_chain.Blocks.Skip(3).Select(b => b.Encode()), headHeight: 5));

        Assert.Equal(new CatchUpRound(3, null, new LedgerSyncRequest { FromHeight = 4, MaxBlocks = 64 }), first);
        Assert.Equal(new CatchUpRound(2, null, null), second);
        Assert.Equal(5, replica.HeadHeight);
        Assert.Equal(_chain.StateRoot, replica.StateRoot);
    }

    [Fact]
    public async Task CatchUp_BlockWithBadSignature_StopsThere()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 3);
        var blocks = _chain.Blocks.Select(b => b.Encode()).ToList();
        blocks[1][^1] ^= 0x01;

        var round = await new LedgerCatchUp(replica, new StepClock()).ReceiveAsync(Answer(blocks, headHeight: 3));

        Assert.Equal(1, round.Applied);
        Assert.Contains(nameof(BlockFault.BadCommitteeSignature), round.Problem, StringComparison.Ordinal);
        Assert.Null(round.Next);
        Assert.Equal(1, replica.HeadHeight);
    }

    [Fact]
    public async Task CatchUp_SignedBlockWithWrongStateRoot_StopsThere()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 1);
        var lying = TestSequencer.WithStateRoot(_chain.Build(), Enumerable.Repeat((byte)0x42, 32).ToArray());
        var signedLie = new FinalizedBlock(lying, _committee.Sign(lying.Header.SigningBytes(TestSequencer.ChainId)));

        var round = await new LedgerCatchUp(replica, new StepClock()).ReceiveAsync(Answer([_chain.Blocks[0].Encode(), signedLie.Encode()], headHeight: 2));

        Assert.Equal(1, round.Applied);
        Assert.Contains(nameof(BlockFault.StateRootMismatch), round.Problem, StringComparison.Ordinal);
        Assert.Equal(_chain.Blocks[0].Header.StateRoot, replica.StateRoot);
    }

    [Fact]
    public async Task CatchUp_GarbageBlock_StopsWithoutEchoingTheBytes()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        var garbage = Enumerable.Repeat((byte)0xab, 300).ToArray();

        var round = await new LedgerCatchUp(replica, new StepClock()).ReceiveAsync(Answer([garbage], headHeight: 1));

        Assert.Equal(0, round.Applied);
        Assert.Contains("block 0 of the answer (300 bytes) does not decode", round.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("abab", round.Problem!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(round.Next);
    }

    [Fact]
    public async Task CatchUp_Unbound_AsksNothing_AndApplyRefuses()
    {
        await using var replica = await _chain.OpenReplicaAsync();
        _chain.Extend(_committee, 1);

        Assert.Null(new LedgerCatchUp(replica, new StepClock()).TryBegin());
        Assert.Contains("no ledger key is bound", await replica.ApplyFinalizedAsync(_chain.Blocks[0]), StringComparison.Ordinal);
        Assert.Equal(0, replica.HeadHeight);
    }

    [Fact]
    public async Task CatchUp_RequestInFlight_IsRepeatedOnlyAfterItsLifetime()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        var time = new StepClock();
        var catchUp = new LedgerCatchUp(replica, time);
        Assert.NotNull(catchUp.TryBegin());

        time.Advance(LedgerCatchUp.RequestLifetime - TimeSpan.FromSeconds(1));
        Assert.Null(catchUp.TryBegin());
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(catchUp.TryBegin());
    }

    [Fact]
    public async Task ApplyFinalized_BlockNotAtHeadPlusOne_Refused()
    {
        await using var replica = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 2);

        Assert.Equal("block 2 does not follow the head 0", await replica.ApplyFinalizedAsync(_chain.Blocks[1]));
    }

    [Fact]
    public async Task Determinism_TwoReplicasFedTheSameBlocks_HaveIdenticalStateRoots()
    {
        await using var a = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        await using var b = await _chain.OpenBoundReplicaAsync(_committee.PublicKey);
        _chain.Extend(_committee, 6);

        foreach (var block in _chain.Blocks)
        {
            Assert.Null(await a.ApplyFinalizedAsync(block));
            Assert.Null(await b.ApplyFinalizedAsync(block));
            Assert.Equal(a.StateRoot, b.StateRoot);
            Assert.Equal(block.Header.StateRoot, a.StateRoot);
        }

        Assert.Equal(6, b.HeadHeight);
        Assert.NotEqual(_chain.Blocks[0].Header.StateRoot, a.StateRoot);
    }

    public void Dispose()
    {
        _committee.Dispose();
        _chain.Dispose();
    }

    private static LedgerBlocks Answer(IEnumerable<byte[]> blocks, ulong headHeight)
    {
        var answer = new LedgerBlocks { HeadHeight = headHeight };
        answer.Blocks.AddRange(blocks.Select(ByteString.CopyFrom));
        return answer;
    }

    /// <summary>A clock moved by hand (the catch-up request lifetime).</summary>
    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch.AddYears(55);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
