using System.Net.WebSockets;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;
using Arcanum.TestKit;

namespace Arcanum.Transport.Tests;

/// <summary>
/// A node side written from the specification rather than with <see cref="NoiseChannel"/>: it runs the
/// Noise IK handshake itself (prologue "arcanum cluster link v1", empty payloads) and can then send
/// anything at all — valid chunks, tampered ciphertext, text — or fall silent.
/// </summary>
internal sealed class RawInitiator : IDisposable
{
    private RawInitiator(WebSocket socket, NoiseTransport transport)
    {
        Socket = socket;
        Transport = transport;
    }

    public WebSocket Socket { get; }

    public NoiseTransport Transport { get; }

    /// <summary>Connects to a <see cref="NoiseChannel.AcceptAsync"/> that admits <see cref="LinkKeys.Node"/>; returns both ends.</summary>
    public static async Task<(RawInitiator Raw, NoiseChannel Coordinator)> OpenAsync(LinkKeys keys, ChannelOptions options, int? socketBufferBytes = null)
    {
        var (client, server) = await Loopback.ConnectAsync(socketBufferBytes);
        var accept = NoiseChannel.AcceptAsync(server, keys.Coordinator, key => key.Equals(keys.Node.PublicKey), options, new DeterministicRandom(5), LinkKeys.Timeout);
        using var handshake = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = NoiseProtocol.ProductProtocol,
            Role = NoiseRole.Initiator,
            Prologue = "arcanum cluster link v1"u8.ToArray(),
            LocalStaticKey = keys.Node,
            RemoteStaticKey = keys.Coordinator.PublicKey,
        }, new DeterministicRandom(6));
        var buffer = new byte[NoiseProtocol.MaxMessageLength];
        Assert.Equal(NoiseResult.Success, handshake.WriteMessage([], buffer, out var written));
        await client.SendAsync(buffer.AsMemory(0, written), WebSocketMessageType.Binary, true, LinkKeys.Timeout);
        var received = await client.ReceiveAsync(buffer.AsMemory(), LinkKeys.Timeout);
        Assert.Equal(NoiseResult.Success, handshake.ReadMessage(buffer.AsSpan(0, received.Count), new byte[NoiseProtocol.MaxMessageLength], out _));
        return (new RawInitiator(client, handshake.Split()), await accept);
    }

    /// <summary>Encrypts <paramref name="chunk"/> (header byte included) as one Noise message and sends it.</summary>
    public Task SendChunkAsync(ReadOnlySpan<byte> chunk) => SendRawAsync(Encrypt(chunk));

    /// <summary>One Noise transport message carrying <paramref name="chunk"/>.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> chunk)
    {
        var message = new byte[chunk.Length + 16];
        Assert.Equal(NoiseResult.Success, Transport.WriteMessage(chunk, message, out _));
        return message;
    }

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Binary) =>
        await Socket.SendAsync(bytes, type, endOfMessage: true, LinkKeys.Timeout);

    /// <summary>Reads (and discards) until the peer's close frame, then answers it, so the peer closes without waiting.</summary>
    public async Task AnswerCloseAsync()
    {
        var buffer = new byte[NoiseProtocol.MaxMessageLength];
        try
        {
            while ((await Socket.ReceiveAsync(buffer.AsMemory(), LinkKeys.Timeout)).MessageType != WebSocketMessageType.Close)
            {
            }

            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, LinkKeys.Timeout);
        }
        catch (WebSocketException)
        {
            // The peer aborted first: nothing to answer.
        }
    }

    public void Dispose()
    {
        Transport.Dispose();
        Socket.Dispose();
    }
}
