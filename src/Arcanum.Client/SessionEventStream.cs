using System.Net.WebSockets;
using System.Text.Json;
using Arcanum.Client.Contracts;

namespace Arcanum.Client;

/// <summary>
/// The client end of <c>/v1/events</c>: a WebSocket (RFC 6455) whose text messages are one
/// <see cref="SessionEvent"/> JSON object each. Messages are bounded in size; a message that is too
/// large, binary, or not a session event raises <see cref="InvalidDataException"/> naming the fault.
/// </summary>
internal sealed class SessionEventStream : IDisposable
{
    /// <summary>An event is a few hundred bytes; anything near this bound is not one.</summary>
    private const int MaxMessageBytes = 64 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[MaxMessageBytes];

    private SessionEventStream(ClientWebSocket socket) => _socket = socket;

    public static async Task<SessionEventStream> ConnectAsync(Uri address, string token, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            return new SessionEventStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next event, or null once the server has closed the socket.</summary>
    public async Task<SessionEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, cancellationToken).ConfigureAwait(false);
                throw new InvalidDataException($"An event message exceeded {MaxMessageBytes} bytes.");
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, cancellationToken).ConfigureAwait(false);
                return null;
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                await CloseAsync(WebSocketCloseStatus.InvalidMessageType, cancellationToken).ConfigureAwait(false);
                throw new InvalidDataException("The event stream sent a binary message; events are JSON text.");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Decode(_buffer.AsSpan(0, length));
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static SessionEvent Decode(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ApiJsonContext.Default.SessionEvent)
                ?? throw new InvalidDataException("The event stream sent JSON null instead of an event.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The event stream sent a message that is not a session event: {e.Message}", e);
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(status, null, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // The peer is already gone; there is nobody left to tell.
            }
        }
    }
}
