using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Policy;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// Requests that policy sent for approval. A request binds to SHA-256 of its <see cref="ApprovalStatement"/>; each
/// named approver (a token name, or any token of a listed role) decides once; the initiator cannot approve its
/// own request; one rejection rejects it; at the quorum it moves to <c>approved</c>, runs with the approvals as
/// evidence for the nodes, and ends <c>completed</c> with the answer or <c>failed</c> with the reason. A request
/// past its expiry ends <c>expired</c> when next read or decided on. Every move is guarded in the store, so two
/// approvers reaching the quorum at once run it once.
/// </summary>
internal sealed class Approvals(IGovernanceStore store, SpendLedger ledger, PolicyBook policies, IEnumerable<IOperationPreparer> preparers, TimeProvider time, RandomNumberGenerator rng)
{
    private readonly Dictionary<string, IOperationPreparer> _preparers = preparers
        .SelectMany(p => p.Operations.Select(operation => (operation, p)))
        .ToDictionary(pair => pair.operation, pair => pair.p, StringComparer.Ordinal);

    /// <summary>Opens a request for <paramref name="operation"/>: 202 with the request id and who must approve.</summary>
    public async Task<OperationResult> OpenAsync(PreparedOperation operation, CallerIdentity initiator, ApprovalRequirement requirement, long policyVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(initiator);
        ArgumentNullException.ThrowIfNull(requirement);
        var id = OperationResults.NewId(rng, "req_", 16);
        var now = time.GetUtcNow();
        var statement = ApprovalStatement.Build(id, operation);
        await store.InsertRequestAsync(
            new RequestRecord(
                id, operation.Operation, operation.KeyId, initiator.Accessor, initiator.Name, operation.Payload, ApprovalStatement.Hash(statement),
                policyVersion, requirement.Approvers, requirement.Quorum, RequestStatus.PendingApproval, null, null, now,
                now.AddSeconds(requirement.ExpiresInSeconds), null),
            cancellationToken);
        return new OperationResult(202, new PendingRequestResponse(id, "pending_approval", Requirement(requirement.Quorum, requirement.Approvers, requirement.ExpiresInSeconds)));
    }

    /// <summary>The request as it stands (expired if its time has passed while pending); null when unknown.</summary>
    public async Task<RequestInfo?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        return request is null ? null : await ViewAsync(await ExpireIfDueAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>Requests, newest first (optionally in one status), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<RequestInfo>> ListAsync(RequestStatus? status, int limit, CancellationToken cancellationToken)
    {
        var views = new List<RequestInfo>();
        foreach (var request in await store.ListRequestsAsync(status, limit, cancellationToken))
        {
            views.Add(await ViewAsync(await ExpireIfDueAsync(request, cancellationToken), cancellationToken));
        }

        return views;
    }

    /// <summary>Records <paramref name="approver"/>'s decision; at the quorum runs the operation. Throws <see cref="ApiProblemException"/> naming what is wrong.</summary>
    public async Task<RequestInfo> DecideAsync(string requestId, CallerIdentity approver, bool approve, string? reviewedHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var request = await store.GetRequestAsync(requestId, cancellationToken)
            ?? throw new ApiProblemException(404, "unknown-request", "Request not found", $"No request has id '{requestId}'.", "id");
        request = await ExpireIfDueAsync(request, cancellationToken);
        if (request.Status != RequestStatus.PendingApproval)
        {
            throw new ApiProblemException(409, "request-not-pending", "Request is not pending", $"The request is {StatusName(request.Status)}; only pending requests take decisions.", "id");
        }

        if (string.Equals(approver.Name, request.InitiatorName, StringComparison.Ordinal))
        {
            throw new ApiProblemException(403, "self-approval", "Initiator cannot approve", "The token that asked for the operation cannot approve or reject it.", "Authorization");
        }

        if (!IsEligible(approver, request.Approvers))
        {
            throw new ApiProblemException(403, "not-an-approver", "Not an approver of this request",
                $"This request needs approvals from {string.Join(", ", request.Approvers)}; the token is {approver.Name} ({approver.Role}).", "Authorization");
        }

        if (reviewedHash is not null && !string.Equals(reviewedHash, request.PayloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(409, "payload-hash-mismatch", "Not the payload of this request",
                $"The request's payload hash is {request.PayloadHash}, not the one reviewed; read the request again.", "payloadHash");
        }

        var decision = approve ? "approve" : "reject";
        var added = await store.AddApprovalAsync(
            new ApprovalRecord(request.Id, approver.Accessor, approver.Name, decision, request.PayloadHash, time.GetUtcNow()), cancellationToken);
        switch (added)
        {
            case ApprovalOutcome.Duplicate:
                throw new ApiProblemException(409, "already-decided", "Already decided", $"{approver.Name} has already decided on this request.", "id");
            case ApprovalOutcome.NotPending:
                throw new ApiProblemException(409, "request-not-pending", "Request is not pending", "The request stopped taking decisions meanwhile.", "id");
        }

        if (!approve)
        {
            await store.MoveRequestAsync(request.Id, RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Rejected, null, $"rejected by {approver.Name}", time.GetUtcNow()), cancellationToken);
        }
        else
        {
            var approvals = await store.ListApprovalsAsync(request.Id, cancellationToken);
            var approving = approvals.Where(a => a.Decision == "approve" && a.PayloadHash == request.PayloadHash).ToList();
            if (approving.Select(a => a.ApproverName).Distinct(StringComparer.Ordinal).Count() >= request.Quorum
                && await store.MoveRequestAsync(request.Id, RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Approved, null, null, time.GetUtcNow()), cancellationToken))
            {
                await RunApprovedAsync(request, approving);
            }
        }

        return (await GetAsync(request.Id, cancellationToken))!;
    }

    /// <summary>Runs an approved request to its end (not cancellable by the approver's connection: once approved, it finishes).</summary>
    private async Task RunApprovedAsync(RequestRecord request, IReadOnlyList<ApprovalRecord> approving)
    {
        RequestUpdate end;
        try
        {
            var operation = await _preparers[request.Operation].PrepareAsync(request.Operation, request.Payload, CancellationToken.None);
            var statement = ApprovalStatement.Build(request.Id, operation);
            if (ApprovalStatement.Hash(statement) != request.PayloadHash)
            {
                throw new ApiProblemException(409, "payload-changed", "The operation changed", "Preparing the approved payload again gives other messages to sign; nothing was signed.");
            }

            var active = await policies.ActiveAsync(CancellationToken.None);
            await ledger.RecordAsync(operation, new CallerIdentity(request.InitiatorAccessor, request.InitiatorName, ""), request.Id, active?.Document, CancellationToken.None);
            var result = await operation.ExecuteAsync(ApprovalStatement.Evidence(request, statement, approving), CancellationToken.None);
            end = new RequestUpdate(RequestStatus.Completed, OperationResults.ToJson(result), null, time.GetUtcNow());
        }
        catch (ApiProblemException problem)
        {
            end = new RequestUpdate(RequestStatus.Failed, null, $"{problem.Title}: {problem.Message}", time.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The request must not stay "approved" forever; the detail of an unexpected failure stays in the logs.
            end = new RequestUpdate(RequestStatus.Failed, null, $"the operation failed unexpectedly ({e.GetType().Name})", time.GetUtcNow());
            await store.MoveRequestAsync(request.Id, RequestStatus.Approved, end, CancellationToken.None);
            throw;
        }

        await store.MoveRequestAsync(request.Id, RequestStatus.Approved, end, CancellationToken.None);
    }

    private async Task<RequestRecord> ExpireIfDueAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.Status != RequestStatus.PendingApproval || now < request.ExpiresAt)
        {
            return request;
        }

        await store.MoveRequestAsync(request.Id, RequestStatus.PendingApproval, new RequestUpdate(RequestStatus.Expired, null, "no quorum before the request expired", now), cancellationToken);
        return await store.GetRequestAsync(request.Id, cancellationToken) ?? request;
    }

    private async Task<RequestInfo> ViewAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        var approvals = await store.ListApprovalsAsync(request.Id, cancellationToken);
        using var payload = JsonDocument.Parse(request.Payload);
        using var result = request.Result is null ? null : JsonDocument.Parse(request.Result);
        return new RequestInfo(
            request.Id, StatusName(request.Status), request.Operation, request.KeyId, request.InitiatorName, payload.RootElement.Clone(), request.PayloadHash,
            Requirement(request.Quorum, request.Approvers, null), [.. approvals.Select(a => new ApprovalInfo(a.ApproverName, a.Decision, a.At))],
            result?.RootElement.Clone(), request.Reason, request.CreatedAt, request.ExpiresAt, request.EndedAt);
    }

    /// <summary>A token may decide when its name, or its role, is among the approvers.</summary>
    private static bool IsEligible(CallerIdentity caller, IReadOnlyList<string> approvers) =>
        approvers.Contains(caller.Name, StringComparer.Ordinal) || approvers.Contains(caller.Role, StringComparer.Ordinal);

    private static ApprovalRequirementInfo Requirement(int quorum, IReadOnlyList<string> approvers, int? expiresIn) => new(quorum, approvers, expiresIn);

    public static string StatusName(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => "pending_approval",
        RequestStatus.Approved => "approved",
        RequestStatus.Rejected => "rejected",
        RequestStatus.Expired => "expired",
        RequestStatus.Completed => "completed",
        _ => "failed",
    };
}
