using System.Data.Common;

namespace Arcanum.Storage.Tests;

/// <summary>
/// The governance part of the conformance suite: the <see cref="IGovernanceStore"/> contract, its guards
/// (unique constraints, expected states, forward-only moves) and the triggers that keep the audit log
/// append-only, on the same fresh database per test as the rest of the suite.
/// </summary>
public abstract partial class CoordinatorStoreConformanceTests
{
    /// <summary>The store under test, seen through its governance interface.</summary>
    private IGovernanceStore Governance => (IGovernanceStore)Store;

    /// <summary>The dialect folder of the embedded migrations (<c>Sqlite</c>, <c>Postgres</c>).</summary>
    protected abstract string MigrationDialect { get; }

    // ----- migrations -----

    [Fact]
    public async Task MigrateAsync_DatabaseAtVersionOneWithData_UpgradesToTwoKeepingTheData()
    {
        var database = await CreateDatabaseAsync();
        var store = await OpenAsync(database);
        await using (var connection = await OpenRawConnectionAsync(database))
        {
            await ExecuteAsync(connection, ReadMigration("0001_initial.sql"));
            await ExecuteAsync(
                connection,
                "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL); " +
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, '0001_initial.sql', 0)");
        }

        await store.InsertKeyAsync(StoreSamples.Key("key-1"));
        await store.InsertSessionAsync(StoreSamples.Session("s-1"));
        await Assert.ThrowsAnyAsync<DbException>(() => ((IGovernanceStore)store).ListTokensAsync());

        await store.MigrateAsync();

        Assert.Equal(NewestSchemaVersion, await CountMigrationsAsync(database));
        StoreSamples.Equal(StoreSamples.Key("key-1"), await store.GetKeyAsync("key-1"));
        StoreSamples.Equal(StoreSamples.Session("s-1"), await store.GetSessionAsync("s-1"));
        await ((IGovernanceStore)store).InsertTokenAsync(GovernanceSamples.Token("acc-1"));
        Assert.Single(await ((IGovernanceStore)store).ListTokensAsync());
    }

    // ----- tokens -----

    [Fact]
    public async Task InsertTokenAsync_NewToken_EveryFieldRoundTripsByAccessorAndByHash()
    {
        var token = GovernanceSamples.Token("acc-1", role: "approver");

        await Governance.InsertTokenAsync(token);

        GovernanceSamples.Equal(token, await Governance.GetTokenAsync("acc-1"));
        GovernanceSamples.Equal(token, await Governance.FindTokenBySecretHashAsync(GovernanceSamples.SecretHash("acc-1")));
    }

    [Fact]
    public async Task InsertTokenAsync_NoExpiryNoCreator_RoundTripsNulls()
    {
        var token = GovernanceSamples.Token("acc-1", role: "admin") with { ExpiresAt = null, CreatedBy = null };

        await Governance.InsertTokenAsync(token);

        GovernanceSamples.Equal(token, await Governance.GetTokenAsync("acc-1"));
    }

    [Fact]
    public async Task InsertTokenAsync_DuplicateAccessor_ThrowsConflictNamingTheAccessor()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1", name: "first"));
        var duplicate = GovernanceSamples.Token("acc-1", name: "second") with { SecretHash = GovernanceSamples.SecretHash("other") };

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Governance.InsertTokenAsync(duplicate));

        Assert.Contains("accessor 'acc-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal("first", (await Governance.GetTokenAsync("acc-1"))!.Name);
    }

    [Fact]
    public async Task InsertTokenAsync_DuplicateSecretHash_ThrowsConflictWithoutTheHash()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1"));
        var duplicate = GovernanceSamples.Token("acc-2") with { SecretHash = GovernanceSamples.SecretHash("acc-1") };

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Governance.InsertTokenAsync(duplicate));

        Assert.Contains("same secret hash", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(GovernanceSamples.SecretHash("acc-1")), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await Governance.GetTokenAsync("acc-2"));
    }

    [Fact]
    public async Task InsertTokenAsync_DuplicateUnrevokedName_ThrowsConflictNamingTheName()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1", name: "ci"));

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => Governance.InsertTokenAsync(GovernanceSamples.Token("acc-2", name: "ci")));

        Assert.Contains("named 'ci'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Governance.GetTokenAsync("acc-2"));
    }

    [Fact]
    public async Task InsertTokenAsync_NameOfRevokedToken_IsAccepted()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1", name: "ci"));
        Assert.True(await Governance.RevokeTokenAsync("acc-1", GovernanceSamples.Start.AddHours(1)));

        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-2", name: "ci"));

        Assert.Equal("ci", (await Governance.GetTokenAsync("acc-2"))!.Name);
        Assert.NotNull((await Governance.GetTokenAsync("acc-1"))!.RevokedAt);
    }

    [Theory]
    [InlineData("root", 32, false)]
    [InlineData("signer", 31, false)]
    [InlineData("signer", 33, false)]
    [InlineData("signer", 32, true)]
    public async Task InsertTokenAsync_ImpossibleToken_ThrowsAndStoresNothing(string role, int hashLength, bool revoked)
    {
        var token = GovernanceSamples.Token("acc-1", role: role) with
        {
            SecretHash = new byte[hashLength],
            RevokedAt = revoked ? GovernanceSamples.Start : null,
        };

        await Assert.ThrowsAsync<ArgumentException>(() => Governance.InsertTokenAsync(token));

        Assert.Empty(await Governance.ListTokensAsync());
    }

    [Fact]
    public async Task RevokeTokenAsync_Twice_SecondReturnsFalseAndKeepsFirstInstant()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1"));
        var first = GovernanceSamples.Start.AddHours(2);

        Assert.True(await Governance.RevokeTokenAsync("acc-1", first));
        Assert.False(await Governance.RevokeTokenAsync("acc-1", first.AddHours(1)));

        Assert.Equal(first, (await Governance.GetTokenAsync("acc-1"))!.RevokedAt);
    }

    [Fact]
    public async Task RevokeTokenAsync_UnknownAccessor_ReturnsFalse()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1"));

        Assert.False(await Governance.RevokeTokenAsync("acc-9", GovernanceSamples.Start));
        Assert.Null((await Governance.GetTokenAsync("acc-1"))!.RevokedAt);
    }

    [Fact]
    public async Task ListTokensAsync_RevokedAndLive_AllOldestFirst()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("late", createdAt: GovernanceSamples.Start.AddSeconds(2)));
        await Governance.InsertTokenAsync(GovernanceSamples.Token("early", createdAt: GovernanceSamples.Start));
        await Governance.InsertTokenAsync(GovernanceSamples.Token("middle", createdAt: GovernanceSamples.Start.AddSeconds(1)));
        await Governance.RevokeTokenAsync("early", GovernanceSamples.Start.AddSeconds(3));

        var tokens = await Governance.ListTokensAsync();

        Assert.Equal(["early", "middle", "late"], tokens.Select(token => token.Accessor));
    }

    [Fact]
    public async Task FindTokenBySecretHashAsync_UnknownHash_ReturnsNull()
    {
        await Governance.InsertTokenAsync(GovernanceSamples.Token("acc-1"));

        Assert.Null(await Governance.FindTokenBySecretHashAsync(GovernanceSamples.SecretHash("acc-2")));
        Assert.Null(await Governance.GetTokenAsync("acc-2"));
    }

    // ----- policies -----

    [Fact]
    public async Task InsertPolicyAsync_SuccessiveVersions_NewestIsActiveAndAllAreKept()
    {
        Assert.Null(await Governance.GetActivePolicyAsync());

        Assert.True(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(1)));
        Assert.True(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(2, createdBy: "ops")));
        Assert.True(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(3)));

        Assert.Equal(GovernanceSamples.Policy(3), await Governance.GetActivePolicyAsync());
        Assert.Equal(GovernanceSamples.Policy(2, createdBy: "ops"), await Governance.GetPolicyAsync(2));
        Assert.Equal([1L, 2L, 3L], (await Governance.ListPoliciesAsync()).Select(policy => policy.Version));
        Assert.Null(await Governance.GetPolicyAsync(4));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task InsertPolicyAsync_FirstVersionNotOne_ReturnsFalse(long version)
    {
        Assert.False(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(version)));

        Assert.Empty(await Governance.ListPoliciesAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task InsertPolicyAsync_NotNewestPlusOne_ReturnsFalseAndKeepsStoredVersions(long version)
    {
        Assert.True(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(1)));
        Assert.True(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(2)));

        Assert.False(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(version, createdBy: "intruder")));

        var policies = await Governance.ListPoliciesAsync();
        Assert.Equal([GovernanceSamples.Policy(1), GovernanceSamples.Policy(2)], policies);
    }

    [Fact]
    public async Task InsertPolicyAsync_VersionZero_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Governance.InsertPolicyAsync(GovernanceSamples.Policy(0)));

        Assert.Empty(await Governance.ListPoliciesAsync());
    }

    [Fact]
    public async Task InsertPolicyAsync_EightConcurrentWritersOfOneVersionOverTwoInstances_ExactlyOneWins()
    {
        Assert.True(await Governance.InsertPolicyAsync(GovernanceSamples.Policy(1)));
        var other = (IGovernanceStore)await OpenAsync(_database);
        var contenders = Enumerable.Range(0, 8).Select(index => GovernanceSamples.Policy(2, createdBy: $"writer-{index}")).ToArray();

        var results = await Task.WhenAll(contenders.Select((policy, index) =>
            Task.Run(() => (index % 2 == 0 ? Governance : other).InsertPolicyAsync(policy))));

        var winner = Assert.Single(results.Select((won, index) => (won, index)), result => result.won);
        Assert.Equal(contenders[winner.index], await Governance.GetActivePolicyAsync());
        Assert.Equal(2, (await Governance.ListPoliciesAsync()).Count);
    }

    // ----- requests and approvals -----

    [Fact]
    public async Task InsertRequestAsync_NewRequest_EveryFieldRoundTrips()
    {
        var request = GovernanceSamples.Request("r-1");

        await Governance.InsertRequestAsync(request);

        GovernanceSamples.Equal(request, await Governance.GetRequestAsync("r-1"));
        Assert.Null(await Governance.GetRequestAsync("r-2"));
    }

    [Fact]
    public async Task InsertRequestAsync_DuplicateId_ThrowsConflictAndKeepsTheFirst()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));

        var error = await Assert.ThrowsAsync<StoreConflictException>(
            () => Governance.InsertRequestAsync(GovernanceSamples.Request("r-1") with { KeyId = "key-2" }));

        Assert.Contains("'r-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal("key-1", (await Governance.GetRequestAsync("r-1"))!.KeyId);
    }

    [Fact]
    public async Task InsertRequestAsync_NotPending_Throws()
    {
        var request = GovernanceSamples.Request("r-1") with { Status = RequestStatus.Approved };

        await Assert.ThrowsAsync<ArgumentException>(() => Governance.InsertRequestAsync(request));

        Assert.Null(await Governance.GetRequestAsync("r-1"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public async Task InsertRequestAsync_NoQuorumOrNoApprovers_Throws(int quorum, int approvers)
    {
        var request = GovernanceSamples.Request("r-1") with { Quorum = quorum, Approvers = Enumerable.Repeat("bob", approvers).ToArray() };

        await Assert.ThrowsAsync<ArgumentException>(() => Governance.InsertRequestAsync(request));

        Assert.Null(await Governance.GetRequestAsync("r-1"));
    }

    [Fact]
    public async Task ListRequestsAsync_MixedStates_NewestFirstFilteredAndLimited()
    {
        foreach (var index in Enumerable.Range(0, 5))
        {
            await Governance.InsertRequestAsync(GovernanceSamples.Request($"r-{index}", GovernanceSamples.Start.AddSeconds(index)));
        }

        await Governance.MoveRequestAsync("r-3", RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Rejected, null, "no", GovernanceSamples.Start));
        await Governance.MoveRequestAsync("r-1", RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Rejected, null, "no", GovernanceSamples.Start));

        Assert.Equal(["r-4", "r-3", "r-2", "r-1", "r-0"], (await Governance.ListRequestsAsync(null, 10)).Select(request => request.Id));
        Assert.Equal(["r-4", "r-3"], (await Governance.ListRequestsAsync(null, 2)).Select(request => request.Id));
        Assert.Equal(["r-4", "r-2", "r-0"], (await Governance.ListRequestsAsync(RequestStatus.PendingApproval, 10)).Select(request => request.Id));
        Assert.Equal(["r-3"], (await Governance.ListRequestsAsync(RequestStatus.Rejected, 1)).Select(request => request.Id));
        Assert.Empty(await Governance.ListRequestsAsync(RequestStatus.Completed, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Governance.ListRequestsAsync(null, 0));
    }

    [Fact]
    public async Task AddApprovalAsync_PendingRequest_AddedAndListedInRecordedOrder()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        var carol = GovernanceSamples.Approval("r-1", "carol", "reject", GovernanceSamples.Start.AddMinutes(5));
        var bob = GovernanceSamples.Approval("r-1", "bob", "approve", GovernanceSamples.Start.AddMinutes(9));

        Assert.Equal(ApprovalOutcome.Added, await Governance.AddApprovalAsync(carol));
        Assert.Equal(ApprovalOutcome.Added, await Governance.AddApprovalAsync(bob));

        Assert.Equal([carol, bob], await Governance.ListApprovalsAsync("r-1"));
        Assert.Empty(await Governance.ListApprovalsAsync("r-2"));
    }

    [Fact]
    public async Task AddApprovalAsync_SameApproverAgain_DuplicateAndKeepsTheFirstDecision()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        var first = GovernanceSamples.Approval("r-1", "bob", "approve");
        Assert.Equal(ApprovalOutcome.Added, await Governance.AddApprovalAsync(first));

        Assert.Equal(ApprovalOutcome.Duplicate, await Governance.AddApprovalAsync(first));
        Assert.Equal(ApprovalOutcome.Duplicate, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-1", "bob", "reject") with { ApproverAccessor = "acc-other" }));

        Assert.Equal([first], await Governance.ListApprovalsAsync("r-1"));
    }

    [Fact]
    public async Task AddApprovalAsync_SameApproverOnAnotherRequest_Added()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-2"));
        Assert.Equal(ApprovalOutcome.Added, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-1", "bob")));

        Assert.Equal(ApprovalOutcome.Added, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-2", "bob")));

        Assert.Single(await Governance.ListApprovalsAsync("r-2"));
    }

    [Fact]
    public async Task AddApprovalAsync_UnknownRequest_NotPending()
    {
        Assert.Equal(ApprovalOutcome.NotPending, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-9", "bob")));

        Assert.Empty(await Governance.ListApprovalsAsync("r-9"));
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Expired)]
    public async Task AddApprovalAsync_AfterTheRequestMoved_NotPendingAndNothingAdded(RequestStatus moved)
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        Assert.Equal(ApprovalOutcome.Added, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-1", "bob")));
        Assert.True(await Governance.MoveRequestAsync("r-1", RequestStatus.PendingApproval, new RequestUpdate(moved, null, null, GovernanceSamples.Start)));

        Assert.Equal(ApprovalOutcome.NotPending, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-1", "carol")));
        Assert.Equal(ApprovalOutcome.NotPending, await Governance.AddApprovalAsync(GovernanceSamples.Approval("r-1", "bob")));

        Assert.Equal(["bob"], (await Governance.ListApprovalsAsync("r-1")).Select(approval => approval.ApproverName));
    }

    [Fact]
    public async Task AddApprovalAsync_UnknownDecision_Throws()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));

        await Assert.ThrowsAsync<ArgumentException>(() => Governance.AddApprovalAsync(GovernanceSamples.Approval("r-1", "bob", "abstain")));

        Assert.Empty(await Governance.ListApprovalsAsync("r-1"));
    }

    [Fact]
    public async Task MoveRequestAsync_ApprovedThenCompleted_StoresResultAndEndTime()
    {
        var request = GovernanceSamples.Request("r-1");
        await Governance.InsertRequestAsync(request);
        var approvedAt = GovernanceSamples.Start.AddMinutes(3);
        var completedAt = GovernanceSamples.Start.AddMinutes(4);

        Assert.True(await Governance.MoveRequestAsync("r-1", RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Approved, null, null, approvedAt)));
        GovernanceSamples.Equal(request with { Status = RequestStatus.Approved }, await Governance.GetRequestAsync("r-1"));
        Assert.True(await Governance.MoveRequestAsync(
            "r-1", RequestStatus.Approved, new RequestUpdate(RequestStatus.Completed, "{\"signature\":\"ab\"}", null, completedAt)));

        GovernanceSamples.Equal(
            request with { Status = RequestStatus.Completed, Result = "{\"signature\":\"ab\"}", EndedAt = completedAt },
            await Governance.GetRequestAsync("r-1"));
    }

    [Fact]
    public async Task MoveRequestAsync_ApprovedThenFailed_StoresReason()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        await Governance.MoveRequestAsync("r-1", RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Approved, null, null, GovernanceSamples.Start));

        Assert.True(await Governance.MoveRequestAsync(
            "r-1", RequestStatus.Approved, new RequestUpdate(RequestStatus.Failed, null, "session aborted", GovernanceSamples.Start.AddMinutes(1))));

        var stored = await Governance.GetRequestAsync("r-1");
        Assert.Equal((RequestStatus.Failed, "session aborted", GovernanceSamples.Start.AddMinutes(1)), (stored!.Status, stored.Reason, stored.EndedAt));
    }

    /// <summary>
    /// Every refused move: backwards, skipping approval, staying put, and out of a final state. The request is
    /// first brought to <paramref name="current"/> along the allowed path.
    /// </summary>
    [Theory]
    [InlineData(RequestStatus.PendingApproval, RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.PendingApproval, RequestStatus.Completed)]
    [InlineData(RequestStatus.PendingApproval, RequestStatus.Failed)]
    [InlineData(RequestStatus.Approved, RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.Approved, RequestStatus.Approved)]
    [InlineData(RequestStatus.Approved, RequestStatus.Rejected)]
    [InlineData(RequestStatus.Approved, RequestStatus.Expired)]
    [InlineData(RequestStatus.Rejected, RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.Rejected, RequestStatus.Approved)]
    [InlineData(RequestStatus.Expired, RequestStatus.Approved)]
    [InlineData(RequestStatus.Completed, RequestStatus.Failed)]
    [InlineData(RequestStatus.Completed, RequestStatus.Approved)]
    [InlineData(RequestStatus.Failed, RequestStatus.Completed)]
    public async Task MoveRequestAsync_MoveOutsideTheForwardGraph_ReturnsFalseAndChangesNothing(RequestStatus current, RequestStatus target)
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        await BringRequestToAsync("r-1", current);
        var before = await Governance.GetRequestAsync("r-1");

        Assert.False(await Governance.MoveRequestAsync("r-1", current, new RequestUpdate(target, "{}", "late", GovernanceSamples.Start.AddDays(1))));

        GovernanceSamples.Equal(before!, await Governance.GetRequestAsync("r-1"));
    }

    [Fact]
    public async Task MoveRequestAsync_RequestNotInFrom_ReturnsFalse()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));

        Assert.False(await Governance.MoveRequestAsync("r-1", RequestStatus.Approved, new RequestUpdate(RequestStatus.Completed, "{}", null, GovernanceSamples.Start)));
        Assert.False(await Governance.MoveRequestAsync("r-9", RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Approved, null, null, GovernanceSamples.Start)));

        Assert.Equal(RequestStatus.PendingApproval, (await Governance.GetRequestAsync("r-1"))!.Status);
    }

    [Fact]
    public async Task MoveRequestAsync_EightConcurrentMovesOverTwoInstances_ExactlyOneWins()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        var other = (IGovernanceStore)await OpenAsync(_database);
        var updates = Enumerable.Range(0, 8)
            .Select(index => new RequestUpdate(index % 3 == 0 ? RequestStatus.Approved : RequestStatus.Rejected, null, $"mover {index}", GovernanceSamples.Start))
            .ToArray();

        var results = await Task.WhenAll(updates.Select((update, index) =>
            Task.Run(() => (index % 2 == 0 ? Governance : other).MoveRequestAsync("r-1", RequestStatus.PendingApproval, update))));

        var winner = Assert.Single(results.Select((won, index) => (won, index)), result => result.won);
        var stored = await Governance.GetRequestAsync("r-1");
        Assert.Equal((updates[winner.index].Status, updates[winner.index].Reason), (stored!.Status, stored.Reason));
    }

    [Fact]
    public async Task Schema_UpdateOfEndedRequestBehindTheStore_IsRejected()
    {
        await Governance.InsertRequestAsync(GovernanceSamples.Request("r-1"));
        await Governance.MoveRequestAsync("r-1", RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Rejected, null, "no", GovernanceSamples.Start));
        await using var connection = await OpenRawConnectionAsync(_database);

        await Assert.ThrowsAnyAsync<DbException>(
            () => ExecuteAsync(connection, "UPDATE requests SET status = 'pending_approval', ended_at = NULL WHERE id = 'r-1'"));

        Assert.Equal(RequestStatus.Rejected, (await Governance.GetRequestAsync("r-1"))!.Status);
    }

    // ----- audit -----

    [Fact]
    public async Task TryAppendAuditAsync_Entries_HeadIsLastAndEveryFieldRoundTrips()
    {
        Assert.Null(await Governance.GetAuditHeadAsync());

        foreach (var seq in new long[] { 1, 2, 3 })
        {
            Assert.True(await Governance.TryAppendAuditAsync(GovernanceSamples.Audit(seq)));
        }

        Assert.Equal(GovernanceSamples.Audit(3), await Governance.GetAuditHeadAsync());
        Assert.Equal([GovernanceSamples.Audit(1), GovernanceSamples.Audit(2), GovernanceSamples.Audit(3)], await Governance.ListAuditAsync(0, 10));
    }

    [Fact]
    public async Task TryAppendAuditAsync_ExistingSeq_ReturnsFalseAndKeepsTheFirst()
    {
        Assert.True(await Governance.TryAppendAuditAsync(GovernanceSamples.Audit(1)));

        Assert.False(await Governance.TryAppendAuditAsync(GovernanceSamples.Audit(1) with { Action = "destroy", Hash = "forged" }));

        Assert.Equal(GovernanceSamples.Audit(1), Assert.Single(await Governance.ListAuditAsync(0, 10)));
    }

    [Fact]
    public async Task TryAppendAuditAsync_EightConcurrentWritersOfOneSeqOverTwoInstances_ExactlyOneWins()
    {
        var other = (IGovernanceStore)await OpenAsync(_database);
        var entries = Enumerable.Range(0, 8).Select(index => GovernanceSamples.Audit(1) with { ActorName = $"writer-{index}" }).ToArray();

        var results = await Task.WhenAll(entries.Select((entry, index) =>
            Task.Run(() => (index % 2 == 0 ? Governance : other).TryAppendAuditAsync(entry))));

        var winner = Assert.Single(results.Select((won, index) => (won, index)), result => result.won);
        Assert.Equal(entries[winner.index], await Governance.GetAuditHeadAsync());
    }

    [Fact]
    public async Task TryAppendAuditAsync_SeqBelowOne_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Governance.TryAppendAuditAsync(GovernanceSamples.Audit(0)));

        Assert.Null(await Governance.GetAuditHeadAsync());
    }

    [Fact]
    public async Task ListAuditAsync_Pages_AfterSeqAndLimit()
    {
        foreach (var seq in Enumerable.Range(1, 7))
        {
            await Governance.TryAppendAuditAsync(GovernanceSamples.Audit(seq));
        }

        Assert.Equal([1L, 2L, 3L], (await Governance.ListAuditAsync(0, 3)).Select(entry => entry.Seq));
        Assert.Equal([4L, 5L, 6L], (await Governance.ListAuditAsync(3, 3)).Select(entry => entry.Seq));
        Assert.Equal([7L], (await Governance.ListAuditAsync(6, 3)).Select(entry => entry.Seq));
        Assert.Empty(await Governance.ListAuditAsync(7, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Governance.ListAuditAsync(-1, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Governance.ListAuditAsync(0, 0));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET outcome = 'forged' WHERE seq = 2")]
    [InlineData("DELETE FROM audit_entries WHERE seq = 2")]
    [InlineData("DELETE FROM audit_entries")]
    public async Task Schema_ChangeOfAuditEntryBehindTheStore_IsRejectedAsAppendOnly(string sql)
    {
        foreach (var seq in new long[] { 1, 2, 3 })
        {
            await Governance.TryAppendAuditAsync(GovernanceSamples.Audit(seq));
        }

        await using var connection = await OpenRawConnectionAsync(_database);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal([GovernanceSamples.Audit(1), GovernanceSamples.Audit(2), GovernanceSamples.Audit(3)], await Governance.ListAuditAsync(0, 10));
    }

    // ----- idempotency -----

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_FreeKey_ClaimedThenInFlightForTheSameRequest()
    {
        Assert.Equal(new IdempotencyResult(IdempotencyStatus.Claimed, null), await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1")));

        Assert.Equal(
            new IdempotencyResult(IdempotencyStatus.InFlight, null),
            await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", createdAt: GovernanceSamples.Start.AddSeconds(1))));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_CompletedKey_ReturnsTheStoredResponseByteExact()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"));
        var response = GovernanceSamples.Response();
        Assert.True(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", response));

        var result = await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", createdAt: GovernanceSamples.Start.AddHours(1)));

        Assert.Equal(IdempotencyStatus.Completed, result.Status);
        Assert.NotNull(result.Response);
        Assert.Equal((response.Status, response.ContentType, response.Location), (result.Response.Status, result.Response.ContentType, result.Response.Location));
        Assert.Equal(response.Body, result.Response.Body);
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_CompletedWithEmptyBodyAndNoHeaders_RoundTrips()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"));
        Assert.True(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", new StoredResponse(204, null, [], null)));

        var result = await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"));

        Assert.Equal(IdempotencyStatus.Completed, result.Status);
        Assert.Equal((204, (string?)null, (string?)null, 0), (result.Response!.Status, result.Response.ContentType, result.Response.Location, result.Response.Body.Length));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_DifferentRequestUnderTheKey_MismatchWhileInFlightAndAfterCompletion()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-a"));

        Assert.Equal(new IdempotencyResult(IdempotencyStatus.Mismatch, null), await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-b")));
        Assert.True(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", GovernanceSamples.Response()));
        Assert.Equal(new IdempotencyResult(IdempotencyStatus.Mismatch, null), await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-b")));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_SameKeyInAnotherScope_Claimed()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-a", scope: "acc-1"));

        Assert.Equal(
            IdempotencyStatus.Claimed,
            (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-b", scope: "acc-2"))).Status);
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_ExpiredCompletedKey_ReplacedByTheNewClaim()
    {
        var first = GovernanceSamples.Claim("k-1", "hash-a");
        await Governance.ClaimIdempotencyKeyAsync(first);
        await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", GovernanceSamples.Response());

        var justBefore = await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-b", first.ExpiresAt.AddMilliseconds(-1)));
        var atExpiry = await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-b", first.ExpiresAt));

        Assert.Equal(IdempotencyStatus.Mismatch, justBefore.Status);
        Assert.Equal(IdempotencyStatus.Claimed, atExpiry.Status);
        Assert.Equal(IdempotencyStatus.Mismatch, (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-a", first.ExpiresAt))).Status);
    }

    [Fact]
    public async Task ReleaseIdempotencyKeyAsync_InFlightClaim_FreesTheKey()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-a"));

        Assert.False(await Governance.ReleaseIdempotencyKeyAsync("acc-1", "k-1", "hash-b"));
        Assert.True(await Governance.ReleaseIdempotencyKeyAsync("acc-1", "k-1", "hash-a"));
        Assert.False(await Governance.ReleaseIdempotencyKeyAsync("acc-1", "k-1", "hash-a"));

        Assert.Equal(IdempotencyStatus.Claimed, (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-b"))).Status);
    }

    [Fact]
    public async Task ReleaseIdempotencyKeyAsync_CompletedClaim_ReturnsFalseAndKeepsTheResponse()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"));
        await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", GovernanceSamples.Response());

        Assert.False(await Governance.ReleaseIdempotencyKeyAsync("acc-1", "k-1", "hash-a"));

        Assert.Equal(IdempotencyStatus.Completed, (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"))).Status);
    }

    [Fact]
    public async Task CompleteIdempotencyKeyAsync_NoMatchingInFlightClaim_ReturnsFalse()
    {
        Assert.False(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", GovernanceSamples.Response()));
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-a"));
        Assert.False(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-b", GovernanceSamples.Response()));
        Assert.False(await Governance.CompleteIdempotencyKeyAsync("acc-2", "k-1", "hash-a", GovernanceSamples.Response()));
        Assert.True(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", new StoredResponse(200, null, [1], null)));

        Assert.False(await Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", new StoredResponse(500, null, [2], null)));

        Assert.Equal([1], (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"))).Response!.Body);
    }

    [Theory]
    [InlineData(64, 64, true)]
    [InlineData(65, 1, false)]
    [InlineData(1, 65, false)]
    [InlineData(0, 1, false)]
    [InlineData(1, 0, false)]
    public async Task ClaimIdempotencyKeyAsync_KeyAndScopeLengths_AcceptedUpTo64(int keyLength, int scopeLength, bool accepted)
    {
        var claim = GovernanceSamples.Claim(new string('k', keyLength), scope: new string('s', scopeLength));

        if (accepted)
        {
            Assert.Equal(IdempotencyStatus.Claimed, (await Governance.ClaimIdempotencyKeyAsync(claim)).Status);
        }
        else
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Governance.ClaimIdempotencyKeyAsync(claim));
            await Assert.ThrowsAsync<ArgumentException>(() => Governance.ReleaseIdempotencyKeyAsync(claim.Scope, claim.Key, claim.RequestHash));
        }
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_ExpiryNotAfterCreation_Throws()
    {
        var claim = GovernanceSamples.Claim("k-1") with { ExpiresAt = GovernanceSamples.Start };

        await Assert.ThrowsAsync<ArgumentException>(() => Governance.ClaimIdempotencyKeyAsync(claim));

        Assert.Equal(IdempotencyStatus.Claimed, (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"))).Status);
    }

    [Fact]
    public async Task CompleteIdempotencyKeyAsync_StatusOutsideHttpRange_Throws()
    {
        await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Governance.CompleteIdempotencyKeyAsync("acc-1", "k-1", "hash-a", new StoredResponse(600, null, [], null)));

        Assert.Equal(IdempotencyStatus.InFlight, (await Governance.ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1"))).Status);
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_EightConcurrentClaimsOverTwoInstances_ExactlyOneClaimed()
    {
        var other = (IGovernanceStore)await OpenAsync(_database);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(index =>
            Task.Run(() => (index % 2 == 0 ? Governance : other).ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1")))));

        Assert.Single(results, result => result.Status == IdempotencyStatus.Claimed);
        Assert.Equal(7, results.Count(result => result.Status == IdempotencyStatus.InFlight));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_EightConcurrentClaimsOfAnExpiredKey_ExactlyOneReplacesIt()
    {
        var expired = GovernanceSamples.Claim("k-1", "hash-old");
        await Governance.ClaimIdempotencyKeyAsync(expired);
        var other = (IGovernanceStore)await OpenAsync(_database);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(index =>
            Task.Run(() => (index % 2 == 0 ? Governance : other).ClaimIdempotencyKeyAsync(GovernanceSamples.Claim("k-1", "hash-new", expired.ExpiresAt)))));

        Assert.Single(results, result => result.Status == IdempotencyStatus.Claimed);
        Assert.Equal(7, results.Count(result => result.Status == IdempotencyStatus.InFlight));
    }

    // ----- spends -----

    [Fact]
    public async Task ListSpendsAsync_SeveralKeys_OnlyTheKeyFromSinceOldestFirst()
    {
        var start = GovernanceSamples.Start;
        await Governance.InsertSpendAsync(GovernanceSamples.Spend("r-3", "key-1", start.AddMinutes(30), GovernanceSamples.MaxAmount));
        await Governance.InsertSpendAsync(GovernanceSamples.Spend("r-1", "key-1", start.AddMinutes(-1)));
        await Governance.InsertSpendAsync(GovernanceSamples.Spend("r-2", "key-1", start, "0"));
        await Governance.InsertSpendAsync(GovernanceSamples.Spend("r-4", "key-2", start.AddMinutes(5)));

        var spends = await Governance.ListSpendsAsync("key-1", start);

        Assert.Equal(
            [GovernanceSamples.Spend("r-2", "key-1", start, "0"), GovernanceSamples.Spend("r-3", "key-1", start.AddMinutes(30), GovernanceSamples.MaxAmount)],
            spends);
        Assert.Equal(["r-4"], (await Governance.ListSpendsAsync("key-2", start.AddMinutes(-10))).Select(spend => spend.RequestId));
        Assert.Empty(await Governance.ListSpendsAsync("key-1", start.AddMinutes(31)));
    }

    [Fact]
    public async Task InsertSpendAsync_SameRequestTwice_ThrowsConflictAndCountsOnce()
    {
        await Governance.InsertSpendAsync(GovernanceSamples.Spend("r-1", "key-1", GovernanceSamples.Start));

        await Assert.ThrowsAsync<StoreConflictException>(() => Governance.InsertSpendAsync(GovernanceSamples.Spend("r-1", "key-1", GovernanceSamples.Start)));

        Assert.Single(await Governance.ListSpendsAsync("key-1", GovernanceSamples.Start.AddDays(-1)));
    }

    [Fact]
    public async Task InsertSpendAsync_NoAmount_IsKeptEmpty()
    {
        await Governance.InsertSpendAsync(GovernanceSamples.Spend("r-1", "key-1", GovernanceSamples.Start, ""));

        Assert.Equal("", Assert.Single(await Governance.ListSpendsAsync("key-1", GovernanceSamples.Start.AddDays(-1))).Amount);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("01")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    [InlineData("١٢")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639937")]
    [InlineData("9999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    public async Task InsertSpendAsync_AmountNotABaseUnitInteger_Throws(string amount)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Governance.InsertSpendAsync(GovernanceSamples.Spend("r-1", "key-1", GovernanceSamples.Start, amount)));

        Assert.Empty(await Governance.ListSpendsAsync("key-1", GovernanceSamples.Start.AddDays(-1)));
    }

    private async Task BringRequestToAsync(string requestId, RequestStatus status)
    {
        var path = status switch
        {
            RequestStatus.PendingApproval => [],
            RequestStatus.Completed or RequestStatus.Failed => new[] { RequestStatus.Approved, status },
            _ => [status],
        };
        var from = RequestStatus.PendingApproval;
        foreach (var step in path)
        {
            Assert.True(await Governance.MoveRequestAsync(requestId, from, new RequestUpdate(step, null, null, GovernanceSamples.Start.AddMinutes(1))));
            from = step;
        }
    }

    private string ReadMigration(string fileName)
    {
        var resource = $"Arcanum.Storage.Migrations.{MigrationDialect}.{fileName}";
        using var stream = typeof(ICoordinatorStore).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
