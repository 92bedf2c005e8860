using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Arcanum.Storage.Tests;

/// <summary>Governance records with every field set to a distinct value, and field-by-field comparisons for those holding arrays.</summary>
internal static class GovernanceSamples
{
    public static DateTimeOffset Start => StoreSamples.Start;

    /// <summary>2^256 in decimal, the largest amount a spend may record.</summary>
    public static readonly string MaxAmount = BigInteger.Pow(2, 256).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static TokenRecord Token(string accessor, string? name = null, string role = "signer", DateTimeOffset? createdAt = null) =>
        new(accessor, name ?? $"name-of-{accessor}", role, SecretHash(accessor), createdAt ?? Start, Start.AddDays(30), null, "admin-token");

    public static byte[] SecretHash(string seed) => SHA256.HashData(Encoding.UTF8.GetBytes("secret of " + seed));

    public static PolicyRecord Policy(long version, string? createdBy = null) =>
        new(version, $"{{\"version\":{version},\"rules\":[]}}", $"hash-{version}", createdBy ?? "admin", Start.AddMinutes(version));

    public static RequestRecord Request(string id, DateTimeOffset? createdAt = null) =>
        new(
            id,
            "sign_transaction",
            "key-1",
            "acc-initiator",
            "alice",
            "{\"to\":\"0xabc\",\"amount\":\"10\"}",
            $"payload-hash-{id}",
            3,
            ["bob", "approver"],
            2,
            RequestStatus.PendingApproval,
            null,
            null,
            createdAt ?? Start,
            (createdAt ?? Start).AddHours(1),
            null);

    public static ApprovalRecord Approval(string requestId, string approver, string decision = "approve", DateTimeOffset? at = null) =>
        new(requestId, $"acc-{approver}", approver, decision, $"payload-hash-{requestId}", at ?? Start.AddMinutes(1));

    public static AuditEntry Audit(long seq) =>
        new(seq, Start.AddSeconds(seq), $"acc-{seq}", "alice", "sign", $"key-{seq}", $"request-{seq}", "allow", "ok", $"prev-{seq - 1}", $"hash-{seq}");

    public static IdempotencyClaim Claim(string key, string requestHash = "hash-a", DateTimeOffset? createdAt = null, string scope = "acc-1") =>
        new(scope, key, requestHash, createdAt ?? Start, (createdAt ?? Start).AddHours(24));

    /// <summary>A response whose body holds every byte value, so any re-encoding on the way shows.</summary>
    public static StoredResponse Response() =>
        new(201, "application/json; charset=utf-8", Enumerable.Range(0, 256).Select(value => (byte)value).Reverse().ToArray(), "/v1/keys/key-1");

    public static SpendRecord Spend(string requestId, string keyId, DateTimeOffset at, string amount = "1000") =>
        new(requestId, keyId, "alice", "sign_transaction", "ethereum", "ETH", amount, at);

    public static void Equal(TokenRecord expected, TokenRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Accessor, expected.Name, expected.Role, expected.CreatedAt, expected.ExpiresAt, expected.RevokedAt, expected.CreatedBy),
            (actual.Accessor, actual.Name, actual.Role, actual.CreatedAt, actual.ExpiresAt, actual.RevokedAt, actual.CreatedBy));
        Assert.Equal(expected.SecretHash, actual.SecretHash);
    }

    public static void Equal(RequestRecord expected, RequestRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Approvers = [] }, actual with { Approvers = [] });
        Assert.Equal(expected.Approvers, actual.Approvers);
    }
}
