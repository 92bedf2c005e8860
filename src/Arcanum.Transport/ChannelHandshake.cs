using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;

namespace Arcanum.Transport;

/// <summary>
/// The two messages of Noise_IK_25519_ChaChaPoly_BLAKE2s (Noise revision 34, §7.5) over a WebSocket,
/// one binary WebSocket message each, with empty payloads:
/// <c>-&gt; e, es, s, ss</c> (initiator, 96 bytes) and <c>&lt;- e, ee, se</c> (responder, 48 bytes).
/// The prologue (§6) names the link protocol and its version, so a peer speaking another version fails
/// the handshake instead of misreading frames.
/// </summary>
internal static class ChannelHandshake
{
    /// <summary>The prologue both sides mix into h: "arcanum cluster link v1" in ASCII.</summary>
    public static ReadOnlyMemory<byte> Prologue { get; } = "arcanum cluster link v1"u8.ToArray();

    /// <summary>Runs the initiator's side; the responder must hold the private key of <paramref name="remoteStatic"/>.</summary>
    public static async Task<NoiseTransport> InitiateAsync(WebSocket socket, X25519PrivateKey localStatic, X25519PublicKey remoteStatic,
        RandomNumberGenerator rng, CancellationToken ct)
    {
        using var handshake = HandshakeState.Create(Settings(NoiseRole.Initiator, localStatic, remoteStatic), rng);
        var buffer = new byte[NoiseProtocol.MaxMessageLength];
        await WriteAsync(socket, handshake, buffer, ct).ConfigureAwait(false);
        var received = await WebSocketMessages.ReceiveAsync(socket, buffer, ct).ConfigureAwait(false);
        if (received.Problem is { } problem)
        {
            throw new AuthenticationException($"The link handshake failed: {problem}.");
        }

        Read(handshake, buffer.AsSpan(0, received.Length), "message 2 from the responder");
        return handshake.Split();
    }

    /// <summary>
    /// Runs the responder's side. The initiator's static key, authenticated by message 1, must satisfy
    /// <paramref name="isKnownPeer"/>; otherwise the socket is closed with PolicyViolation and
    /// <see cref="UnknownPeerException"/> is thrown before message 2 is sent.
    /// </summary>
    public static async Task<NoiseTransport> RespondAsync(WebSocket socket, X25519PrivateKey localStatic, Func<X25519PublicKey, bool> isKnownPeer,
        RandomNumberGenerator rng, CancellationToken ct)
    {
        using var handshake = HandshakeState.Create(Settings(NoiseRole.Responder, localStatic, remoteStatic: null), rng);
        var buffer = new byte[NoiseProtocol.MaxMessageLength];
        var received = await WebSocketMessages.ReceiveAsync(socket, buffer, ct).ConfigureAwait(false);
        if (received.Problem is { } problem)
        {
            await WebSocketMessages.CloseQuietlyAsync(socket, WebSocketCloseStatus.ProtocolError, "handshake refused", ct).ConfigureAwait(false);
            throw new AuthenticationException($"The link handshake failed: {problem}.");
        }

        try
        {
            Read(handshake, buffer.AsSpan(0, received.Length), "message 1 from the initiator");
        }
        catch (AuthenticationException)
        {
            await WebSocketMessages.CloseQuietlyAsync(socket, WebSocketCloseStatus.ProtocolError, "handshake refused", ct).ConfigureAwait(false);
            throw;
        }

        var initiator = handshake.RemoteStaticKey!;
        if (!isKnownPeer(initiator))
        {
            await WebSocketMessages.CloseQuietlyAsync(socket, WebSocketCloseStatus.PolicyViolation, "unknown node key", ct).ConfigureAwait(false);
            throw new UnknownPeerException(initiator);
        }

        await WriteAsync(socket, handshake, buffer, ct).ConfigureAwait(false);
        return handshake.Split();
    }

    private static HandshakeSettings Settings(NoiseRole role, X25519PrivateKey localStatic, X25519PublicKey? remoteStatic) => new()
    {
        Protocol = NoiseProtocol.ProductProtocol,
        Role = role,
        Prologue = Prologue,
        LocalStaticKey = localStatic,
        RemoteStaticKey = remoteStatic,
    };

    private static async Task WriteAsync(WebSocket socket, HandshakeState handshake, byte[] buffer, CancellationToken ct)
    {
        var result = handshake.WriteMessage([], buffer, out var written);
        if (result != NoiseResult.Success)
        {
            // An empty payload always fits; anything else is a bug in this class.
            throw new InvalidOperationException($"Writing a link handshake message failed: {result}.");
        }

        await socket.SendAsync(buffer.AsMemory(0, written), WebSocketMessageType.Binary, endOfMessage: true, ct).ConfigureAwait(false);
    }

    /// <summary>Reads a handshake message whose payload must be empty; throws <see cref="AuthenticationException"/> otherwise.</summary>
    private static void Read(HandshakeState handshake, ReadOnlySpan<byte> message, string which)
    {
        var payload = new byte[message.Length];
        var result = handshake.ReadMessage(message, payload, out var written);
        if (result != NoiseResult.Success)
        {
            throw new AuthenticationException($"The link handshake failed: {which} was refused ({result}).");
        }

        if (written != 0)
        {
            throw new AuthenticationException($"The link handshake failed: {which} carried a {written}-byte payload; it must be empty.");
        }
    }
}
