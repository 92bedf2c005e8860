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

/// <summary>Reads one whole WebSocket message into a buffer of one Noise message's size, never more.</summary>
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
}

/// <summary>Close descriptions: RFC 6455 §5.5.1 allows 123 bytes of UTF-8; ours are printable ASCII, cut short.</summary>
internal static class CloseText
{
    private const int MaxLength = 120;

    /// <summary>
    /// <paramref name="text"/> with every character outside printable ASCII replaced by '?' and cut to
    /// 120 characters — also applied to descriptions a peer sent before they reach a reason or a log.
    /// </summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var span = text.AsSpan(0, Math.Min(text.Length, MaxLength));
        return string.Create(span.Length, text, static (destination, source) =>
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
