namespace Arcanum.Storage.Sql;

// Dapper materialises these from the column aliases in SqlCoordinatorStore.Governance's SELECT lists;
// each turns itself into the contract record, decoding the stored lists and instants (see StoredValues).

/// <summary>A <c>tokens</c> row as stored.</summary>
internal sealed class TokenRow
{
    public string Accessor { get; init; } = "";

    public string Name { get; init; } = "";

    public string Role { get; init; } = "";

    public byte[] SecretHash { get; init; } = [];

    public long CreatedAt { get; init; }

    public long? ExpiresAt { get; init; }

    public long? RevokedAt { get; init; }

    public string? CreatedBy { get; init; }

    public TokenRecord ToRecord() => new(
        Accessor,
        Name,
        Role,
        SecretHash,
        StoredValues.DecodeInstant(CreatedAt, "tokens.created_at", Accessor),
        StoredValues.DecodeInstant(ExpiresAt, "tokens.expires_at", Accessor),
        StoredValues.DecodeInstant(RevokedAt, "tokens.revoked_at", Accessor),
        CreatedBy);
}

/// <summary>A <c>policies</c> row as stored.</summary>
internal sealed class PolicyRow
{
    public long Version { get; init; }

    public string Document { get; init; } = "";

    public string DocumentHash { get; init; } = "";

    public string CreatedBy { get; init; } = "";

    public long CreatedAt { get; init; }

    public PolicyRecord ToRecord() => new(
        Version,
        Document,
        DocumentHash,
        CreatedBy,
        StoredValues.DecodeInstant(CreatedAt, "policies.created_at", Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A <c>requests</c> row as stored.</summary>
internal sealed class RequestRow
{
    public string Id { get; init; } = "";

    public string Operation { get; init; } = "";

    public string KeyId { get; init; } = "";

    public string InitiatorAccessor { get; init; } = "";

    public string InitiatorName { get; init; } = "";

    public string Payload { get; init; } = "";

    public string PayloadHash { get; init; } = "";

    public long PolicyVersion { get; init; }

    public string Approvers { get; init; } = "";

    public int Quorum { get; init; }

    public string Status { get; init; } = "";

    public string? Result { get; init; }

    public string? Reason { get; init; }

    public long CreatedAt { get; init; }

    public long ExpiresAt { get; init; }

    public long? EndedAt { get; init; }

    public RequestRecord ToRecord() => new(
        Id,
        Operation,
        KeyId,
        InitiatorAccessor,
        InitiatorName,
        Payload,
        PayloadHash,
        PolicyVersion,
        StoredValues.DecodeNames(Approvers, "requests.approvers", Id),
        Quorum,
        RequestStatusNames.Parse(Status, Id),
        Result,
        Reason,
        StoredValues.DecodeInstant(CreatedAt, "requests.created_at", Id),
        StoredValues.DecodeInstant(ExpiresAt, "requests.expires_at", Id),
        StoredValues.DecodeInstant(EndedAt, "requests.ended_at", Id));
}

/// <summary>An <c>approvals</c> row as stored.</summary>
internal sealed class ApprovalRow
{
    public string RequestId { get; init; } = "";

    public string ApproverAccessor { get; init; } = "";

    public string ApproverName { get; init; } = "";

    public string Decision { get; init; } = "";

    public string PayloadHash { get; init; } = "";

    public long At { get; init; }

    public ApprovalRecord ToRecord() => new(
        RequestId, ApproverAccessor, ApproverName, Decision, PayloadHash, StoredValues.DecodeInstant(At, "approvals.at", $"{RequestId}/{ApproverName}"));
}

/// <summary>An <c>audit_entries</c> row as stored.</summary>
internal sealed class AuditRow
{
    public long Seq { get; init; }

    public long Time { get; init; }

    public string ActorAccessor { get; init; } = "";

    public string ActorName { get; init; } = "";

    public string Action { get; init; } = "";

    public string Target { get; init; } = "";

    public string RequestHash { get; init; } = "";

    public string Decision { get; init; } = "";

    public string Outcome { get; init; } = "";

    public string PrevHash { get; init; } = "";

    public string Hash { get; init; } = "";

    public AuditEntry ToRecord() => new(
        Seq,
        StoredValues.DecodeInstant(Time, "audit_entries.time", Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ActorAccessor,
        ActorName,
        Action,
        Target,
        RequestHash,
        Decision,
        Outcome,
        PrevHash,
        Hash);
}

/// <summary>The part of an <c>idempotency_keys</c> row a competing claim is classified by.</summary>
internal sealed class IdempotencyRow
{
    public string RequestHash { get; init; } = "";

    public int? ResponseStatus { get; init; }

    public string? ResponseContentType { get; init; }

    public byte[]? ResponseBody { get; init; }

    public string? ResponseLocation { get; init; }

    /// <summary>What a claim with <paramref name="requestHash"/> finds when this row holds the key.</summary>
    public IdempotencyResult Classify(string requestHash) =>
        !string.Equals(RequestHash, requestHash, StringComparison.Ordinal) ? new IdempotencyResult(IdempotencyStatus.Mismatch, null)
        : ResponseStatus is { } status ? new IdempotencyResult(
            IdempotencyStatus.Completed, new StoredResponse(status, ResponseContentType, ResponseBody ?? [], ResponseLocation))
        : new IdempotencyResult(IdempotencyStatus.InFlight, null);
}

/// <summary>A <c>spends</c> row as stored.</summary>
internal sealed class SpendRow
{
    public string RequestId { get; init; } = "";

    public string KeyId { get; init; } = "";

    public string InitiatorName { get; init; } = "";

    public string Operation { get; init; } = "";

    public string Chain { get; init; } = "";

    public string Asset { get; init; } = "";

    public string Amount { get; init; } = "";

    public long At { get; init; }

    public SpendRecord ToRecord() =>
        new(RequestId, KeyId, InitiatorName, Operation, Chain, Asset, Amount, StoredValues.DecodeInstant(At, "spends.at", RequestId));
}

/// <summary>The <c>requests.status</c> spellings (snake_case), which the table's check constraint also lists.</summary>
internal static class RequestStatusNames
{
    public const string PendingApproval = "pending_approval";

    public static string Format(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => PendingApproval,
        RequestStatus.Approved => "approved",
        RequestStatus.Rejected => "rejected",
        RequestStatus.Expired => "expired",
        RequestStatus.Completed => "completed",
        RequestStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a request status."),
    };

    public static RequestStatus Parse(string stored, string requestId) => stored switch
    {
        PendingApproval => RequestStatus.PendingApproval,
        "approved" => RequestStatus.Approved,
        "rejected" => RequestStatus.Rejected,
        "expired" => RequestStatus.Expired,
        "completed" => RequestStatus.Completed,
        "failed" => RequestStatus.Failed,
        _ => throw new InvalidDataException($"requests.status of row '{requestId}' is '{stored}', which is not a request status."),
    };

    /// <summary>
    /// The forward graph (issue 7, Approvals): pending_approval → approved | rejected | expired;
    /// approved → completed | failed. Every other move, including staying put, is refused.
    /// </summary>
    public static bool IsForward(RequestStatus from, RequestStatus to) => (from, to) switch
    {
        (RequestStatus.PendingApproval, RequestStatus.Approved or RequestStatus.Rejected or RequestStatus.Expired) => true,
        (RequestStatus.Approved, RequestStatus.Completed or RequestStatus.Failed) => true,
        _ => false,
    };

    /// <summary>Whether a request in <paramref name="status"/> has ended (its <c>ended_at</c> is set and it is final).</summary>
    public static bool HasEnded(RequestStatus status) => status is not (RequestStatus.PendingApproval or RequestStatus.Approved);
}
