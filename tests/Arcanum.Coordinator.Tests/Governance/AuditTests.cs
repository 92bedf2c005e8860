using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Tests.Api;
using Microsoft.Data.Sqlite;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>
/// The audit log: every mutating request is written before it runs, with the caller and a hash of the request
/// (never its body); the chain verifies after a mixed workload and breaks at the entry an attacker with database
/// access edits or deletes; with the log unwritable (database or file sink) every mutating request is 503 and
/// nothing reaches the cluster.
/// </summary>
public sealed class AuditTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MixedWorkload_ChainVerifies_AndEntriesNameTheCallerNotTheBody()
    {
        var (auditor, auditorAccessor, auditorSecret) = await Tokens.CreateAsync(_server, "auditor-ann", "auditor");
        await RunWorkloadAsync();
        await SettledAsync(_server);

        var verify = await auditor.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit/verify");
        var entries = await auditor.GetFromJsonAsync<AuditEntryInfo[]>("/v1/audit?after=0&limit=1000");

        Assert.True(verify!.Ok, verify.Problem);
        Assert.Equal(entries!.Length, verify.Entries);
        Assert.Equal(entries[^1].Hash, verify.Head);
        Assert.Equal(Enumerable.Range(1, entries.Length).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Contains(entries, e => e.Action == "CreateToken" && e.ActorName == "bootstrap" && e.Outcome == "status 201");
        Assert.Contains(entries, e => e.Action == "Sign" && e.Outcome == "status 200" && e.Target == "id=key-ed25519");
        Assert.DoesNotContain(entries, e => e.Action == "Sign" && e.Outcome == "started");
        Assert.Contains(entries, e => e.Action == "CreateToken" && e.Outcome == "started");
        Assert.Contains(entries, e => e.Action == "policy sign_raw" && e.Decision == "allow");
        Assert.Contains(entries, e => e.Action == "policy sign_raw" && e.Decision == "deny" && e.ActorName == "signer-sam");
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.RequestHash));
        var text = JsonSerializer.Serialize(entries);
        Assert.DoesNotContain(auditorSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("68656c6c6f", text, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.ActorAccessor == auditorAccessor);
    }

    [Fact]
    public async Task EditingOrDeletingARow_MakesVerifyFailAtThatEntry()
    {
        await RunWorkloadAsync();
        await ExecuteAsync("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;");

        await ExecuteAsync("UPDATE audit_entries SET outcome = 'status 204' WHERE seq = 3");
        var edited = await VerifyAsync();
        await ExecuteAsync("DELETE FROM audit_entries WHERE seq >= 3");
        var truncated = await VerifyAsync();
        await ExecuteAsync("DELETE FROM audit_entries WHERE seq = 1");
        var headless = await VerifyAsync();

        Assert.False(edited.Ok);
        Assert.Equal(3, edited.BrokenAt);
        Assert.Contains("hash does not match", edited.Problem, StringComparison.Ordinal);
        Assert.True(truncated.Ok, "a log cut at its end still verifies; its head hash and count are what an auditor compares");
        Assert.Equal(2, truncated.Entries);
        Assert.False(headless.Ok);
        Assert.Equal(2, headless.BrokenAt);
    }

    [Fact]
    public async Task DeletingAMiddleRow_MakesVerifyFailAtTheNextEntry()
    {
        await RunWorkloadAsync();
        await ExecuteAsync("DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE seq = 4;");

        var verify = await VerifyAsync();

        Assert.False(verify.Ok);
        Assert.Equal(5, verify.BrokenAt);
        Assert.Contains("entry 4 is missing", verify.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsCannotBeChangedThroughTheDatabaseWhileTheTriggersStand()
    {
        await RunWorkloadAsync();

        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("UPDATE audit_entries SET outcome = 'x' WHERE seq = 1"));
        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("DELETE FROM audit_entries WHERE seq = 1"));
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task StoreUnwritable_EveryMutatingRequestIs503_AndNothingRuns()
    {
        await ExecuteAsync("CREATE TRIGGER audit_blocked BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk says no'); END;");

        using var sign = await _server.Client.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"68656c6c6f"}"""));
        using var create = await _server.Client.PostAsync("/v1/keys", Tokens.Json("""{"name":"k","scheme":"frost-ed25519","threshold":2}"""));
        using var token = await _server.Client.PostAsync("/v1/tokens", Tokens.Json("""{"name":"t","role":"signer"}"""));
        using var destroy = await _server.Client.DeleteAsync("/v1/keys/key-ecdsa");
        using var read = await _server.Client.GetAsync("/v1/keys");

        foreach (var response in new[] { sign, create, token, destroy })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "audit-unavailable");
        }

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(_server.Operations.Calls);
        Assert.Empty(await _server.Governance.ListTokensAsync());
    }

    [Fact]
    public async Task FileSink_HoldsTheSameEntries_AndWhenItCannotBeWrittenRequestsAre503()
    {
        await using var server = await ApiServer.StartAsync(auditFile: true);
        var file = server.AuditFile;
        using (await server.Client.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"68656c6c6f"}""")))
        {
        }

        await SettledAsync(server);
        var lines = await File.ReadAllLinesAsync(file);
        var stored = await server.Governance.ListAuditAsync(0, 100);
        Assert.Equal(stored.Count, lines.Length);
        Assert.Equal(stored.Select(e => e.Hash), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("hash").GetString()));

        File.Delete(file);
        Directory.CreateDirectory(file);
        using var refused = await server.Client.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"00"}"""));

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "audit-unavailable");
        Assert.Single(server.Operations.Calls);
    }

    /// <summary>
    /// Waits until the log stops growing: a route's last entry (its status) is queued without delaying the answer,
    /// so it may land just after the response.
    /// </summary>
    private static async Task SettledAsync(ApiServer server)
    {
        var last = -1L;
        var unchanged = 0;
        for (var i = 0; i < 200 && unchanged < 4; i++)
        {
            var head = (await server.Governance.GetAuditHeadAsync())?.Seq ?? 0;
            unchanged = head == last ? unchanged + 1 : 0;
            last = head;
            await Task.Delay(50);
        }
    }

    /// <summary>Tokens, a signature by admin, one refused by policy for a signer, a refused role, a destroy: a dozen entries.</summary>
    private async Task RunWorkloadAsync()
    {
        await SettledAsync(_server);
        var (signer, _, _) = await Tokens.CreateAsync(_server, "signer-sam", "signer");
        using (await _server.Client.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"68656c6c6f"}""")))
        using (await signer.PostAsync("/v1/keys/key-ed25519/sign", Tokens.Json("""{"message":"68656c6c6f"}""")))
        using (await signer.DeleteAsync("/v1/keys/key-ecdsa"))
        using (await _server.Client.DeleteAsync("/v1/keys/key-ecdsa"))
        {
        }

        await SettledAsync(_server);
    }

    private async Task<AuditVerifyResponse> VerifyAsync() => (await _server.Client.GetFromJsonAsync<AuditVerifyResponse>("/v1/audit/verify"))!;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_server.GovernanceDatabase};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
