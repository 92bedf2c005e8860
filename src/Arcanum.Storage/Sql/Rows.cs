namespace Arcanum.Storage.Sql;

// Dapper materialises these from the column aliases in SqlCoordinatorStore's SELECT lists; each turns
// itself into the contract record, decoding the stored lists and instants (see StoredValues).

/// <summary>A <c>nodes</c> row as stored.</summary>
internal sealed class NodeRow
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public byte[] IdentityKey { get; init; } = [];

    public byte[] StaticKey { get; init; } = [];

    public long? LastSeen { get; init; }

    public string? Version { get; init; }

    public NodeRecord ToRecord()
    {
        var row = Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new NodeRecord(Id, Name, IdentityKey, StaticKey, StoredValues.DecodeInstant(LastSeen, "nodes.last_seen", row), Version);
    }
}

/// <summary>A <c>keys</c> row as stored.</summary>
internal sealed class KeyRow
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Scheme { get; init; } = "";

    public int Threshold { get; init; }

    public string Parties { get; init; } = "";

    public byte[] PublicKey { get; init; } = [];

    public byte[] ChainCode { get; init; } = [];

    public long Epoch { get; init; }

    public byte[] VerificationShares { get; init; } = [];

    public long CreatedAt { get; init; }

    public long? DestroyedAt { get; init; }

    public KeyRecord ToRecord() => new(
        Id,
        Name,
        Scheme,
        Threshold,
        StoredValues.DecodeIds(Parties, "keys.parties", Id),
        PublicKey,
        ChainCode,
        Epoch,
        VerificationShares,
        StoredValues.DecodeInstant(CreatedAt, "keys.created_at", Id),
        StoredValues.DecodeInstant(DestroyedAt, "keys.destroyed_at", Id));
}

/// <summary>A <c>sessions</c> row as stored.</summary>
internal sealed class SessionRow
{
    public string Id { get; init; } = "";

    public string Kind { get; init; } = "";

    public string? KeyId { get; init; }

    public string Parties { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public string Culprits { get; init; } = "";

    public string Missing { get; init; } = "";

    public string? Result { get; init; }

    public string? RetryOf { get; init; }

    public long CreatedAt { get; init; }

    public long? EndedAt { get; init; }

    public SessionRecord ToRecord() => new(
        Id,
        Kind,
        KeyId,
        StoredValues.DecodeIds(Parties, "sessions.parties", Id),
        SessionStatusNames.Parse(Status, Id),
        Reason,
        StoredValues.DecodeIds(Culprits, "sessions.culprits", Id),
        StoredValues.DecodeIds(Missing, "sessions.missing", Id),
        Result,
        RetryOf,
        StoredValues.DecodeInstant(CreatedAt, "sessions.created_at", Id),
        StoredValues.DecodeInstant(EndedAt, "sessions.ended_at", Id));
}

/// <summary>The <c>sessions.status</c> spellings, which the table's check constraint also lists.</summary>
internal static class SessionStatusNames
{
    public const string Running = "running";

    public static string Format(SessionStatus status) => status switch
    {
        SessionStatus.Running => Running,
        SessionStatus.Completed => "completed",
        SessionStatus.Aborted => "aborted",
        SessionStatus.TimedOut => "timed_out",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a session status."),
    };

    public static SessionStatus Parse(string stored, string sessionId) => stored switch
    {
        Running => SessionStatus.Running,
        "completed" => SessionStatus.Completed,
        "aborted" => SessionStatus.Aborted,
        "timed_out" => SessionStatus.TimedOut,
        _ => throw new InvalidDataException($"sessions.status of row '{sessionId}' is '{stored}', which is not a session status."),
    };
}
