using System.Data.Common;

namespace Arcanum.Storage.Tests;

/// <summary>
/// The <see cref="ICoordinatorStore"/> contract (and, in the Governance part, <see cref="IGovernanceStore"/>),
/// run against each implementation by a subclass that supplies fresh databases. Every test starts on its
/// own migrated, empty database.
/// </summary>
public abstract partial class CoordinatorStoreConformanceTests : IAsyncLifetime
{
    /// <summary>The number of migrations each dialect ships (0001_initial, 0002_governance).</summary>
    private const long NewestSchemaVersion = 2;

    private readonly List<ICoordinatorStore> _stores = [];

    private string _database = "";

    /// <summary>The store under test, open on this test's database and migrated.</summary>
    protected ICoordinatorStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Store = await OpenAsync(_database);
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DropDatabasesAsync();
    }

    /// <summary>Creates an empty database and returns what <see cref="OpenStoreAsync"/> needs to open it.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens a new store instance on <paramref name="database"/>.</summary>
    protected abstract Task<ICoordinatorStore> OpenStoreAsync(string database);

    /// <summary>Opens a plain driver connection to <paramref name="database"/>, to look beneath the store.</summary>
    protected abstract Task<DbConnection> OpenRawConnectionAsync(string database);

    /// <summary>Drops every database <see cref="CreateDatabaseAsync"/> made (after the stores are closed).</summary>
    protected abstract Task DropDatabasesAsync();

    [Fact]
    public async Task MigrateAsync_SecondRun_ChangesNothing()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1"));
        var versionsBefore = await CountMigrationsAsync(_database);

        await Store.MigrateAsync();

        Assert.Equal(NewestSchemaVersion, versionsBefore);
        Assert.Equal(versionsBefore, await CountMigrationsAsync(_database));
        StoreSamples.Equal(StoreSamples.Key("key-1"), await Store.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task MigrateAsync_TwoStoresAtOnceOnEmptyDatabase_ApplyEachMigrationOnce()
    {
        var database = await CreateDatabaseAsync();
        var first = await OpenAsync(database);
        var second = await OpenAsync(database);

        await Task.WhenAll(first.MigrateAsync(), second.MigrateAsync());

        Assert.Equal(NewestSchemaVersion, await CountMigrationsAsync(database));
        await first.InsertKeyAsync(StoreSamples.Key("key-1"));
        Assert.NotNull(await second.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task UpsertNodeAsync_NewNodes_ListedAscendingByIdWithEveryField()
    {
        var seen = StoreSamples.Start.AddMinutes(1);
        await Store.UpsertNodeAsync(StoreSamples.Node(3));
        await Store.UpsertNodeAsync(StoreSamples.Node(1, lastSeen: seen, version: "1.2.3"));
        await Store.UpsertNodeAsync(StoreSamples.Node(2));

        var nodes = await Store.ListNodesAsync();

        Assert.Equal([1, 2, 3], nodes.Select(node => node.Id));
        StoreSamples.Equal(StoreSamples.Node(1, lastSeen: seen, version: "1.2.3"), nodes[0]);
        StoreSamples.Equal(StoreSamples.Node(3), nodes[2]);
    }

    [Fact]
    public async Task UpsertNodeAsync_ExistingNode_UpdatesNameAndKeysButKeepsLastSeen()
    {
        var seen = StoreSamples.Start.AddMinutes(1);
        await Store.UpsertNodeAsync(StoreSamples.Node(1));
        Assert.True(await Store.TouchNodeAsync(1, seen, "1.0.0"));
        var replacement = StoreSamples.Node(7) with { Id = 1, Name = "renamed" };

        await Store.UpsertNodeAsync(replacement);

        var node = Assert.Single(await Store.ListNodesAsync());
        StoreSamples.Equal(replacement with { LastSeen = seen, Version = "1.0.0" }, node);
    }

    [Fact]
    public async Task TouchNodeAsync_KnownNode_RecordsSeenAtAndVersion()
    {
        await Store.UpsertNodeAsync(StoreSamples.Node(2));
        var seen = StoreSamples.Start.AddHours(3);

        Assert.True(await Store.TouchNodeAsync(2, seen, "2.0.0"));

        var node = Assert.Single(await Store.ListNodesAsync());
        Assert.Equal((seen, "2.0.0"), (node.LastSeen, node.Version));
    }

    [Fact]
    public async Task TouchNodeAsync_UnknownNode_ReturnsFalse()
    {
        await Store.UpsertNodeAsync(StoreSamples.Node(1));

        Assert.False(await Store.TouchNodeAsync(9, StoreSamples.Start, "1.0.0"));
        Assert.Null(Assert.Single(await Store.ListNodesAsync()).LastSeen);
    }

    [Fact]
    public async Task UpsertNodeAsync_ShortIdentityKey_ThrowsNamingTheNode()
    {
        var node = StoreSamples.Node(4) with { IdentityKey = new byte[31] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertNodeAsync(node));

        Assert.Contains("Node 4", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListNodesAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task UpsertNodeAsync_IdOutsidePartyRange_Throws(int id)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UpsertNodeAsync(StoreSamples.Node(1) with { Id = id }));

        Assert.Empty(await Store.ListNodesAsync());
    }

    [Fact]
    public async Task InsertKeyAsync_NewKey_EveryFieldRoundTrips()
    {
        var key = StoreSamples.Key("key-1") with { ChainCode = [], Parties = [5, 1, 65535], Threshold = 3, Epoch = long.MaxValue - 1 };

        await Store.InsertKeyAsync(key);

        StoreSamples.Equal(key, await Store.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task InsertKeyAsync_SubMillisecondInstantWithOffset_ReadBackAsUtcMillisecond()
    {
        var precise = StoreSamples.Start.AddTicks(9_999);
        await Store.InsertKeyAsync(StoreSamples.Key("key-1", createdAt: precise));

        var stored = (await Store.GetKeyAsync("key-1"))!.CreatedAt;

        Assert.Equal(StoreSamples.Start, stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Fact]
    public async Task InsertKeyAsync_DuplicateId_ThrowsConflictNamingTheId()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1", name: "first"));

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Store.InsertKeyAsync(StoreSamples.Key("key-1", name: "second")));

        Assert.Contains("id 'key-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal("first", (await Store.GetKeyAsync("key-1"))!.Name);
    }

    [Fact]
    public async Task InsertKeyAsync_DuplicateLiveName_ThrowsConflictNamingTheName()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1", name: "treasury"));

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Store.InsertKeyAsync(StoreSamples.Key("key-2", name: "treasury")));

        Assert.Contains("named 'treasury'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetKeyAsync("key-2"));
    }

    [Fact]
    public async Task InsertKeyAsync_NameOfDestroyedKey_IsAccepted()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1", name: "treasury"));
        Assert.True(await Store.DestroyKeyAsync("key-1", StoreSamples.Start.AddDays(1)));

        await Store.InsertKeyAsync(StoreSamples.Key("key-2", name: "treasury"));

        Assert.Equal(["key-2"], (await Store.ListKeysAsync()).Select(key => key.Id));
        Assert.Equal("treasury", (await Store.GetKeyAsync("key-1"))!.Name);
    }

    [Fact]
    public async Task InsertKeyAsync_ThresholdAboveParties_ThrowsAndStoresNothing()
    {
        var key = StoreSamples.Key("key-1") with { Threshold = 4 };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertKeyAsync(key));

        Assert.Null(await Store.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task GetKeyAsync_UnknownId_ReturnsNull()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1"));

        Assert.Null(await Store.GetKeyAsync("key-2"));
    }

    [Fact]
    public async Task ListKeysAsync_LiveAndDestroyedKeys_ListsLiveOnesOldestFirst()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("newest", createdAt: StoreSamples.Start.AddSeconds(2)));
        await Store.InsertKeyAsync(StoreSamples.Key("oldest", createdAt: StoreSamples.Start));
        await Store.InsertKeyAsync(StoreSamples.Key("gone", createdAt: StoreSamples.Start.AddSeconds(1)));
        await Store.InsertKeyAsync(StoreSamples.Key("middle", createdAt: StoreSamples.Start.AddSeconds(1)));
        await Store.DestroyKeyAsync("gone", StoreSamples.Start.AddSeconds(3));

        var keys = await Store.ListKeysAsync();

        Assert.Equal(["oldest", "middle", "newest"], keys.Select(key => key.Id));
    }

    [Fact]
    public async Task AdvanceKeyEpochAsync_ExpectedEpoch_ReplacesEpochThresholdPartiesAndShares()
    {
        var key = StoreSamples.Key("key-1", epoch: 4);
        await Store.InsertKeyAsync(key);
        var update = new KeyEpochUpdate(5, 3, [2, 4, 6, 8], [0xEE, 0x01]);

        Assert.True(await Store.AdvanceKeyEpochAsync("key-1", 4, update));

        StoreSamples.Equal(
            key with { Epoch = 5, Threshold = 3, Parties = [2, 4, 6, 8], VerificationShares = [0xEE, 0x01] },
            await Store.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task AdvanceKeyEpochAsync_StaleExpectedEpoch_ReturnsFalseAndChangesNothing()
    {
        var key = StoreSamples.Key("key-1", epoch: 4);
        await Store.InsertKeyAsync(key);

        Assert.False(await Store.AdvanceKeyEpochAsync("key-1", 3, new KeyEpochUpdate(5, 3, [2, 4, 6], [0xEE])));

        StoreSamples.Equal(key, await Store.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task AdvanceKeyEpochAsync_RetriedAfterSuccess_ReturnsFalse()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1"));
        var update = new KeyEpochUpdate(1, 2, [1, 2, 3], [0x01]);
        Assert.True(await Store.AdvanceKeyEpochAsync("key-1", 0, update));

        Assert.False(await Store.AdvanceKeyEpochAsync("key-1", 0, update));

        Assert.Equal(1, (await Store.GetKeyAsync("key-1"))!.Epoch);
    }

    [Fact]
    public async Task AdvanceKeyEpochAsync_DestroyedKey_ReturnsFalseAndChangesNothing()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1"));
        var destroyedAt = StoreSamples.Start.AddDays(1);
        Assert.True(await Store.DestroyKeyAsync("key-1", destroyedAt));

        Assert.False(await Store.AdvanceKeyEpochAsync("key-1", 0, new KeyEpochUpdate(1, 2, [1, 2], [0x01])));

        StoreSamples.Equal(StoreSamples.Key("key-1") with { DestroyedAt = destroyedAt }, await Store.GetKeyAsync("key-1"));
    }

    [Fact]
    public async Task AdvanceKeyEpochAsync_UnknownKey_ReturnsFalse()
    {
        Assert.False(await Store.AdvanceKeyEpochAsync("key-9", 0, new KeyEpochUpdate(1, 1, [1], [0x01])));
    }

    [Fact]
    public async Task AdvanceKeyEpochAsync_EpochNotAboveExpected_Throws()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1", epoch: 2));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.AdvanceKeyEpochAsync("key-1", 2, new KeyEpochUpdate(2, 2, [1, 2], [0x01])));

        Assert.Equal(2, (await Store.GetKeyAsync("key-1"))!.Epoch);
    }

    [Fact]
    public async Task DestroyKeyAsync_Twice_SecondReturnsFalseAndKeepsFirstInstant()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1"));
        var first = StoreSamples.Start.AddDays(1);

        Assert.True(await Store.DestroyKeyAsync("key-1", first));
        Assert.False(await Store.DestroyKeyAsync("key-1", first.AddDays(1)));

        Assert.Equal(first, (await Store.GetKeyAsync("key-1"))!.DestroyedAt);
        Assert.Empty(await Store.ListKeysAsync());
    }

    [Fact]
    public async Task DestroyKeyAsync_UnknownKey_ReturnsFalse()
    {
        Assert.False(await Store.DestroyKeyAsync("key-9", StoreSamples.Start));
    }

    [Fact]
    public async Task InsertSessionAsync_NewSession_EveryFieldRoundTrips()
    {
        await Store.InsertSessionAsync(StoreSamples.Session("s-0"));
        var session = new SessionRecord(
            "s-1", "reshare", null, [1, 2, 4], SessionStatus.Running, "note", [4], [2], "{\"partial\":true}", "s-0", StoreSamples.Start, null);

        await Store.InsertSessionAsync(session);

        StoreSamples.Equal(session, await Store.GetSessionAsync("s-1"));
    }

    [Fact]
    public async Task InsertSessionAsync_DuplicateId_ThrowsConflictAndKeepsTheFirst()
    {
        await Store.InsertSessionAsync(StoreSamples.Session("s-1", keyId: "key-1"));

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Store.InsertSessionAsync(StoreSamples.Session("s-1", keyId: "key-2")));

        Assert.Contains("'s-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal("key-1", (await Store.GetSessionAsync("s-1"))!.KeyId);
    }

    [Fact]
    public async Task InsertSessionAsync_RetryOfUnknownSession_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertSessionAsync(StoreSamples.Session("s-2", retryOf: "s-1")));

        Assert.Contains("'s-1'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetSessionAsync("s-2"));
    }

    [Fact]
    public async Task InsertSessionAsync_NotRunning_Throws()
    {
        var ended = StoreSamples.Ended(StoreSamples.Session("s-1"), StoreSamples.Completed("{}"));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertSessionAsync(ended));

        Assert.Null(await Store.GetSessionAsync("s-1"));
    }

    [Fact]
    public async Task EndSessionAsync_RunningSession_StoresOutcome()
    {
        var session = StoreSamples.Session("s-1");
        await Store.InsertSessionAsync(session);
        var outcome = StoreSamples.Aborted("equivocation");

        Assert.True(await Store.EndSessionAsync("s-1", outcome));

        StoreSamples.Equal(StoreSamples.Ended(session, outcome), await Store.GetSessionAsync("s-1"));
    }

    [Fact]
    public async Task EndSessionAsync_AlreadyEnded_ReturnsFalseAndChangesNothing()
    {
        var session = StoreSamples.Session("s-1");
        await Store.InsertSessionAsync(session);
        var first = StoreSamples.Completed("{\"signature\":\"00\"}");
        Assert.True(await Store.EndSessionAsync("s-1", first));

        Assert.False(await Store.EndSessionAsync("s-1", StoreSamples.Aborted("late")));
        Assert.False(await Store.EndSessionAsync("s-1", first));

        StoreSamples.Equal(StoreSamples.Ended(session, first), await Store.GetSessionAsync("s-1"));
    }

    [Fact]
    public async Task EndSessionAsync_UnknownSession_ReturnsFalse()
    {
        Assert.False(await Store.EndSessionAsync("s-9", StoreSamples.Completed("{}")));
        Assert.Null(await Store.GetSessionAsync("s-9"));
    }

    [Fact]
    public async Task EndSessionAsync_OutcomeRunning_Throws()
    {
        await Store.InsertSessionAsync(StoreSamples.Session("s-1"));
        var outcome = StoreSamples.Completed("{}") with { Status = SessionStatus.Running };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.EndSessionAsync("s-1", outcome));

        Assert.Null((await Store.GetSessionAsync("s-1"))!.EndedAt);
    }

    [Fact]
    public async Task ListRunningSessionsAsync_MixedStates_ListsRunningOldestFirst()
    {
        await Store.InsertSessionAsync(StoreSamples.Session("late", StoreSamples.Start.AddSeconds(9)));
        await Store.InsertSessionAsync(StoreSamples.Session("early", StoreSamples.Start));
        await Store.InsertSessionAsync(StoreSamples.Session("done", StoreSamples.Start.AddSeconds(1)));
        await Store.InsertSessionAsync(StoreSamples.Session("timed-out", StoreSamples.Start.AddSeconds(2)));
        await Store.EndSessionAsync("done", StoreSamples.Completed("{}"));
        await Store.EndSessionAsync("timed-out", new SessionOutcome(SessionStatus.TimedOut, "deadline", [], [2, 3], null, StoreSamples.Start.AddMinutes(1)));

        var running = await Store.ListRunningSessionsAsync();

        Assert.Equal(["early", "late"], running.Select(session => session.Id));
        Assert.Equal([2, 3], (await Store.GetSessionAsync("timed-out"))!.Missing);
    }

    [Fact]
    public async Task OpenAsync_NewInstanceOnSameDatabase_SeesEverything()
    {
        var node = StoreSamples.Node(1, lastSeen: StoreSamples.Start, version: "1.0.0");
        var key = StoreSamples.Key("key-1");
        var session = StoreSamples.Session("s-1");
        var outcome = StoreSamples.Completed("{}");
        await Store.UpsertNodeAsync(node);
        await Store.InsertKeyAsync(key);
        await Store.InsertSessionAsync(session);
        await Store.EndSessionAsync("s-1", outcome);
        await Store.InsertSessionAsync(StoreSamples.Session("s-2"));
        await Store.DisposeAsync();

        var reopened = await OpenAsync(_database);
        await reopened.MigrateAsync();

        StoreSamples.Equal(node, Assert.Single(await reopened.ListNodesAsync()));
        StoreSamples.Equal(key, Assert.Single(await reopened.ListKeysAsync()));
        StoreSamples.Equal(StoreSamples.Ended(session, outcome), await reopened.GetSessionAsync("s-1"));
        Assert.Equal("s-2", Assert.Single(await reopened.ListRunningSessionsAsync()).Id);
    }

    [Fact]
    public async Task EndSessionAsync_EightConcurrentEndsOverTwoInstances_ExactlyOneWins()
    {
        var session = StoreSamples.Session("s-1");
        await Store.InsertSessionAsync(session);
        var other = await OpenAsync(_database);
        var outcomes = Enumerable.Range(0, 8).Select(index => StoreSamples.Aborted($"contender {index}")).ToArray();

        var results = await Task.WhenAll(outcomes.Select((outcome, index) =>
            Task.Run(() => (index % 2 == 0 ? Store : other).EndSessionAsync("s-1", outcome))));

        var winner = Assert.Single(results.Select((won, index) => (won, index)), result => result.won);
        StoreSamples.Equal(StoreSamples.Ended(session, outcomes[winner.index]), await Store.GetSessionAsync("s-1"));
    }

    [Fact]
    public async Task InsertAndEndSessionAsync_TwoHundredConcurrently_AllStored()
    {
        var ids = Enumerable.Range(0, 200).Select(index => $"s-{index:D3}").ToArray();

        var ended = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await Store.InsertSessionAsync(StoreSamples.Session(id));
            return await Store.EndSessionAsync(id, StoreSamples.Completed($"\"{id}\""));
        })));

        Assert.All(ended, Assert.True);
        Assert.Empty(await Store.ListRunningSessionsAsync());
        Assert.Equal("\"s-123\"", (await Store.GetSessionAsync("s-123"))!.Result);
    }

    [Fact]
    public async Task Schema_UpdateOfEndedSessionBehindTheStore_IsRejected()
    {
        await Store.InsertSessionAsync(StoreSamples.Session("s-1"));
        await Store.EndSessionAsync("s-1", StoreSamples.Completed("{}"));
        await using var connection = await OpenRawConnectionAsync(_database);

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, "UPDATE sessions SET status = 'running', ended_at = NULL WHERE id = 's-1'"));

        Assert.Equal(SessionStatus.Completed, (await Store.GetSessionAsync("s-1"))!.Status);
    }

    [Fact]
    public async Task Schema_UpdateOfDestroyedKeyBehindTheStore_IsRejected()
    {
        await Store.InsertKeyAsync(StoreSamples.Key("key-1"));
        await Store.DestroyKeyAsync("key-1", StoreSamples.Start);
        await using var connection = await OpenRawConnectionAsync(_database);

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, "UPDATE keys SET destroyed_at = NULL WHERE id = 'key-1'"));

        Assert.Empty(await Store.ListKeysAsync());
    }

    [Fact]
    public async Task GetSessionAsync_CorruptStoredList_ThrowsNamingColumnAndRow()
    {
        await Store.InsertSessionAsync(StoreSamples.Session("s-1"));
        await using var connection = await OpenRawConnectionAsync(_database);
        await ExecuteAsync(connection, "UPDATE sessions SET culprits = '[1,' WHERE id = 's-1'");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetSessionAsync("s-1"));

        Assert.Contains("sessions.culprits of row 's-1'", error.Message, StringComparison.Ordinal);
    }

    private async Task<ICoordinatorStore> OpenAsync(string database)
    {
        var store = await OpenStoreAsync(database);
        _stores.Add(store);
        return store;
    }

    private async Task<long> CountMigrationsAsync(string database)
    {
        await using var connection = await OpenRawConnectionAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
