using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Sessions;
using Arcanum.Coordinator.Tests.Metrics;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Transactions;
using Arcanum.Mpc.Frost;
using Arcanum.Storage;
using Arcanum.Transport.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>
/// A <see cref="LedgerSequencer"/> over a <see cref="CountingLedgerStore"/>, the in-memory coordinator store and a
/// <see cref="FakeCommittee"/> of three members (2-of-3), with Alice funded at genesis.
/// </summary>
internal sealed class SequencerHarness : IAsyncDisposable
{
    public const string ChainId = "test-chain";

    public const ulong AliceFunds = 1_000_000;

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private SequencerHarness(CountingLedgerStore store, LedgerSettings settings, int frameBudget)
    {
        Store = store;
        Committee = new FakeCommittee(CommitteeKey);
        foreach (var member in Members)
        {
            Committee.Connect(member);
        }

        Keys = new CommitteeKeyOperations(Coordinator, CommitteeKey.PublicKey);
        Metrics = new ArcanumMetrics(_services.GetRequiredService<IMeterFactory>(), new FakeClusterView());
        Exporter = new PrometheusTextExporter(Metrics);
        Assert.True(GenesisDocument.TryCreate(ChainId, [new GenesisAllocation(AccountId.FromPublicKey(Alice.PublicKey), AliceFunds)], out var genesis, out _));
        Genesis = genesis;
        Sequencer = new LedgerSequencer(settings, genesis, _ => Task.FromResult<Storage.Ledger.ILedgerStore>(store), Committee, Keys, Coordinator, Members,
            TimeProvider.System, NullLogger<LedgerSequencer>.Instance, Metrics, frameBudget);
    }

    public static IReadOnlyList<int> Members { get; } = [1, 2, 3];

    public Ed25519PrivateKey CommitteeKey { get; } = Key(0xc0);

    public Ed25519PrivateKey Alice { get; } = Key(0xa1);

    public Ed25519PrivateKey Bob { get; } = Key(0xb0);

    public AccountId BobId => AccountId.FromPublicKey(Bob.PublicKey);

    public AccountId AliceId => AccountId.FromPublicKey(Alice.PublicKey);

    public GenesisDocument Genesis { get; }

    public CountingLedgerStore Store { get; }

    public InMemoryCoordinatorStore Coordinator { get; } = new();

    public FakeCommittee Committee { get; }

    public CommitteeKeyOperations Keys { get; }

    public ArcanumMetrics Metrics { get; }

    public PrometheusTextExporter Exporter { get; }

    public LedgerSequencer Sequencer { get; }

    /// <summary>Initializes the sequencer and, unless told otherwise, binds the committee key (created through the key operations).</summary>
    public static async Task<SequencerHarness> StartAsync(LedgerSettings? settings = null, int frameBudget = LedgerSequencer.MaxSyncBytes,
        bool bindCommittee = true, CountingLedgerStore? store = null)
    {
        var harness = new SequencerHarness(store ?? new CountingLedgerStore(), settings ?? new LedgerSettings(), frameBudget);
        await harness.Sequencer.InitializeAsync(CancellationToken.None);
        if (bindCommittee)
        {
            Assert.True(await harness.Sequencer.TryBindCommitteeAsync(CancellationToken.None));
        }

        return harness;
    }

    public Transaction Transfer(ulong nonce, ulong amount = 10, string chainId = ChainId) =>
        Transaction.Sign(chainId, Alice, nonce, "accounts", "transfer", new TransferArgs(BobId, amount).Encode());

    /// <summary>Produces a block and asserts it was finalized.</summary>
    public async Task FinalizeBlockAsync() => Assert.True(await Sequencer.ProduceBlockAsync(CancellationToken.None));

    public PrometheusDocument Scrape()
    {
        Assert.True(PrometheusText.TryParse(Exporter.Scrape(), out var document, out var errors), string.Join("; ", errors));
        return document;
    }

    public async ValueTask DisposeAsync()
    {
        await Sequencer.DisposeAsync();
        Exporter.Dispose();
        await _services.DisposeAsync();
        CommitteeKey.Dispose();
        Alice.Dispose();
        Bob.Dispose();
    }

    private static Ed25519PrivateKey Key(byte fill) => Ed25519PrivateKey.FromSeed(Enumerable.Repeat(fill, Ed25519PrivateKey.SeedLength).ToArray());
}

/// <summary>Creates keys for the sequencer: stores a frost-ed25519 key record whose public key is the fake committee's; records each call.</summary>
internal sealed class CommitteeKeyOperations(InMemoryCoordinatorStore store, Ed25519PublicKey committeeKey) : IKeyOperations
{
    private readonly ConcurrentQueue<(string Name, string Scheme, int Threshold, int Parties)> _created = new();

    public IReadOnlyList<(string Name, string Scheme, int Threshold, int Parties)> Created => [.. _created];

    public async Task<KeyInfo> CreateKeyAsync(string name, string scheme, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        _created.Enqueue((name, scheme, threshold, partyCount));
        var record = new KeyRecord($"key-{_created.Count}", name, scheme, threshold, [.. Enumerable.Range(1, partyCount)], committeeKey.Bytes.ToArray(),
            new byte[32], 0, [], DateTimeOffset.UnixEpoch, null);
        await store.InsertKeyAsync(record, cancellationToken);
        return new KeyInfo(record.Id, name, scheme, threshold, record.Parties, Convert.ToHexStringLower(record.PublicKey), new string('0', 64), 0, record.CreatedAt);
    }

    public Task<SignResponse> SignAsync(string keyId, byte[] payload, IReadOnlyList<uint> path, TaprootTweak? taproot, ApprovalEvidence? approval, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the sequencer only creates keys");

    public Task<KeyInfo> RefreshAsync(string keyId, CancellationToken cancellationToken) => throw new NotSupportedException("the sequencer only creates keys");

    public Task<KeyInfo> ReshareAsync(string keyId, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the sequencer only creates keys");

    public Task DestroyAsync(string keyId, ApprovalEvidence? approval, CancellationToken cancellationToken) => throw new NotSupportedException("the sequencer only creates keys");
}
