using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Arcanum.Transport.Tests;

/// <summary>Two WebSockets joined by a real TCP connection on 127.0.0.1 (RFC 6455 framing, no HTTP upgrade).</summary>
internal static class Loopback
{
    /// <summary>
    /// A connected (client, server) pair. <paramref name="socketBufferBytes"/>, when set, shrinks both TCP
    /// buffers so a peer that stops reading pushes back sooner.
    /// </summary>
    public static async Task<(WebSocket Client, WebSocket Server)> ConnectAsync(int? socketBufferBytes = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        if (socketBufferBytes is { } bytes)
        {
            client.SendBufferSize = client.ReceiveBufferSize = bytes;
        }

        var accept = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await accept;
        if (socketBufferBytes is { } serverBytes)
        {
            server.SendBufferSize = server.ReceiveBufferSize = serverBytes;
        }

        return (Create(client, isServer: false), Create(server, isServer: true));
    }

    private static WebSocket Create(TcpClient tcp, bool isServer) =>
        WebSocket.CreateFromStream(tcp.GetStream(), new WebSocketCreationOptions { IsServer = isServer, KeepAliveInterval = TimeSpan.Zero });
}
