using System.Net.WebSockets;
using System.Text.Json;
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

    /// <summary>Client → server messages on /v1/events are ignored; they are read in chunks of this size.</summary>
    private const int DiscardBufferBytes = 1024;

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

    private static async Task<IResult> EventsAsync(HttpContext context, [FromServices] ISessionEvents events)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ClusterEndpoints.WebSocketRequired("/v1/events is a WebSocket");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainUntilCloseAsync(socket, stop);
        try
        {
            await foreach (var sessionEvent in events.SubscribeAsync(stop.Token))
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(sessionEvent, ApiJsonContext.Default.SessionEvent);
                await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client closed or vanished; nothing more is owed to it.
        }
        finally
        {
            await stop.CancelAsync();
            await receiving;
        }

        await AnswerCloseAsync(socket, context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>Reads (and drops) what the client sends until it closes or the connection fails, then stops the sender.</summary>
    private static async Task DrainUntilCloseAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[DiscardBufferBytes];
        try
        {
            while ((await socket.ReceiveAsync(buffer, stop.Token)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Cancelled because the sender stopped, or the connection dropped.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Completes the close handshake the client started (RFC 6455 §5.5.1); sends happen only here once the sender has stopped.</summary>
    private static async Task AnswerCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client is gone before hearing the answer.
        }
    }
}
