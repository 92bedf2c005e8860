using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Governance;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>/v1/requests: operations that policy sent for approval — read them, approve or reject them (<see cref="Approvals"/>).</summary>
internal static class RequestEndpoints
{
    private const int DefaultLimit = 100;

    private const int MaxLimit = 1000;

    private static readonly Dictionary<string, JsonFieldKind> DecisionShape = new(StringComparer.Ordinal)
    {
        ["payloadHash"] = JsonFieldKind.String,
    };

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/requests", ListAsync)
            .WithName("ListRequests")
            .WithSummary("Requests awaiting or past approval, newest first (query: status, limit)")
            .Produces<RequestInfo[]>()
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Approver, Roles.Auditor)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/requests/{id}", GetAsync)
            .WithName("GetRequest")
            .WithSummary("A request: its payload and payload hash, who must approve, the decisions so far, and its result")
            .Produces<RequestInfo>()
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Approver, Roles.Auditor)
            .ProducesProblem(StatusCodes.Status404NotFound);
        foreach (var (verb, approve, name, summary) in new[]
        {
            ("approve", true, "ApproveRequest", "Approve a pending request; at the quorum the operation runs and the answer is the completed request"),
            ("reject", false, "RejectRequest", "Reject a pending request (one rejection ends it)"),
        })
        {
            v1.MapPost($"/requests/{{id}}/{verb}", (string id, HttpContext context, [FromServices] Approvals approvals, [FromServices] ApiOptions options, CancellationToken cancellationToken) =>
                    DecideAsync(id, approve, context, approvals, options, cancellationToken))
                .WithName(name)
                .WithSummary(summary)
                .Accepts<DecisionRequest>("application/json")
                .Produces<RequestInfo>()
                .RequireRoles(Roles.Approver)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> ListAsync(
        [FromQuery] string? status, [FromQuery] int? limit, [FromServices] Approvals approvals, CancellationToken cancellationToken)
    {
        RequestStatus? filter = null;
        if (status is not null)
        {
            var known = Enum.GetValues<RequestStatus>().Where(s => Approvals.StatusName(s) == status).ToList();
            if (known.Count == 0)
            {
                return ApiProblems.Create(400, "invalid-request", "The request is not valid",
                    $"status must be one of {string.Join(", ", Enum.GetValues<RequestStatus>().Select(Approvals.StatusName))}", "status");
            }

            filter = known[0];
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Create(400, "invalid-request", "The request is not valid", $"limit must be 1 to {MaxLimit}", "limit");
        }

        return TypedResults.Ok((await approvals.ListAsync(filter, limit ?? DefaultLimit, cancellationToken)).ToArray());
    }

    private static async Task<IResult> GetAsync(string id, [FromServices] Approvals approvals, CancellationToken cancellationToken) =>
        await approvals.GetAsync(id, cancellationToken) is { } request
            ? TypedResults.Ok(request)
            : ApiProblems.Create(404, "unknown-request", "Request not found", $"No request has id '{ApiProblems.Truncate(id)}'.", "id");

    private static async Task<IResult> DecideAsync(string id, bool approve, HttpContext context, Approvals approvals, ApiOptions options, CancellationToken cancellationToken)
    {
        string? reviewed = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(context.Request, DecisionShape, options.MaxRequestBodyBytes, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            reviewed = body.String("payloadHash");
        }

        return TypedResults.Ok(await approvals.DecideAsync(id, CallerIdentity.Of(context.User), approve, reviewed, cancellationToken));
    }
}
