namespace Arcanum.Storage.Tests;

/// <summary>Records with every field set to a distinct value, and assertions that compare them field by field.</summary>
internal static class StoreSamples
{
    /// <summary>An instant with whole milliseconds and a non-UTC offset: the stores must return the same instant.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2));

    public static NodeRecord Node(int id, string? name = null, DateTimeOffset? lastSeen = null, string? version = null) =>
        new(id, name ?? $"node-{id}", Filled(32, (byte)id), Filled(32, (byte)(id + 100)), lastSeen, version);

    public static KeyRecord Key(string id, string? name = null, DateTimeOffset? createdAt = null, long epoch = 0) =>
        new(
            id,
            name ?? $"wallet-{id}",
            "frost-ed25519",
            2,
            [1, 2, 3],
            Filled(32, 0xA1),
            Filled(32, 0xC2),
            epoch,
            [0x0A, 0x00, 0xFF, 0x10],
            createdAt ?? Start,
            null);

    public static SessionRecord Session(string id, DateTimeOffset? createdAt = null, string? keyId = "key-1", string? retryOf = null) =>
        new(id, "sign", keyId, [1, 3], SessionStatus.Running, null, [], [], null, retryOf, createdAt ?? Start, null);

    public static SessionOutcome Aborted(string reason, DateTimeOffset? endedAt = null) =>
        new(SessionStatus.Aborted, reason, [3], [2], null, endedAt ?? Start.AddSeconds(5));

    public static SessionOutcome Completed(string result, DateTimeOffset? endedAt = null) =>
        new(SessionStatus.Completed, null, [], [], result, endedAt ?? Start.AddSeconds(2));

    public static void Equal(NodeRecord expected, NodeRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.Name, expected.LastSeen, expected.Version),
            (actual.Id, actual.Name, actual.LastSeen, actual.Version));
        Assert.Equal(expected.IdentityKey, actual.IdentityKey);
        Assert.Equal(expected.StaticKey, actual.StaticKey);
    }

    public static void Equal(KeyRecord expected, KeyRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.Name, expected.Scheme, expected.Threshold, expected.Epoch, expected.CreatedAt, expected.DestroyedAt),
            (actual.Id, actual.Name, actual.Scheme, actual.Threshold, actual.Epoch, actual.CreatedAt, actual.DestroyedAt));
        Assert.Equal(expected.Parties, actual.Parties);
        Assert.Equal(expected.PublicKey, actual.PublicKey);
        Assert.Equal(expected.ChainCode, actual.ChainCode);
        Assert.Equal(expected.VerificationShares, actual.VerificationShares);
    }

    public static void Equal(SessionRecord expected, SessionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.Kind, expected.KeyId, expected.Status, expected.Reason, expected.Result, expected.RetryOf, expected.CreatedAt, expected.EndedAt),
            (actual.Id, actual.Kind, actual.KeyId, actual.Status, actual.Reason, actual.Result, actual.RetryOf, actual.CreatedAt, actual.EndedAt));
        Assert.Equal(expected.Parties, actual.Parties);
        Assert.Equal(expected.Culprits, actual.Culprits);
        Assert.Equal(expected.Missing, actual.Missing);
    }

    public static SessionRecord Ended(SessionRecord running, SessionOutcome outcome) => running with
    {
        Status = outcome.Status,
        Reason = outcome.Reason,
        Culprits = outcome.Culprits,
        Missing = outcome.Missing,
        Result = outcome.Result,
        EndedAt = outcome.EndedAt,
    };

    private static byte[] Filled(int length, byte first) =>
        Enumerable.Range(0, length).Select(offset => (byte)(first + offset)).ToArray();
}
