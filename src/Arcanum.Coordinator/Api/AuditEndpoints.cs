using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Audit;
using Arcanum.Coordinator.Auth;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>/v1/audit (auditor): read the audit log in seq order, and verify its hash chain from the first entry.</summary>
internal static class AuditEndpoints
{
    private const int DefaultLimit = 100;

    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/audit", ListAsync)
            .WithName("ListAudit")
            .WithSummary("Audit entries after a seq, ascending (query: after, limit)")
            .Produces<AuditEntryInfo[]>()
            .RequireRoles(Roles.Auditor)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapGet("/audit/verify", VerifyAsync)
            .WithName("VerifyAudit")
            .WithSummary("Walk the audit hash chain from the first entry: ok, the number of entries, the head hash, where it breaks")
            .Produces<AuditVerifyResponse>()
            .RequireRoles(Roles.Auditor);
    }

    private static async Task<IResult> ListAsync([FromQuery] long? after, [FromQuery] int? limit, [FromServices] IGovernanceStore store, CancellationToken cancellationToken)
    {
        if (after is < 0)
        {
            return ApiProblems.Create(400, "invalid-request", "The request is not valid", "after must be 0 or more", "after");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Create(400, "invalid-request", "The request is not valid", $"limit must be 1 to {MaxLimit}", "limit");
        }

        var entries = await store.ListAuditAsync(after ?? 0, limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(entries.Select(e => new AuditEntryInfo(
            e.Seq, e.Time, e.ActorAccessor, e.ActorName, e.Action, e.Target, e.RequestHash, e.Decision, e.Outcome, e.PrevHash, e.Hash)).ToArray());
    }

    private static async Task<IResult> VerifyAsync([FromServices] AuditLog log, CancellationToken cancellationToken)
    {
        var result = await log.VerifyAsync(cancellationToken);
        return TypedResults.Ok(new AuditVerifyResponse(result.Ok, result.Entries, result.Head, result.BrokenAt, result.Problem));
    }
}
