using System.Security.Authentication;
using Arcanum.Crypto.Curves;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport.Tests;

public sealed class NoiseChannelTests : IDisposable
{
    private readonly LinkKeys _keys = new();

    [Fact]
    public async Task ConnectAndAccept_BothDirections_FramesArriveAndKeysAreAuthenticated()
    {
        var (node, coordinator) = await _keys.OpenAsync();
        await using (node)
        await using (coordinator)
        {
            Assert.Equal(_keys.Coordinator.PublicKey, node.RemoteStaticKey);
            Assert.Equal(_keys.Node.PublicKey, coordinator.RemoteStaticKey);

            await node.SendAsync(Hello(7, "node to coordinator"), LinkKeys.Timeout);
            var atCoordinator = await coordinator.ReceiveAsync(LinkKeys.Timeout);
            Assert.Equal(Hello(7, "node to coordinator"), atCoordinator);

            var cancel = new ClusterFrame { Cancel = new SessionCancel { SessionId = ByteString.CopyFrom(new byte[16]), Reason = "coordinator to node" } };
            await coordinator.SendAsync(cancel, LinkKeys.Timeout);
            Assert.Equal(cancel, await node.ReceiveAsync(LinkKeys.Timeout));
            Assert.Null(node.CloseReason);
        }
    }

    [Fact]
    public async Task SendAsync_900KbFrame_IsChunkedAndArrivesWhole()
    {
        var body = new byte[900_000];
        new DeterministicRandom(10).GetBytes(body);
        var frame = new ClusterFrame { Routed = new RoutedMessage { SessionId = ByteString.CopyFrom(new byte[16]), Round = 1, From = 1, Body = ByteString.CopyFrom(body) } };
        var (node, coordinator) = await _keys.OpenAsync();
        await using (node)
        await using (coordinator)
        {
            await node.SendAsync(frame, LinkKeys.Timeout);
            await coordinator.SendAsync(frame, LinkKeys.Timeout);

            Assert.Equal(frame, await coordinator.ReceiveAsync(LinkKeys.Timeout));
            Assert.Equal(frame, await node.ReceiveAsync(LinkKeys.Timeout));
        }
    }

    [Fact]
    public async Task SendAsync_FramesAroundChunkBoundaries_ArriveWhole()
    {
        // One chunk carries 65,518 frame bytes; these frames are one byte short of, exactly at, and just
        // past one and two chunks.
        const int ChunkData = 65_535 - 16 - 1;
        var frames = new List<ClusterFrame>();
        foreach (var target in new[] { ChunkData, 2 * ChunkData })
        {
            for (var reasonLength = target - 12; reasonLength <= target; reasonLength++)
            {
                frames.Add(new ClusterFrame { Cancel = new SessionCancel { Reason = new string('r', reasonLength) } });
            }
        }

        var sizes = frames.Select(frame => frame.CalculateSize()).ToHashSet();
        Assert.Superset(new HashSet<int> { ChunkData - 1, ChunkData, ChunkData + 1, 2 * ChunkData - 1, 2 * ChunkData, 2 * ChunkData + 1 }, sizes);
        var (node, coordinator) = await _keys.OpenAsync();
        await using (node)
        await using (coordinator)
        {
            var sending = Task.Run(async () =>
            {
                foreach (var frame in frames)
                {
                    await node.SendAsync(frame, LinkKeys.Timeout);
                }
            });

            foreach (var frame in frames)
            {
                Assert.Equal(frame, await coordinator.ReceiveAsync(LinkKeys.Timeout));
            }

            await sending;
        }
    }

    [Fact]
    public async Task SendAsync_ThousandSmallFrames_ArriveInOrder()
    {
        var (node, coordinator) = await _keys.OpenAsync();
        await using (node)
        await using (coordinator)
        {
            var sending = Task.Run(async () =>
            {
                for (var i = 0u; i < 1000; i++)
                {
                    await node.SendAsync(Hello(i, "in order"), LinkKeys.Timeout);
                }
            });

            for (var i = 0u; i < 1000; i++)
            {
                var frame = await coordinator.ReceiveAsync(LinkKeys.Timeout);
                Assert.Equal(i, frame!.Hello.NodeId);
            }

            await sending;
        }
    }

    [Fact]
    public async Task SendAsync_ConcurrentSenders_EverySendersFramesArriveOnceAndInOrder()
    {
        const int Senders = 4;
        const int PerSender = 250;
        var (node, coordinator) = await _keys.OpenAsync(new ChannelOptions { SendQueueCapacity = 8 });
        await using (node)
        await using (coordinator)
        {
            var sending = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; i < PerSender; i++)
                {
                    await node.SendAsync(Hello((uint)sender, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), LinkKeys.Timeout);
                }
            })).ToArray();

            var next = new int[Senders];
            for (var received = 0; received < Senders * PerSender; received++)
            {
                var hello = (await coordinator.ReceiveAsync(LinkKeys.Timeout))!.Hello;
                Assert.Equal(next[hello.NodeId]++, int.Parse(hello.Version, System.Globalization.CultureInfo.InvariantCulture));
            }

            await Task.WhenAll(sending);
            Assert.All(next, count => Assert.Equal(PerSender, count));
        }
    }

    [Fact]
    public async Task AcceptAsync_UnknownInitiatorKey_ThrowsUnknownPeerAndTheInitiatorSeesTheLinkClosed()
    {
        var (client, server) = await Loopback.ConnectAsync();
        using (client)
        using (server)
        {
            var accept = NoiseChannel.AcceptAsync(server, _keys.Coordinator, _ => false, new ChannelOptions(), new DeterministicRandom(3), LinkKeys.Timeout);
            var connect = NoiseChannel.ConnectAsync(client, _keys.Node, _keys.Coordinator.PublicKey, new ChannelOptions(), new DeterministicRandom(4), LinkKeys.Timeout);

            var refused = await Assert.ThrowsAsync<UnknownPeerException>(() => accept);
            Assert.Equal(_keys.Node.PublicKey, refused.PeerStaticKey);
            var failed = await Assert.ThrowsAsync<AuthenticationException>(() => connect);
            Assert.Contains("PolicyViolation", failed.Message, StringComparison.Ordinal);
            Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        }
    }

    [Fact]
    public async Task ConnectAsync_WrongResponderKeyPinned_BothSidesFail()
    {
        using var impostor = X25519PrivateKey.Generate(new DeterministicRandom(99));
        var (client, server) = await Loopback.ConnectAsync();
        using (client)
        using (server)
        {
            var accept = NoiseChannel.AcceptAsync(server, impostor, _ => true, new ChannelOptions(), new DeterministicRandom(3), LinkKeys.Timeout);
            var connect = NoiseChannel.ConnectAsync(client, _keys.Node, _keys.Coordinator.PublicKey, new ChannelOptions(), new DeterministicRandom(4), LinkKeys.Timeout);

            var atResponder = await Assert.ThrowsAsync<AuthenticationException>(() => accept);
            Assert.IsNotType<UnknownPeerException>(atResponder);
            Assert.Contains("DecryptionFailed", atResponder.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<AuthenticationException>(() => connect);
        }
    }

    [Fact]
    public async Task ConnectAsync_ResponderNeverAnswers_TimesOut()
    {
        var (client, server) = await Loopback.ConnectAsync();
        using (client)
        using (server)
        {
            var options = new ChannelOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
            await Assert.ThrowsAsync<TimeoutException>(() =>
                NoiseChannel.ConnectAsync(client, _keys.Node, _keys.Coordinator.PublicKey, options, new DeterministicRandom(4), LinkKeys.Timeout));
        }
    }

    [Fact]
    public async Task SendAsync_FrameOverTheLimit_ThrowsAndTheChannelStaysUsable()
    {
        var (node, coordinator) = await _keys.OpenAsync(new ChannelOptions { MaxFrameBytes = 1000 });
        await using (node)
        await using (coordinator)
        {
            var oversize = new ClusterFrame { Cancel = new SessionCancel { Reason = new string('x', 1000) } };
            var thrown = await Assert.ThrowsAsync<ArgumentException>(async () => await node.SendAsync(oversize, LinkKeys.Timeout));
            Assert.Contains("1000", thrown.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<ArgumentException>(async () => await node.SendAsync(new ClusterFrame(), LinkKeys.Timeout));

            await node.SendAsync(Hello(1, "still open"), LinkKeys.Timeout);
            Assert.Equal(Hello(1, "still open"), await coordinator.ReceiveAsync(LinkKeys.Timeout));
        }
    }

    [Fact]
    public async Task DisposeAsync_OneSide_ThePeerReceivesNullAndRecordsWhy()
    {
        var (node, coordinator) = await _keys.OpenAsync();
        await using (coordinator)
        {
            await node.SendAsync(Hello(3, "last words"), LinkKeys.Timeout);
            await node.DisposeAsync();

            Assert.True(node.Completion.IsCompleted);
            Assert.Equal("the channel was disposed", node.CloseReason);
            Assert.Equal(Hello(3, "last words"), await coordinator.ReceiveAsync(LinkKeys.Timeout));
            Assert.Null(await coordinator.ReceiveAsync(LinkKeys.Timeout));
            await coordinator.Completion.WaitAsync(LinkKeys.Timeout);
            Assert.Contains("the peer closed the link (NormalClosure", coordinator.CloseReason, StringComparison.Ordinal);

            await coordinator.SendAsync(Hello(4, "discarded"), LinkKeys.Timeout);
        }
    }

    [Fact]
    public async Task ConnectAsync_InvalidOptions_ThrowsBeforeTouchingTheSocket()
    {
        var (client, server) = await Loopback.ConnectAsync();
        using (client)
        using (server)
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NoiseChannel.ConnectAsync(client, _keys.Node, _keys.Coordinator.PublicKey,
                new ChannelOptions { SendQueueCapacity = 0 }, new DeterministicRandom(4), LinkKeys.Timeout));
            Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.State);
        }
    }

    public void Dispose() => _keys.Dispose();

    private static ClusterFrame Hello(uint nodeId, string version) => new() { Hello = new NodeHello { NodeId = nodeId, Version = version } };
}
