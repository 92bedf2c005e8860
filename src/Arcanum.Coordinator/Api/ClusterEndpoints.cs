using System.Data.Common;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Sessions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// The cluster as the API shows it: health (public), members, and the node link WebSocket
/// (public: nodes authenticate inside it with Noise IK, ARCHITECTURE §1).
/// </summary>
internal static class ClusterEndpoints
{
    /// <summary>Fewer connected members than this cannot run any session (t ≥ 2).</summary>
    private const int MinimumConnected = 2;

    public static void MapPublic(RouteGroupBuilder v1)
    {
        v1.MapGet("/sys/health", HealthAsync)
            .WithName("Health")
            .WithSummary("Cluster health: ok (every member connected), degraded (at least 2), unavailable (503: fewer than 2, or the store unreachable), with the reason")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        v1.MapGet("/cluster", LinkAsync)
            .WithName("NodeLink")
            .WithSummary("WebSocket for a node's link (Noise IK inside); any other request is 400")
            .DisableRateLimiting()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    public static void MapSecured(RouteGroupBuilder v1) =>
        v1.MapGet("/nodes", NodesAsync)
            .WithName("ListNodes")
            .RequireRoles(Roles.Operator, Roles.Auditor)
            .WithSummary("The cluster members with their link state, last contact and version");

    private static async Task<JsonHttpResult<HealthResponse>> HealthAsync(
        [FromServices] ICoordinatorStore store, [FromServices] IClusterView cluster, CancellationToken cancellationToken)
    {
        IReadOnlyList<NodeRecord> members;
        try
        {
            members = await store.ListNodesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or IOException)
        {
            // Without the store nothing can be authorised, audited or signed; total is unknown (0).
            return TypedResults.Json(new HealthResponse("unavailable", new NodeCounts(cluster.ConnectedCount, 0), "store unreachable"),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var connected = members.Count(m => cluster.IsConnected(m.Id));
        var counted = $"{connected} of {members.Count} nodes connected";
        var (status, code, reason) = connected < MinimumConnected ? ("unavailable", StatusCodes.Status503ServiceUnavailable, $"{counted}; at least {MinimumConnected} are needed")
            : connected < members.Count ? ("degraded", StatusCodes.Status200OK, counted)
            : ("ok", StatusCodes.Status200OK, null);
        return TypedResults.Json(new HealthResponse(status, new NodeCounts(connected, members.Count), reason), statusCode: code);
    }

    private static async Task<Ok<NodeInfo[]>> NodesAsync(
        [FromServices] ICoordinatorStore store, [FromServices] IClusterView cluster, CancellationToken cancellationToken)
    {
        var members = await store.ListNodesAsync(cancellationToken);
        return TypedResults.Ok(members.Select(m => ApiMapping.ToNodeInfo(m, cluster.IsConnected(m.Id))).ToArray());
    }

    private static async Task<IResult> LinkAsync(HttpContext context, [FromServices] INodeLinkAcceptor acceptor)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return WebSocketRequired("/v1/cluster is the node link; open it as a WebSocket");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await acceptor.RunAsync(socket, context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>400 for a plain HTTP request to a WebSocket route.</summary>
    public static ProblemHttpResult WebSocketRequired(string detail) =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "websocket-required", "WebSocket required", detail);
}
