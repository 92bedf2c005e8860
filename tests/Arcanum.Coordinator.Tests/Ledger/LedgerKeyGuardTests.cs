using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Policy;
using Arcanum.Coordinator.Sessions;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Storage;
using Arcanum.Transport.Wire;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>The committee key is refused by the governed key operations (409 ledger-key), and a node's refusal names its reporter.</summary>
public sealed class LedgerKeyGuardTests
{
    private const string LedgerKeyId = "key-ledger";

    private const string OtherKeyId = "key-other";

    public static TheoryData<string, string> Operations => new()
    {
        { PolicyOperations.SignRaw, KeyOperationPreparer.Payload(new SignRawCommand(LedgerKeyId, "00", [])) },
        { PolicyOperations.SignTransaction, KeyOperationPreparer.Payload(new SignTransactionCommand(LedgerKeyId, JsonDocument.Parse("{}").RootElement)) },
        { PolicyOperations.Reshare, KeyOperationPreparer.Payload(new ReshareCommand(LedgerKeyId, 2, 3)) },
        { PolicyOperations.KeyDestroy, KeyOperationPreparer.Payload(new DestroyKeyCommand(LedgerKeyId)) },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Prepare_OnTheLedgerKey_Is409LedgerKeyNamingId(string operation, string payload)
    {
        var (preparer, operations) = await PreparerAsync(withGuard: true);

        var problem = await Assert.ThrowsAsync<ApiProblemException>(() => preparer.PrepareAsync(operation, payload, CancellationToken.None));

        Assert.Equal((409, "ledger-key", "id"), (problem.Status, problem.Slug, problem.Field));
        Assert.Empty(operations.Calls);
    }

    [Fact]
    public async Task Prepare_OnAnotherKey_IsPrepared()
    {
        var (preparer, _) = await PreparerAsync(withGuard: true);

        var prepared = await preparer.PrepareAsync(PolicyOperations.KeyDestroy, KeyOperationPreparer.Payload(new DestroyKeyCommand(OtherKeyId)), CancellationToken.None);

        Assert.Equal(OtherKeyId, prepared.KeyId);
    }

    [Fact]
    public async Task Prepare_WithoutALedger_PreparesEveryKey()
    {
        var (preparer, _) = await PreparerAsync(withGuard: false);

        var prepared = await preparer.PrepareAsync(PolicyOperations.KeyDestroy, KeyOperationPreparer.Payload(new DestroyKeyCommand(LedgerKeyId)), CancellationToken.None);

        Assert.Equal(LedgerKeyId, prepared.KeyId);
    }

    [Fact]
    public async Task ActiveSession_NodeAborts_TheEndNamesTheReportingNode()
    {
        var session = new ActiveSession("0123", "ledger_block", LedgerKeyId, [1, 2, 3], TimeProvider.System);

        session.Report(2, new SessionReport { SessionId = ByteString.Empty, From = 2, Aborted = new SessionAborted { Reason = "refused: state root mismatch" } });

        var end = Assert.IsType<SessionEnd.Aborted>(await session.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal((2, 0), (end.ReportedBy, end.Culprits.Count));
        Assert.Equal("node 2: refused: state root mismatch", end.Reason);
    }

    /// <summary>The preparer as the container builds it (the guard is optional there), over two live keys.</summary>
    private static async Task<(KeyOperationPreparer Preparer, RecordingKeyOperations Operations)> PreparerAsync(bool withGuard)
    {
        var store = new InMemoryCoordinatorStore();
        foreach (var id in new[] { LedgerKeyId, OtherKeyId })
        {
            await store.InsertKeyAsync(new KeyRecord(id, id, KeySchemes.FrostEd25519, 2, [1, 2, 3], new byte[32], new byte[32], 0, [], DateTimeOffset.UnixEpoch, null));
        }

        var operations = new RecordingKeyOperations();
        var services = new ServiceCollection()
            .AddSingleton<ICoordinatorStore>(store)
            .AddSingleton<IKeyOperations>(operations)
            .AddSingleton<KeyOperationPreparer>();
        if (withGuard)
        {
            services.AddSingleton<ILedgerKeyGuard>(new FixedGuard(LedgerKeyId));
        }

        return (services.BuildServiceProvider().GetRequiredService<KeyOperationPreparer>(), operations);
    }

    private sealed class FixedGuard(string keyId) : ILedgerKeyGuard
    {
        public bool IsLedgerKey(string id) => id == keyId;
    }
}
