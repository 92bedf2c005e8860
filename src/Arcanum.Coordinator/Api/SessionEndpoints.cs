using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Sessions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// Sessions: GET /v1/sessions/{id} (the source of truth) and the /v1/events WebSocket, which
/// notifies session progress as <see cref="SessionEvent"/> JSON text messages (best effort).
/// </summary>
internal static class SessionEndpoints
{
    /// <summary>A session id: 16 random bytes, lower-case hex.</summary>
    private const int SessionIdLength = 32;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{id}", GetAsync)
            .WithName("GetSession")
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Auditor)
            .WithSummary("A session's state: running, completed, aborted (with culprits) or timed_out (with the missing nodes)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/events", EventsAsync)
            .WithName("Events")
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Approver, Roles.Auditor)
            .WithSummary("WebSocket of session events (JSON text messages); the token may also be passed as ?token=")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> GetAsync(string id, [FromServices] ICoordinatorStore store, CancellationToken cancellationToken)
    {
        if (id.Length != SessionIdLength || !id.All(char.IsAsciiHexDigitLower))
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid",
                $"a session id is {SessionIdLength} lower-case hex digits", "id");
        }

        var session = await store.GetSessionAsync(id, cancellationToken);
        return session is null
            ? ApiProblems.Create(StatusCodes.Status404NotFound, "unknown-session", "Unknown session", $"no session has id {id}", "id")
            : TypedResults.Ok(ApiMapping.ToSessionInfo(session));
    }

    private static Task<IResult> EventsAsync(HttpContext context, [FromServices] ISessionEvents events) =>
        EventSocket.StreamAsync(context, "/v1/events", events.SubscribeAsync, ApiJsonContext.Default.SessionEvent);
}
