using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.State;
using Arcanum.Node.Ledger;
using Arcanum.Node.Tests.Sessions;
using Arcanum.Storage.Ledger;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Ledger;

/// <summary>
/// LEDGER_BLOCK sessions among three in-process nodes holding a real 2-of-3 frost-ed25519 key made by the keygen
/// protocol, each with its own in-memory copy of the ledger: what they sign, what they refuse, and binding.
/// </summary>
public sealed class LedgerBlockSessionTests : IAsyncLifetime
{
    private const string KeyId = "ledger-committee";
    private readonly TestNodes _nodes = new(seed: 80);
    private readonly TestSequencer _chain = new();
    private readonly List<LedgerReplica> _replicas = [];
    private Ed25519PublicKey _committeeKey = null!;

    public async Task InitializeAsync()
    {
        var key = _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, KeyId, 2, [1, 2, 3]));
        _committeeKey = Ed25519PublicKey.FromBytes(key.PublicKey.Span);
        foreach (var id in new[] { 1, 2, 3 })
        {
            var replica = await _chain.OpenReplicaAsync();
            _replicas.Add(replica);
            _nodes.AttachChain(id, replica);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        _nodes.Dispose();
        _chain.Dispose();
    }

    [Fact]
    public void LedgerBlock_ThreeHonestNodes_SignTheHeaderUnderTheCommitteeKey()
    {
        var block = _chain.Build();

        var signature = _nodes.RunForSignature(Request(_chain.Proposal(block), [1, 2, 3]));

        Assert.Equal(_committeeKey.Bytes.ToArray(), signature.PublicKey.ToByteArray());
        Assert.True(CommitteeSignature.Verify(_committeeKey, TestSequencer.ChainId, block.Header, signature.Signature.Span));
        Assert.True(_committeeKey.Verify(block.Header.SigningBytes(TestSequencer.ChainId), signature.Signature.Span), "libsodium rejects the header signature");
        Assert.False(CommitteeSignature.Verify(_committeeKey, "another-chain", block.Header, signature.Signature.Span));
        Assert.All(_replicas, r => Assert.Equal(KeyId, r.BoundKeyId));
        Assert.All(_replicas, r => Assert.Equal(0, r.HeadHeight));
    }

    [Fact]
    public void LedgerBlock_NextProposalCarriesTheParentSignature_FinalizesTheCandidate()
    {
        SignAndFinalize([1, 2, 3]);
        var second = _chain.Build(transfers: 3);

        var signature = _nodes.RunForSignature(Request(_chain.Proposal(second), [1, 2]));

        Assert.True(CommitteeSignature.Verify(_committeeKey, TestSequencer.ChainId, second.Header, signature.Signature.Span));
        Assert.Equal(1, _replicas[0].HeadHeight);
        Assert.Equal(1, _replicas[1].HeadHeight);
        Assert.Equal(_chain.Blocks[0].Header.StateRoot, _replicas[0].StateRoot);
        Assert.Equal(_chain.Head, _replicas[1].HeadHeader);

        // Node 3 was not asked: it still holds block 1 as a candidate only.
        Assert.Equal(0, _replicas[2].HeadHeight);
    }

    [Fact]
    public async Task LedgerBlock_NodeWithTamperedState_RefusesNamingBothRoots_OthersStillSign()
    {
        var tampered = await TamperedReplicaAsync();
        _nodes.AttachChain(3, tampered);
        var block = _chain.Build();
        var proposal = _chain.Proposal(block);

        var refusal = _nodes.Refusal(Request(proposal, [1, 2, 3]), 3);
        var signature = _nodes.RunForSignature(Request(proposal, [1, 2]));

        Assert.Contains(nameof(BlockFault.ParentStateMismatch), refusal, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(tampered.StateRoot), refusal, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(_chain.Head.StateRoot), refusal, StringComparison.Ordinal);
        Assert.True(CommitteeSignature.Verify(_committeeKey, TestSequencer.ChainId, block.Header, signature.Signature.Span));
    }

    [Fact]
    public void LedgerBlock_WrongStateRoot_NoNodeSigns()
    {
        var honest = _chain.Build();
        var lying = TestSequencer.WithStateRoot(honest, Enumerable.Repeat((byte)0x42, 32).ToArray());
        var request = Request(_chain.Proposal(lying), [1, 2, 3]);

        foreach (var id in new[] { 1, 2, 3 })
        {
            var refusal = _nodes.Refusal(Fresh(request), id);
            Assert.Contains(nameof(BlockFault.StateRootMismatch), refusal, StringComparison.Ordinal);
            Assert.Contains(Convert.ToHexStringLower(honest.Header.StateRoot), refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LedgerBlock_WrongChainId_Refused()
    {
        var proposal = _chain.Proposal(_chain.Build());
        proposal.ChainId = "another-chain";

        Assert.Contains("another-chain", _nodes.Refusal(Request(proposal, [1, 2, 3]), 1), StringComparison.Ordinal);
        Assert.Null(_replicas[0].BoundKeyId);
    }

    [Fact]
    public void LedgerBlock_AnotherKeyAfterBinding_Refused()
    {
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, "other-key", 2, [1, 2, 3]));
        SignAndFinalize([1, 2, 3]);
        var request = _nodes.Request(SessionKind.LedgerBlock, KeyScheme.FrostEd25519, "other-key", 2, [1, 2, 3], epoch: 1);
        request.LedgerBlock = _chain.Proposal(_chain.Build());

        var refusal = _nodes.Refusal(request, 2);

        Assert.Contains($"bound to key {KeyId}", refusal, StringComparison.Ordinal);
        Assert.Equal(KeyId, _replicas[1].BoundKeyId);
    }

    [Fact]
    public void LedgerBlock_FirstProposalNamesAKeyTheNodeDoesNotHold_RefusedAndNotBound()
    {
        var request = _nodes.Request(SessionKind.LedgerBlock, KeyScheme.FrostEd25519, "unknown-key", 2, [1, 2, 3], epoch: 1);
        request.LedgerBlock = _chain.Proposal(_chain.Build());

        Assert.Contains("no share of key unknown-key", _nodes.Refusal(request, 1), StringComparison.Ordinal);
        Assert.Null(_replicas[0].BoundKeyId);
    }

    [Fact]
    public void LedgerBlock_GarbageBlockBytes_Refused()
    {
        var proposal = _chain.Proposal(_chain.Build());
        proposal.Block = ByteString.CopyFrom(proposal.Block.Span[..^3]);

        Assert.Contains("the proposed block does not decode", _nodes.Refusal(Request(proposal, [1, 2, 3]), 1), StringComparison.Ordinal);
        Assert.Null(_replicas[0].BoundKeyId);
    }

    [Fact]
    public void LedgerBlock_ParentWithBadSignature_Refused_AndTheCandidateStaysUnfinalized()
    {
        SignAndFinalize([1, 2, 3]);
        var proposal = _chain.Proposal(_chain.Build());
        var parent = proposal.Parent.ToByteArray();
        parent[^1] ^= 0x01;
        proposal.Parent = ByteString.CopyFrom(parent);

        var refusal = _nodes.Refusal(Request(proposal, [1, 2, 3]), 1);

        Assert.Contains("committee signature of parent block 1 does not verify", refusal, StringComparison.Ordinal);
        Assert.Equal(0, _replicas[0].HeadHeight);
    }

    [Fact]
    public void LedgerBlock_MessagePathOrNoProposal_Refused()
    {
        var withMessage = Request(_chain.Proposal(_chain.Build()), [1, 2, 3]);
        withMessage.Message = ByteString.CopyFromUtf8("extra");
        var withoutProposal = Request(_chain.Proposal(_chain.Build()), [1, 2, 3]);
        withoutProposal.LedgerBlock = null;

        Assert.Contains("no message, path", _nodes.Refusal(withMessage, 1), StringComparison.Ordinal);
        Assert.Contains("carries no proposal", _nodes.Refusal(withoutProposal, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void LedgerBlock_NodeWithoutLedger_Refused()
    {
        using var bare = new TestNodes(seed: 81);
        bare.RunForKey(bare.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, KeyId, 2, [1, 2, 3]));
        var request = bare.Request(SessionKind.LedgerBlock, KeyScheme.FrostEd25519, KeyId, 2, [1, 2, 3], epoch: 1);
        request.LedgerBlock = _chain.Proposal(_chain.Build());

        Assert.Contains("keeps no ledger", bare.Refusal(request, 1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyScheme.FrostEd25519, true)]
    [InlineData(KeyScheme.FrostEd25519, false)]
    [InlineData(KeyScheme.FrostSecp256K1, true)]
    public void Sign_MessageInTheHeaderDomain_Refused(KeyScheme scheme, bool lengthPrefixed)
    {
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, scheme, "wallet", 2, [1, 2, 3]));
        var headerBytes = _chain.Build().Header.SigningBytes(TestSequencer.ChainId);
        var request = _nodes.Request(SessionKind.Sign, scheme, "wallet", 2, [1, 2], epoch: 1);
        request.Message = ByteString.CopyFrom(lengthPrefixed ? headerBytes : headerBytes[4..]);

        Assert.Contains("header signing domain", _nodes.Refusal(request, 1), StringComparison.Ordinal);

        // A message that merely contains the domain later on is an ordinary message.
        var ordinary = _nodes.Request(SessionKind.Sign, scheme, "wallet", 2, [1, 2], epoch: 1);
        ordinary.Message = ByteString.CopyFrom([0x00, .. headerBytes]);
        Assert.NotNull(_nodes.RunForSignature(ordinary));
    }

    [Theory]
    [InlineData(SessionKind.Sign)]
    [InlineData(SessionKind.Destroy)]
    [InlineData(SessionKind.Reshare)]
    public void BoundLedgerKey_SignDestroyReshare_Refused(SessionKind kind)
    {
        SignAndFinalize([1, 2, 3]);
        var request = _nodes.Request(kind, KeyScheme.FrostEd25519, KeyId, 2, [1, 2, 3], epoch: 1);
        request.Message = ByteString.CopyFromUtf8("pay me");

        Assert.Contains($"key {KeyId} is this node's ledger key", _nodes.Refusal(request, 1), StringComparison.Ordinal);
        Assert.Equal([1UL], _nodes.Node(1).Vault.Epochs(KeyId));
    }

    [Fact]
    public void BoundLedgerKey_Refresh_Runs_AndTheRefreshedShareSignsTheNextBlock()
    {
        SignAndFinalize([1, 2, 3]);

        var refreshed = _nodes.RunForKey(_nodes.Request(SessionKind.Refresh, KeyScheme.FrostEd25519, KeyId, 2, [1, 2, 3], epoch: 1));
        var block = _chain.Build();
        var request = _nodes.Request(SessionKind.LedgerBlock, KeyScheme.FrostEd25519, KeyId, 2, [2, 3], epoch: 2);
        request.LedgerBlock = _chain.Proposal(block);
        var signature = _nodes.RunForSignature(request);

        Assert.Equal(_committeeKey.Bytes.ToArray(), refreshed.PublicKey.ToByteArray());
        Assert.True(CommitteeSignature.Verify(_committeeKey, TestSequencer.ChainId, block.Header, signature.Signature.Span));
    }

    [Fact]
    public void BoundLedgerKey_OtherKeysStillSignOrdinaryMessages()
    {
        SignAndFinalize([1, 2, 3]);
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.FrostEd25519, "wallet", 2, [1, 2, 3]));
        var request = _nodes.Request(SessionKind.Sign, KeyScheme.FrostEd25519, "wallet", 2, [1, 3], epoch: 1);
        request.Message = ByteString.CopyFromUtf8("an ordinary message");

        var signature = _nodes.RunForSignature(request);

        Assert.True(Ed25519PublicKey.FromBytes(signature.PublicKey.Span).Verify("an ordinary message"u8, signature.Signature.Span));
    }

    /// <summary>Runs a ledger block session for the next block among <paramref name="parties"/> and finalizes it on the sequencer.</summary>
    private void SignAndFinalize(int[] parties)
    {
        var block = _chain.Build();
        var signature = _nodes.RunForSignature(Request(_chain.Proposal(block), parties));
        _chain.Finalize(block, signature.Signature.ToByteArray());
    }

    private SessionRequest Request(LedgerBlockProposal proposal, int[] parties)
    {
        var request = _nodes.Request(SessionKind.LedgerBlock, KeyScheme.FrostEd25519, KeyId, 2, parties, epoch: 1);
        request.LedgerBlock = proposal;
        return request;
    }

    /// <summary>The same request under a new session id (a node refuses a session id it has seen).</summary>
    private SessionRequest Fresh(SessionRequest request)
    {
        var fresh = _nodes.Request(request.Kind, request.Scheme, request.KeyId, request.Threshold, [.. request.Parties.Select(p => (int)p)], request.Epoch);
        fresh.LedgerBlock = request.LedgerBlock;
        return fresh;
    }

    /// <summary>A copy whose genesis state has one extra key, recorded as its head 0 in a fresh store.</summary>
    private async Task<LedgerReplica> TamperedReplicaAsync()
    {
        var store = new InMemoryLedgerStore();
        var view = new SparseMerkleTree(store).OpenView();
        _chain.Genesis.Apply(view);
        view.Set("accounts/balance/intruder"u8.ToArray(), [0x01]);
        Assert.True(await store.SetHeadAsync(0, view.Commit()));
        var replica = await LedgerReplica.OpenAsync(store, _chain.Genesis);
        _replicas.Add(replica);
        return replica;
    }
}
