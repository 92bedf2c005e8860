using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Dapper;

namespace Arcanum.Storage.Sql;

/// <summary>
/// The <see cref="IGovernanceStore"/> half (issue 7): tokens, policy versions, approval requests, the
/// append-only audit log, idempotency keys and spends. As in the metadata half, every transition is one
/// guarded statement whose affected-row count or unique violation is the answer — never a read followed
/// by a write — so two coordinators sharing one database agree.
/// </summary>
public abstract partial class SqlCoordinatorStore
{
    /// <summary>The longest idempotency key and scope, in characters (issue 7: <c>Idempotency-Key</c> ≤ 64 chars).</summary>
    public const int MaxIdempotencyKeyLength = 64;

    private const string TokenColumns =
        "accessor AS Accessor, name AS Name, role AS Role, secret_hash AS SecretHash, created_at AS CreatedAt, " +
        "expires_at AS ExpiresAt, revoked_at AS RevokedAt, created_by AS CreatedBy";

    private const string PolicyColumns =
        "version AS Version, document AS Document, document_hash AS DocumentHash, created_by AS CreatedBy, created_at AS CreatedAt";

    private const string RequestColumns =
        "id AS Id, operation AS Operation, key_id AS KeyId, initiator_accessor AS InitiatorAccessor, initiator_name AS InitiatorName, " +
        "payload AS Payload, payload_hash AS PayloadHash, policy_version AS PolicyVersion, approvers AS Approvers, quorum AS Quorum, " +
        "status AS Status, result AS Result, reason AS Reason, created_at AS CreatedAt, expires_at AS ExpiresAt, ended_at AS EndedAt";

    private const string ApprovalColumns =
        "request_id AS RequestId, approver_accessor AS ApproverAccessor, approver_name AS ApproverName, decision AS Decision, " +
        "payload_hash AS PayloadHash, at AS At";

    private const string AuditColumns =
        "seq AS Seq, time AS Time, actor_accessor AS ActorAccessor, actor_name AS ActorName, action AS Action, target AS Target, " +
        "request_hash AS RequestHash, decision AS Decision, outcome AS Outcome, prev_hash AS PrevHash, hash AS Hash";

    private const string IdempotencyColumns =
        "request_hash AS RequestHash, response_status AS ResponseStatus, response_content_type AS ResponseContentType, " +
        "response_body AS ResponseBody, response_location AS ResponseLocation";

    private const string SpendColumns =
        "request_id AS RequestId, key_id AS KeyId, initiator_name AS InitiatorName, operation AS Operation, chain AS Chain, " +
        "asset AS Asset, amount AS Amount, at AS At";

    private const int SecretHashLength = 32;

    /// <summary>Decimal digits of 2^256, the largest amount a spend may record.</summary>
    private const int MaxAmountDigits = 78;

    /// <summary>
    /// How often a claim retries when the row it collided with vanished before it could be read (released or
    /// replaced by another coordinator in between); only PostgreSQL's concurrent writers can cause this.
    /// </summary>
    private const int ClaimAttempts = 8;

    private static readonly string[] Roles = ["admin", "operator", "signer", "approver", "auditor"];

    private static readonly string[] Decisions = ["approve", "reject"];

    private static readonly BigInteger MaxAmount = BigInteger.Pow(2, 256);

    /// <summary>
    /// The locking clause that makes <c>AddApprovalAsync</c>'s check of the request's state wait for, and then
    /// re-read, a concurrent move of that request (PostgreSQL: <c>FOR SHARE</c>); empty where writers are
    /// already serialised (SQLite).
    /// </summary>
    private protected abstract string ShareLockClause { get; }

    /// <inheritdoc />
    public async Task InsertTokenAsync(TokenRecord token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(token.Accessor, nameof(token));
        ArgumentException.ThrowIfNullOrEmpty(token.Name, nameof(token));
        ArgumentNullException.ThrowIfNull(token.SecretHash, nameof(token));
        if (!Roles.Contains(token.Role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Token '{token.Accessor}': role '{token.Role}' is not one of {string.Join(", ", Roles)}.", nameof(token));
        }

        if (token.SecretHash.Length != SecretHashLength || token.RevokedAt is not null)
        {
            throw new ArgumentException(
                $"Token '{token.Accessor}' must be inserted unrevoked with a {SecretHashLength}-byte SHA-256 secret hash.", nameof(token));
        }

        try
        {
            await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO tokens (accessor, name, role, secret_hash, created_at, expires_at, revoked_at, created_by) " +
                    "VALUES (@Accessor, @Name, @Role, @SecretHash, @CreatedAt, @ExpiresAt, NULL, @CreatedBy)",
                    new
                    {
                        token.Accessor,
                        token.Name,
                        token.Role,
                        token.SecretHash,
                        CreatedAt = StoredValues.EncodeInstant(token.CreatedAt),
                        ExpiresAt = StoredValues.EncodeInstant(token.ExpiresAt),
                        token.CreatedBy,
                    },
                    cancellationToken),
                cancellationToken);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            // The secret hash is never echoed: the message names only which rule the token broke.
            var message = await GetTokenAsync(token.Accessor, cancellationToken) is not null ? $"A token with accessor '{token.Accessor}' already exists."
                : await FindTokenBySecretHashAsync(token.SecretHash, cancellationToken) is not null ? $"Token '{token.Accessor}': a token with the same secret hash already exists."
                : $"An unrevoked token is already named '{token.Name}'.";
            throw new StoreConflictException(message, exception);
        }
    }

    /// <inheritdoc />
    public async Task<TokenRecord?> FindTokenBySecretHashAsync(byte[] secretHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secretHash);

        // An indexed equality lookup on the hash of a 256-bit random secret: timing reveals nothing about
        // the secret, since finding a stored hash by probing would take a preimage of SHA-256.
        return (await QueryAsync<TokenRow, TokenRecord>(
            $"SELECT {TokenColumns} FROM tokens WHERE secret_hash = @SecretHash", new { SecretHash = secretHash }, row => row.ToRecord(), cancellationToken))
            .SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<TokenRecord?> GetTokenAsync(string accessor, CancellationToken cancellationToken = default) =>
        (await QueryAsync<TokenRow, TokenRecord>(
            $"SELECT {TokenColumns} FROM tokens WHERE accessor = @Accessor", new { Accessor = accessor }, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<TokenRow, TokenRecord>($"SELECT {TokenColumns} FROM tokens ORDER BY created_at, accessor", null, row => row.ToRecord(), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string accessor, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE tokens SET revoked_at = @RevokedAt WHERE accessor = @Accessor AND revoked_at IS NULL",
                new { Accessor = accessor, RevokedAt = StoredValues.EncodeInstant(revokedAt) },
                cancellationToken),
            cancellationToken) == 1;

    /// <inheritdoc />
    public async Task<bool> InsertPolicyAsync(PolicyRecord policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(policy.Document, nameof(policy));
        ArgumentNullException.ThrowIfNull(policy.DocumentHash, nameof(policy));
        ArgumentNullException.ThrowIfNull(policy.CreatedBy, nameof(policy));
        if (policy.Version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy.Version, "Policy versions start at 1.");
        }

        try
        {
            // The sub-select admits only newest + 1; two writers of the same version both pass it, and the
            // primary key then lets exactly one commit.
            return await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO policies (version, document, document_hash, created_by, created_at) " +
                    "SELECT @Version, @Document, @DocumentHash, @CreatedBy, @CreatedAt " +
                    "WHERE (SELECT COALESCE(MAX(version), 0) FROM policies) = @Previous",
                    new
                    {
                        policy.Version,
                        policy.Document,
                        policy.DocumentHash,
                        policy.CreatedBy,
                        CreatedAt = StoredValues.EncodeInstant(policy.CreatedAt),
                        Previous = policy.Version - 1,
                    },
                    cancellationToken),
                cancellationToken) == 1;
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<PolicyRecord?> GetActivePolicyAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync<PolicyRow, PolicyRecord>(
            $"SELECT {PolicyColumns} FROM policies ORDER BY version DESC LIMIT 1", null, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public async Task<PolicyRecord?> GetPolicyAsync(long version, CancellationToken cancellationToken = default) =>
        (await QueryAsync<PolicyRow, PolicyRecord>(
            $"SELECT {PolicyColumns} FROM policies WHERE version = @Version", new { Version = version }, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<PolicyRecord>> ListPoliciesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<PolicyRow, PolicyRecord>($"SELECT {PolicyColumns} FROM policies ORDER BY version", null, row => row.ToRecord(), cancellationToken);

    /// <inheritdoc />
    public async Task InsertRequestAsync(RequestRecord request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Approvers, nameof(request));
        if (request.Status != RequestStatus.PendingApproval || request.EndedAt is not null || request.Result is not null || request.Reason is not null)
        {
            throw new ArgumentException($"Request '{request.Id}' must be inserted pending approval, without a result, reason or end time.", nameof(request));
        }

        if (request.Quorum < 1 || request.Approvers.Count == 0 || request.Approvers.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException(
                $"Request '{request.Id}' needs a quorum of at least 1 and a non-empty list of approvers; got quorum {request.Quorum}, {request.Approvers.Count} approvers.",
                nameof(request));
        }

        try
        {
            await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO requests (id, operation, key_id, initiator_accessor, initiator_name, payload, payload_hash, policy_version, " +
                    "approvers, quorum, status, result, reason, created_at, expires_at, ended_at) " +
                    "VALUES (@Id, @Operation, @KeyId, @InitiatorAccessor, @InitiatorName, @Payload, @PayloadHash, @PolicyVersion, " +
                    "@Approvers, @Quorum, @Status, NULL, NULL, @CreatedAt, @ExpiresAt, NULL)",
                    new
                    {
                        request.Id,
                        request.Operation,
                        request.KeyId,
                        request.InitiatorAccessor,
                        request.InitiatorName,
                        request.Payload,
                        request.PayloadHash,
                        request.PolicyVersion,
                        Approvers = StoredValues.EncodeNames(request.Approvers),
                        request.Quorum,
                        Status = RequestStatusNames.PendingApproval,
                        CreatedAt = StoredValues.EncodeInstant(request.CreatedAt),
                        ExpiresAt = StoredValues.EncodeInstant(request.ExpiresAt),
                    },
                    cancellationToken),
                cancellationToken);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            throw new StoreConflictException($"A request with id '{request.Id}' already exists.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<RequestRecord?> GetRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        (await QueryAsync<RequestRow, RequestRecord>(
            $"SELECT {RequestColumns} FROM requests WHERE id = @RequestId", new { RequestId = requestId }, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<RequestRecord>> ListRequestsAsync(RequestStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var filter = status is null ? "" : "WHERE status = @Status ";
        return QueryAsync<RequestRow, RequestRecord>(
            $"SELECT {RequestColumns} FROM requests {filter}ORDER BY created_at DESC, id DESC LIMIT @Limit",
            new { Status = status is { } value ? RequestStatusNames.Format(value) : null, Limit = limit },
            row => row.ToRecord(),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ApprovalOutcome> AddApprovalAsync(ApprovalRecord approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentException.ThrowIfNullOrEmpty(approval.ApproverName, nameof(approval));
        ArgumentNullException.ThrowIfNull(approval.ApproverAccessor, nameof(approval));
        ArgumentNullException.ThrowIfNull(approval.PayloadHash, nameof(approval));
        if (!Decisions.Contains(approval.Decision, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Approval of '{approval.RequestId}': decision '{approval.Decision}' is neither approve nor reject.", nameof(approval));
        }

        try
        {
            var added = await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO approvals (request_id, approver_accessor, approver_name, decision, payload_hash, at) " +
                    "SELECT @RequestId, @ApproverAccessor, @ApproverName, @Decision, @PayloadHash, @At " +
                    $"WHERE EXISTS (SELECT 1 FROM requests WHERE id = @RequestId AND status = '{RequestStatusNames.PendingApproval}'{ShareLockClause})",
                    new
                    {
                        approval.RequestId,
                        approval.ApproverAccessor,
                        approval.ApproverName,
                        approval.Decision,
                        approval.PayloadHash,
                        At = StoredValues.EncodeInstant(approval.At),
                    },
                    cancellationToken),
                cancellationToken);
            return added == 1 ? ApprovalOutcome.Added : ApprovalOutcome.NotPending;
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            return ApprovalOutcome.Duplicate;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApprovalRecord>> ListApprovalsAsync(string requestId, CancellationToken cancellationToken = default) =>
        QueryAsync<ApprovalRow, ApprovalRecord>(
            $"SELECT {ApprovalColumns} FROM approvals WHERE request_id = @RequestId ORDER BY id", new { RequestId = requestId }, row => row.ToRecord(), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> MoveRequestAsync(string requestId, RequestStatus from, RequestUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!RequestStatusNames.IsForward(from, update.Status))
        {
            return false;
        }

        return await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE requests SET status = @To, result = @Result, reason = @Reason, ended_at = @EndedAt WHERE id = @RequestId AND status = @From",
                new
                {
                    RequestId = requestId,
                    From = RequestStatusNames.Format(from),
                    To = RequestStatusNames.Format(update.Status),
                    update.Result,
                    update.Reason,
                    EndedAt = RequestStatusNames.HasEnded(update.Status) ? StoredValues.EncodeInstant(update.At) : (long?)null,
                },
                cancellationToken),
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<AuditEntry?> GetAuditHeadAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync<AuditRow, AuditEntry>(
            $"SELECT {AuditColumns} FROM audit_entries ORDER BY seq DESC LIMIT 1", null, row => row.ToRecord(), cancellationToken))
        .SingleOrDefault();

    /// <inheritdoc />
    public Task<bool> TryAppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return TryAppendAuditAsync([entry], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryAppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            ArgumentOutOfRangeException.ThrowIfLessThan(entry.Seq, 1, nameof(entries));
        }

        try
        {
            await WriteAsync(
                async connection =>
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    foreach (var entry in entries)
                    {
                        await ExecuteAsync(
                            connection,
                            "INSERT INTO audit_entries (seq, time, actor_accessor, actor_name, action, target, request_hash, decision, outcome, prev_hash, hash) " +
                            "VALUES (@Seq, @Time, @ActorAccessor, @ActorName, @Action, @Target, @RequestHash, @Decision, @Outcome, @PrevHash, @Hash)",
                            new
                            {
                                entry.Seq,
                                Time = StoredValues.EncodeInstant(entry.Time),
                                entry.ActorAccessor,
                                entry.ActorName,
                                entry.Action,
                                entry.Target,
                                entry.RequestHash,
                                entry.Decision,
                                entry.Outcome,
                                entry.PrevHash,
                                entry.Hash,
                            },
                            cancellationToken,
                            transaction);
                    }

                    await transaction.CommitAsync(cancellationToken);
                    return entries.Count;
                },
                cancellationToken);
            return true;
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return QueryAsync<AuditRow, AuditEntry>(
            $"SELECT {AuditColumns} FROM audit_entries WHERE seq > @AfterSeq ORDER BY seq LIMIT @Limit",
            new { AfterSeq = afterSeq, Limit = limit },
            row => row.ToRecord(),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IdempotencyResult> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ValidateIdempotencyKey(claim.Scope, claim.Key, claim.RequestHash, nameof(claim));
        if (claim.ExpiresAt <= claim.CreatedAt)
        {
            throw new ArgumentException($"Idempotency key '{claim.Key}' must expire after it is claimed.", nameof(claim));
        }

        var parameters = new
        {
            claim.Scope,
            claim.Key,
            claim.RequestHash,
            CreatedAt = StoredValues.EncodeInstant(claim.CreatedAt),
            ExpiresAt = StoredValues.EncodeInstant(claim.ExpiresAt),
        };
        return await WriteAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(
                    connection,
                    "DELETE FROM idempotency_keys WHERE scope = @Scope AND key = @Key AND expires_at <= @CreatedAt",
                    parameters,
                    cancellationToken,
                    transaction);
                for (var attempt = 1; attempt <= ClaimAttempts; attempt++)
                {
                    // ON CONFLICT DO NOTHING is the unique index deciding without aborting the transaction:
                    // against a concurrent uncommitted claim, PostgreSQL waits for it and then inserts nothing.
                    var inserted = await ExecuteAsync(
                        connection,
                        "INSERT INTO idempotency_keys (scope, key, request_hash, created_at, expires_at) " +
                        "VALUES (@Scope, @Key, @RequestHash, @CreatedAt, @ExpiresAt) ON CONFLICT (scope, key) DO NOTHING",
                        parameters,
                        cancellationToken,
                        transaction);
                    var holder = inserted == 1
                        ? null
                        : (await connection.QueryAsync<IdempotencyRow>(new CommandDefinition(
                            $"SELECT {IdempotencyColumns} FROM idempotency_keys WHERE scope = @Scope AND key = @Key",
                            parameters,
                            transaction,
                            cancellationToken: cancellationToken))).SingleOrDefault();
                    if (inserted == 1 || holder is not null)
                    {
                        await transaction.CommitAsync(cancellationToken);
                        return holder?.Classify(claim.RequestHash) ?? new IdempotencyResult(IdempotencyStatus.Claimed, null);
                    }
                }

                throw new InvalidOperationException(
                    $"Idempotency key '{claim.Key}' was claimed and released by other writers {ClaimAttempts} times in a row; the claim is transient, retry it.");
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> CompleteIdempotencyKeyAsync(
        string scope, string key, string requestHash, StoredResponse response, CancellationToken cancellationToken = default)
    {
        ValidateIdempotencyKey(scope, key, requestHash, nameof(key));
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(response.Body, nameof(response));
        if (response.Status is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(response), response.Status, "An HTTP status code is 100 to 599.");
        }

        return await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "UPDATE idempotency_keys SET response_status = @Status, response_content_type = @ContentType, response_body = @Body, " +
                "response_location = @Location WHERE scope = @Scope AND key = @Key AND request_hash = @RequestHash AND response_status IS NULL",
                new
                {
                    Scope = scope,
                    Key = key,
                    RequestHash = requestHash,
                    response.Status,
                    response.ContentType,
                    response.Body,
                    response.Location,
                },
                cancellationToken),
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseIdempotencyKeyAsync(string scope, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        ValidateIdempotencyKey(scope, key, requestHash, nameof(key));
        return await WriteAsync(
            connection => ExecuteAsync(
                connection,
                "DELETE FROM idempotency_keys WHERE scope = @Scope AND key = @Key AND request_hash = @RequestHash AND response_status IS NULL",
                new { Scope = scope, Key = key, RequestHash = requestHash },
                cancellationToken),
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task InsertSpendAsync(SpendRecord spend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentException.ThrowIfNullOrEmpty(spend.RequestId, nameof(spend));
        ArgumentException.ThrowIfNullOrEmpty(spend.KeyId, nameof(spend));
        if (spend.Amount.Length > 0 && !IsBaseUnitAmount(spend.Amount))
        {
            throw new ArgumentException(
                $"Spend of request '{spend.RequestId}': the amount must be empty (none) or a decimal integer from 0 to 2^256 without leading zeros.", nameof(spend));
        }

        try
        {
            await WriteAsync(
                connection => ExecuteAsync(
                    connection,
                    "INSERT INTO spends (request_id, key_id, initiator_name, operation, chain, asset, amount, at) " +
                    "VALUES (@RequestId, @KeyId, @InitiatorName, @Operation, @Chain, @Asset, @Amount, @At)",
                    new
                    {
                        spend.RequestId,
                        spend.KeyId,
                        spend.InitiatorName,
                        spend.Operation,
                        spend.Chain,
                        spend.Asset,
                        spend.Amount,
                        At = StoredValues.EncodeInstant(spend.At),
                    },
                    cancellationToken),
                cancellationToken);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            throw new StoreConflictException($"A spend of request '{spend.RequestId}' is already recorded.", exception);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SpendRecord>> ListSpendsAsync(string keyId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync<SpendRow, SpendRecord>(
            $"SELECT {SpendColumns} FROM spends WHERE key_id = @KeyId AND at >= @Since ORDER BY at, request_id",
            new { KeyId = keyId, Since = StoredValues.EncodeInstant(since) },
            row => row.ToRecord(),
            cancellationToken);

    private static void ValidateIdempotencyKey(string scope, string key, string requestHash, string parameterName)
    {
        if (string.IsNullOrEmpty(scope) || string.IsNullOrEmpty(key) || scope.Length > MaxIdempotencyKeyLength || key.Length > MaxIdempotencyKeyLength)
        {
            throw new ArgumentException(
                $"An idempotency key and its scope are 1 to {MaxIdempotencyKeyLength} characters; got {key?.Length ?? 0} and {scope?.Length ?? 0}.",
                parameterName);
        }

        ArgumentException.ThrowIfNullOrEmpty(requestHash, parameterName);
    }

    private static bool IsBaseUnitAmount(string? amount) =>
        amount is { Length: > 0 and <= MaxAmountDigits }
        && (amount.Length == 1 || amount[0] != '0')
        && amount.All(char.IsAsciiDigit)
        && BigInteger.Parse(amount, NumberStyles.None, CultureInfo.InvariantCulture) <= MaxAmount;
}
