using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// The notification WebSockets (/v1/events, /v1/ledger/events): accepts the upgrade, sends every item of a
/// subscription as one JSON text message, ignores what the client sends, and ends when the client closes or the
/// connection drops (RFC 6455 §5.5.1: the close the client started is answered).
/// </summary>
internal static class EventSocket
{
    /// <summary>Client → server messages are ignored; they are read in chunks of this size.</summary>
    private const int DiscardBufferBytes = 1024;

    /// <summary>
    /// Streams <paramref name="subscribe"/>'s items to the client. <paramref name="subscribe"/> is called once the
    /// socket is open, so the client receives everything published from then on. A plain HTTP request gets 400
    /// <c>websocket-required</c> with <paramref name="route"/> in the detail.
    /// </summary>
    public static async Task<IResult> StreamAsync<T>(
        HttpContext context, string route, Func<CancellationToken, IAsyncEnumerable<T>> subscribe, JsonTypeInfo<T> typeInfo)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ClusterEndpoints.WebSocketRequired($"{route} is a WebSocket");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainUntilCloseAsync(socket, stop);
        try
        {
            await foreach (var item in subscribe(stop.Token))
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(item, typeInfo);
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
