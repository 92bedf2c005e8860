using System.Net;
using System.Net.WebSockets;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arcanum.Transport.Tests;

/// <summary>The link as deployed: a node's ClientWebSocket dials a Kestrel WebSocket endpoint on 127.0.0.1.</summary>
public sealed class KestrelLinkTests : IDisposable
{
    private readonly LinkKeys _keys = new();

    [Fact]
    public async Task ConnectAsync_ToKestrelEndpoint_FramesEchoThroughTheCoordinatorSide()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/cluster/link", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await using var channel = await NoiseChannel.AcceptAsync(socket, _keys.Coordinator, key => key.Equals(_keys.Node.PublicKey),
                new ChannelOptions(), new DeterministicRandom(3), context.RequestAborted);
            while (await channel.ReceiveAsync(context.RequestAborted) is { } frame)
            {
                await channel.SendAsync(frame, context.RequestAborted);
            }
        });
        await app.StartAsync(LinkKeys.Timeout);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/v1/cluster/link"), LinkKeys.Timeout);
        await using (var node = await NoiseChannel.ConnectAsync(client, _keys.Node, _keys.Coordinator.PublicKey, new ChannelOptions(),
            new DeterministicRandom(4), LinkKeys.Timeout))
        {
            var frames = Enumerable.Range(1, 20)
                .Select(i => new ClusterFrame { Hello = new NodeHello { NodeId = (uint)i, Version = new string('v', i * 10_000) } })
                .ToList();
            foreach (var frame in frames)
            {
                await node.SendAsync(frame, LinkKeys.Timeout);
            }

            foreach (var frame in frames)
            {
                Assert.Equal(frame, await node.ReceiveAsync(LinkKeys.Timeout));
            }
        }

        await app.StopAsync(LinkKeys.Timeout);
    }

    public void Dispose() => _keys.Dispose();
}
