using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Coordinator.Tests.Api;
using Arcanum.Coordinator.Tests.TestDoubles;

namespace Arcanum.Coordinator.Tests.Governance;

/// <summary>API tokens: the secret is shown once and stored only hashed; revocation and expiry take effect on the next request; names and lifetimes are checked; requests are rate limited per token.</summary>
public sealed class TokenTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(time: _time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_ReturnsTheSecretOnce_StoresOnlyItsHash_AndTheTokenWorks()
    {
        var (client, accessor, secret) = await Tokens.CreateAsync(_server, "ops-alice", "operator", ttl: "24h");

        Assert.StartsWith("arc_", secret, StringComparison.Ordinal);
        Assert.StartsWith("acc_", accessor, StringComparison.Ordinal);
        var stored = await _server.Governance.GetTokenAsync(accessor);
        Assert.Equal(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), stored!.SecretHash);
        Assert.Equal(_time.GetUtcNow().AddHours(24), stored.ExpiresAt);
        var listed = await _server.Client.GetStringAsync("/v1/tokens");
        Assert.Contains(accessor, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        using var nodes = await client.GetAsync("/v1/nodes");
        Assert.Equal(HttpStatusCode.OK, nodes.StatusCode);
    }

    [Fact]
    public async Task Revoke_TakesEffectOnTheNextRequest()
    {
        var (client, accessor, _) = await Tokens.CreateAsync(_server, "ops-bob", "operator");
        using (var before = await client.GetAsync("/v1/nodes"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await _server.Client.DeleteAsync($"/v1/tokens/{accessor}");
        using var after = await client.GetAsync("/v1/nodes");
        using var again = await _server.Client.DeleteAsync($"/v1/tokens/{accessor}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, "unknown-token", "accessor");
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var (client, _, _) = await Tokens.CreateAsync(_server, "short-lived", "auditor", ttl: "30m");
        _time.Advance(TimeSpan.FromMinutes(29));
        using (var inTime = await client.GetAsync("/v1/audit/verify"))
        {
            Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await client.GetAsync("/v1/audit/verify");

        await ProblemAssert.IsProblemAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
    }

    public static TheoryData<string, string> InvalidCreations => new()
    {
        { """{"role":"signer"}""", "name" },
        { """{"name":"signer","role":"signer"}""", "name" },
        { """{"name":"bootstrap","role":"admin"}""", "name" },
        { """{"name":"has space","role":"signer"}""", "name" },
        { """{"name":"x","role":"root"}""", "role" },
        { """{"name":"x"}""", "role" },
        { """{"name":"x","role":"signer","ttl":"59s"}""", "ttl" },
        { """{"name":"x","role":"signer","ttl":"367d"}""", "ttl" },
        { """{"name":"x","role":"signer","ttl":"99999999999d"}""", "ttl" },
        { """{"name":"x","role":"signer","ttl":"1w"}""", "ttl" },
        { """{"name":"x","role":"signer","ttl":"-5m"}""", "ttl" },
        { """{"name":"x","role":"signer","ttl":3600}""", "ttl" },
        { """{"name":"x","role":"signer","secret":"mine"}""", "secret" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreations))]
    public async Task Create_InvalidField_Returns400NamingIt(string body, string field)
    {
        using var response = await _server.Client.PostAsync("/v1/tokens", Tokens.Json(body));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request", field);
        Assert.Empty(await _server.Governance.ListTokensAsync());
    }

    [Fact]
    public async Task Create_NameOfAnUnrevokedToken_Is409_AndFreeAgainAfterRevocation()
    {
        var (_, accessor, _) = await Tokens.CreateAsync(_server, "dup", "signer");
        using var taken = await _server.Client.PostAsync("/v1/tokens", Tokens.Json("""{"name":"dup","role":"auditor"}"""));
        await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict, "token-name-taken", "name");

        using (await _server.Client.DeleteAsync($"/v1/tokens/{accessor}"))
        {
        }

        using var reused = await _server.Client.PostAsync("/v1/tokens", Tokens.Json("""{"name":"dup","role":"auditor"}"""));
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
        Assert.Equal("auditor", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task RateLimit_PerToken_Answers429WithRetryAfter_AndOtherTokensAreNotAffected()
    {
        await using var server = await ApiServer.StartAsync(configure: o => o with { RequestsPerSecondPerToken = 5 });
        var (busy, _, _) = await Tokens.CreateAsync(server, "busy", "auditor");
        var (calm, _, _) = await Tokens.CreateAsync(server, "calm", "auditor");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40 && limited is null; i++)
        {
            var response = await busy.GetAsync("/v1/audit/verify");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 5, string.Join(",", statuses));
        using var other = await calm.GetAsync("/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
