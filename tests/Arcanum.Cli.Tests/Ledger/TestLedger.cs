using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Cli.Tests.Ledger;

/// <summary>
/// A real ledger the way the coordinator keeps one: genesis in a sparse Merkle tree, blocks made by the real
/// <see cref="BlockBuilder"/>, each header signed by a plain Ed25519 key standing in for the committee's FROST key,
/// and query answers with real proofs (a <see cref="RecordingStateView"/> names the keys, <see cref="QueryProof.Create"/>
/// proves them) — and the JSON bodies the ledger routes answer with.
/// </summary>
internal sealed class TestLedger : IDisposable
{
    public const string ChainId = "arcanum-test";
    public const ulong StartTime = 1_700_000_000_000;

    private readonly BlockBuilder _builder = new(ChainId, TransactionExecutor.CreateDefault());

    private TestLedger(GenesisDocument genesis, string committeeSeed)
    {
        Committee = Ed25519PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(committeeSeed)));
        Genesis = genesis;
        Tree = new SparseMerkleTree(new InMemoryTreeNodeStore());
        GenesisBlock = Arcanum.Ledger.Blocks.Genesis.Create(genesis, Tree);
    }

    public Ed25519PrivateKey Committee { get; }

    public string CommitteeHex => Committee.PublicKey.ToString();

    public LedgerTrustAnchor Trust => new(Committee.PublicKey, ChainId);

    public GenesisDocument Genesis { get; }

    public SparseMerkleTree Tree { get; }

    public Block GenesisBlock { get; }

    public List<FinalizedBlock> Blocks { get; } = [];

    public BlockHeader Head => Blocks.Count == 0 ? GenesisBlock.Header : Blocks[^1].Header;

    public static TestLedger Create(IEnumerable<AccountId> funded, string committeeSeed = "committee")
    {
        Assert.True(GenesisDocument.TryCreate(ChainId, funded.Select(id => new GenesisAllocation(id, 1_000)), out var genesis, out var error), error?.ToString());
        var ledger = new TestLedger(genesis, committeeSeed);
        ledger.Commit(); // queries are answered at a signed header, so there is always block 1
        return ledger;
    }

    /// <summary>Builds, signs and appends a block of <paramref name="transactions"/>, every one of which must be included.</summary>
    public FinalizedBlock Commit(params Transaction[] transactions)
    {
        var built = _builder.Build(Head, Tree, transactions, StartTime + ((Head.Height + 1) * 500));
        Assert.Empty(built.Rejected.Select(r => r.Outcome.ToString()));
        Assert.Equal(transactions.Length, built.Block.Transactions.Count);
        var finalized = new FinalizedBlock(built.Block, Committee.Sign(built.Block.Header.SigningBytes(ChainId)));
        Blocks.Add(finalized);
        return finalized;
    }

    /// <summary>The account's next nonce at the head.</summary>
    public ulong NextNonce(AccountId account) => AccountsState.NextNonce(Tree.OpenView(), account);

    /// <summary>The answer to <paramref name="query"/> at the head, with a proof for every key it read.</summary>
    public LedgerAnswer<T> Answer<T>(Func<IStateView, BlockHeader, T> query)
    {
        var header = Blocks[^1].FinalizedHeader;
        var recording = new RecordingStateView(Tree.OpenView());
        var value = query(recording, header.Header);
        var proofs = recording.KeysRead.Select(key => Hex.Encode(QueryProof.Create(Tree, header, key).Encode())).ToList();
        var height = (long)header.Header.Height;
        return new LedgerAnswer<T>(height, value, new LedgerProof(ChainId, height, proofs));
    }

    public string StatusJson(string? committeeHex = null) => JsonSerializer.Serialize(
        new LedgerStatusInfo(ChainId, committeeHex ?? CommitteeHex, (long)Head.Height, Hex.Encode(Head.Hash()), Hex.Encode(Head.StateRoot),
            (long)Head.TimeUnixMilliseconds, 0, 500, 2000),
        LedgerJsonContext.Default.LedgerStatusInfo);

    public string GenesisJson(string? committeeHex = null)
    {
        var allocations = string.Join(",", Genesis.Allocations.Select(a => string.Create(CultureInfo.InvariantCulture, $$"""{"account":"{{a.Account.ToBech32()}}","balance":{{a.Balance}}}""")));
        return $$"""{"chainId":"{{ChainId}}","allocations":[{{allocations}}],"committeeKey":"{{committeeHex ?? CommitteeHex}}"}""";
    }

    public static string BlockJson(FinalizedBlock block) => JsonSerializer.Serialize(
        new LedgerBlockInfo((long)block.Header.Height, Hex.Encode(block.Header.Hash()), Hex.Encode(block.Header.PrevHash), (long)block.Header.TimeUnixMilliseconds,
            Hex.Encode(block.Header.TxRoot), Hex.Encode(block.Header.StateRoot), Hex.Encode(block.Header.EventsRoot), Hex.Encode(block.Signature),
            [.. block.Block.Transactions.Select(t => Hex.Encode(t.Hash()))], Hex.Encode(block.Encode())),
        LedgerJsonContext.Default.LedgerBlockInfo);

    /// <summary>Serves status, genesis and every block on <paramref name="server"/>.</summary>
    public void ServeChain(FakeCoordinator server)
    {
        server.Serve("GET", "/v1/ledger/status", 200, StatusJson());
        server.Serve("GET", "/v1/ledger/genesis", 200, GenesisJson());
        foreach (var block in Blocks)
        {
            server.Serve("GET", "/v1/ledger/blocks/" + block.Header.Height.ToString(CultureInfo.InvariantCulture), 200, BlockJson(block));
        }
    }

    public void Dispose() => Committee.Dispose();
}
