using System.Net.WebSockets;
using Arcanum.Crypto.Noise;

namespace Arcanum.Transport;

/// <summary>What one call of <see cref="WebSocketMessages.ReceiveAsync"/> found.</summary>
internal enum ReceivedKind
{
    /// <summary>A whole binary message of at most one Noise message's length.</summary>
    Binary,

    /// <summary>A text message (its content is not read).</summary>
    Text,

    /// <summary>A binary message longer than a Noise message (the rest is not read).</summary>
    TooLarge,

    /// <summary>The peer's close frame.</summary>
    Close,
}

/// <summary>One received WebSocket message: its kind, length, and for a close the peer's status and description.</summary>
internal readonly record struct ReceivedMessage(ReceivedKind Kind, int Length, WebSocketCloseStatus? CloseStatus, string? CloseDescription)
{
    /// <summary>Why the link cannot continue after this message, for <see cref="NoiseChannel.CloseReason"/>; null for a binary message.</summary>
    public string? Problem => Kind switch
    {
        ReceivedKind.Text => "the peer sent a text WebSocket message; the link carries binary Noise messages only",
        ReceivedKind.TooLarge => $"the peer sent a WebSocket message longer than a Noise message ({NoiseProtocol.MaxMessageLength} bytes)",
        ReceivedKind.Close => $"the peer closed the link ({CloseStatus}: {CloseText.Sanitize(CloseDescription)})",
        _ => null,
    };
}

/// <summary>Reads one whole WebSocket message into a buffer of one Noise message's size, never more; sends close frames.</summary>
internal static class WebSocketMessages
{
    /// <summary>
    /// Receives the next message into <paramref name="buffer"/> (<see cref="NoiseProtocol.MaxMessageLength"/>
    /// bytes). Throws what <see cref="WebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> throws when
    /// the connection fails.
    /// </summary>
    public static async ValueTask<ReceivedMessage> ReceiveAsync(WebSocket socket, Memory<byte> buffer, CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                return new ReceivedMessage(ReceivedKind.TooLarge, length, null, null);
            }

            var result = await socket.ReceiveAsync(buffer[length..], ct).ConfigureAwait(false);
            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    return new ReceivedMessage(ReceivedKind.Close, 0, socket.CloseStatus, socket.CloseStatusDescription);
                case WebSocketMessageType.Text:
                    return new ReceivedMessage(ReceivedKind.Text, 0, null, null);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return new ReceivedMessage(ReceivedKind.Binary, length, null, null);
            }
        }
    }

    /// <summary>
    /// Sends a close frame (status and a short description) and gives up silently if the connection is
    /// already gone or <paramref name="ct"/> fires: the caller is failing the link anyway.
    /// </summary>
    public static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string description, CancellationToken ct)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync(status, CloseText.Sanitize(description), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection failed first; there is nobody left to tell.
        }
    }
}
