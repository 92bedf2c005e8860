namespace Arcanum.Storage;

/// <summary>
/// The coordinator's governance records (ARCHITECTURE §4–5): API tokens (hashed), versioned policies,
/// approval requests and their approvals, the hash-chained audit log, idempotency keys and the
/// spending history that policy windows count. Implemented by the same stores as
/// <see cref="ICoordinatorStore"/> and held to the same conformance suite. Every transition is guarded
/// in SQL (unique constraints, expected states), so two coordinators sharing one PostgreSQL agree.
/// </summary>
public interface IGovernanceStore
{
    /// <summary>
    /// Inserts a token. Throws <see cref="StoreConflictException"/> when the accessor or the secret hash
    /// exists, or an unrevoked token has the same name.
    /// </summary>
    Task InsertTokenAsync(TokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/> (revoked and expired ones included), or null.</summary>
    Task<TokenRecord?> FindTokenBySecretHashAsync(byte[] secretHash, CancellationToken cancellationToken = default);

    /// <summary>The token with this accessor, or null.</summary>
    Task<TokenRecord?> GetTokenAsync(string accessor, CancellationToken cancellationToken = default);

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a token. False, and nothing changed, when unknown or already revoked.</summary>
    Task<bool> RevokeTokenAsync(string accessor, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new policy version. False, and nothing changed, unless <see cref="PolicyRecord.Version"/> is
    /// exactly one more than the newest stored version (1 for the first): concurrent writers cannot both win.
    /// </summary>
    Task<bool> InsertPolicyAsync(PolicyRecord policy, CancellationToken cancellationToken = default);

    /// <summary>The newest policy version, or null when none was ever stored.</summary>
    Task<PolicyRecord?> GetActivePolicyAsync(CancellationToken cancellationToken = default);

    /// <summary>One policy version, or null.</summary>
    Task<PolicyRecord?> GetPolicyAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>Every policy version, ascending (old versions are kept).</summary>
    Task<IReadOnlyList<PolicyRecord>> ListPoliciesAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a request in <see cref="RequestStatus.PendingApproval"/>. Throws <see cref="StoreConflictException"/> when the id exists.</summary>
    Task InsertRequestAsync(RequestRecord request, CancellationToken cancellationToken = default);

    /// <summary>The request, or null.</summary>
    Task<RequestRecord?> GetRequestAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Requests, newest first, optionally only those in <paramref name="status"/>; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RequestRecord>> ListRequestsAsync(RequestStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one approver's decision on a pending request: <see cref="ApprovalOutcome.Duplicate"/> when this
    /// approver (by name) already decided on it, <see cref="ApprovalOutcome.NotPending"/> when the request is
    /// unknown or no longer pending — in both cases nothing changed.
    /// </summary>
    Task<ApprovalOutcome> AddApprovalAsync(ApprovalRecord approval, CancellationToken cancellationToken = default);

    /// <summary>The decisions on a request, in the order they were recorded.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListApprovalsAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a request from <paramref name="from"/> to <paramref name="update"/>'s status. False, and nothing
    /// changed, when the request is not in <paramref name="from"/> or the move goes backwards
    /// (pending_approval → approved | rejected | expired; approved → completed | failed).
    /// </summary>
    Task<bool> MoveRequestAsync(string requestId, RequestStatus from, RequestUpdate update, CancellationToken cancellationToken = default);

    /// <summary>The last audit entry, or null for an empty log.</summary>
    Task<AuditEntry?> GetAuditHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entry"/>. False, and nothing changed, when an entry with its
    /// <see cref="AuditEntry.Seq"/> exists (another writer appended first: re-read the head and retry).
    /// Any other failure throws: the caller fails closed.
    /// </summary>
    Task<bool> TryAppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends consecutive entries in one transaction (one commit for a group of concurrent requests): all of them,
    /// or — when any seq exists — none and false. Any other failure throws.
    /// </summary>
    Task<bool> TryAppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Entries with <see cref="AuditEntry.Seq"/> &gt; <paramref name="afterSeq"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims an idempotency key for one request (unique on scope + key). An existing claim whose
    /// <see cref="IdempotencyClaim.ExpiresAt"/> has passed (≤ <see cref="IdempotencyClaim.CreatedAt"/> of the new
    /// claim) is replaced. Otherwise the answer says what exists: the same request still in flight, the same
    /// request completed (with its stored response), or a different request under the same key.
    /// </summary>
    Task<IdempotencyResult> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Stores the response of an in-flight claim. False when there is no in-flight claim with this scope, key and request hash.</summary>
    Task<bool> CompleteIdempotencyKeyAsync(string scope, string key, string requestHash, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Deletes an in-flight claim (the request ended without a response to replay). False when there is none.</summary>
    Task<bool> ReleaseIdempotencyKeyAsync(string scope, string key, string requestHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an operation that policy windows count, once per request: throws <see cref="StoreConflictException"/>
    /// when a spend of the same <see cref="SpendRecord.RequestId"/> is recorded (a retry cannot count twice).
    /// </summary>
    Task InsertSpendAsync(SpendRecord spend, CancellationToken cancellationToken = default);

    /// <summary>The key's recorded operations at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<SpendRecord>> ListSpendsAsync(string keyId, DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>
/// An API token: <see cref="Accessor"/> is its public id (lookup, revocation, audit), <see cref="SecretHash"/>
/// the SHA-256 of its 256-bit secret (the secret itself is never stored), <see cref="Role"/> one of admin,
/// operator, signer, approver, auditor.
/// </summary>
public sealed record TokenRecord(
    string Accessor,
    string Name,
    string Role,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? CreatedBy);

/// <summary>One version of the transaction policy: the JSON document as stored, its SHA-256 (hex), who stored it.</summary>
public sealed record PolicyRecord(long Version, string Document, string DocumentHash, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Where a request that needed approval is; states only move forward.</summary>
public enum RequestStatus
{
    PendingApproval,
    Approved,
    Rejected,
    Expired,
    Completed,
    Failed,
}

/// <summary>
/// An operation that policy sent for approval. <see cref="Payload"/> is the canonical JSON of exactly what
/// will be signed and <see cref="PayloadHash"/> its SHA-256 (hex): approvals bind to it.
/// <see cref="Approvers"/> are token names or roles; <see cref="Result"/> is the JSON answer once
/// completed, <see cref="Reason"/> why it was rejected, expired or failed.
/// </summary>
public sealed record RequestRecord(
    string Id,
    string Operation,
    string KeyId,
    string InitiatorAccessor,
    string InitiatorName,
    string Payload,
    string PayloadHash,
    long PolicyVersion,
    IReadOnlyList<string> Approvers,
    int Quorum,
    RequestStatus Status,
    string? Result,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt);

/// <summary>What a move of a request changes.</summary>
public sealed record RequestUpdate(RequestStatus Status, string? Result, string? Reason, DateTimeOffset At);

/// <summary>One approver's decision (<c>approve</c> or <c>reject</c>) on a request, bound to the payload hash the approver saw.</summary>
public sealed record ApprovalRecord(string RequestId, string ApproverAccessor, string ApproverName, string Decision, string PayloadHash, DateTimeOffset At);

public enum ApprovalOutcome
{
    Added,
    Duplicate,
    NotPending,
}

/// <summary>
/// One audit log entry. <see cref="Hash"/> = SHA-256(<see cref="PrevHash"/> ‖ canonical entry), computed by the
/// coordinator; the store only keeps entries in <see cref="Seq"/> order (1, 2, 3, …) and never updates them.
/// </summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset Time,
    string ActorAccessor,
    string ActorName,
    string Action,
    string Target,
    string RequestHash,
    string Decision,
    string Outcome,
    string PrevHash,
    string Hash);

/// <summary>A claim on an idempotency key: <see cref="Scope"/> is the caller's token accessor, <see cref="RequestHash"/> the SHA-256 (hex) of method, path and body.</summary>
public sealed record IdempotencyClaim(string Scope, string Key, string RequestHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public enum IdempotencyStatus
{
    /// <summary>The key was free (or expired): this request owns it now.</summary>
    Claimed,

    /// <summary>The same request holds the key and has not completed.</summary>
    InFlight,

    /// <summary>The same request completed: <see cref="IdempotencyResult.Response"/> is what it answered.</summary>
    Completed,

    /// <summary>A different request (another hash) holds the key.</summary>
    Mismatch,
}

public sealed record IdempotencyResult(IdempotencyStatus Status, StoredResponse? Response);

/// <summary>A response as it is replayed: status, content type, body and Location header.</summary>
public sealed record StoredResponse(int Status, string? ContentType, byte[] Body, string? Location);

/// <summary>
/// An operation that policy windows count, recorded when its signing starts. <see cref="Amount"/> is in the
/// chain's base unit as a decimal string (up to 2^256), or empty for an operation without one (or whose amount
/// is unknown); <see cref="Chain"/> and <see cref="Asset"/> are empty when they do not apply.
/// </summary>
public sealed record SpendRecord(string RequestId, string KeyId, string InitiatorName, string Operation, string Chain, string Asset, string Amount, DateTimeOffset At);
