using Arcanum.Transport.Wire;

namespace Arcanum.Transport.Tests;

/// <summary>Tests whose outcome depends on the heartbeat timers; they run alone so other tests' load cannot starve the timers.</summary>
[CollectionDefinition(nameof(NoiseChannelTimerTests), DisableParallelization = true)]
public sealed class NoiseChannelTimerCollection;

[Collection(nameof(NoiseChannelTimerTests))]
public sealed class NoiseChannelTimerTests : IDisposable
{
    private readonly LinkKeys _keys = new();

    [Fact]
    public async Task Heartbeats_IdleLink_StaysOpenAcrossManyIntervals()
    {
        // 500 ms intervals: a link closes after three silent intervals, so a 1.5 s stall of the test host (a GC or
        // the CI machine's other work) would be needed to close it by accident.
        var options = new ChannelOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(500) };
        var (node, coordinator) = await _keys.OpenAsync(options);
        await using (node)
        await using (coordinator)
        {
            // Eight intervals of silence from the application: only heartbeats cross the link.
            await Task.Delay(TimeSpan.FromSeconds(4));

            Assert.Null(node.CloseReason);
            Assert.Null(coordinator.CloseReason);
            await node.SendAsync(Hello(5, "after the silence"), LinkKeys.Timeout);
            var received = await coordinator.ReceiveAsync(LinkKeys.Timeout);
            Assert.True(received is not null, coordinator.CloseReason);
            Assert.Equal(Hello(5, "after the silence"), received);
        }
    }

    [Fact]
    public async Task Heartbeats_PeerFallsSilent_TheChannelClosesItself()
    {
        var options = new ChannelOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
        var (raw, coordinator) = await RawInitiator.OpenAsync(_keys, options);
        using (raw)
        await using (coordinator)
        {
            // The raw peer neither reads nor sends after the handshake.
            Assert.Null(await coordinator.ReceiveAsync(LinkKeys.Timeout));
            Assert.StartsWith("nothing was received for", coordinator.CloseReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendAsync_PeerStopsReading_EventuallyWaitsInsteadOfBufferingWithoutLimit()
    {
        var options = new ChannelOptions { SendQueueCapacity = 4, HeartbeatInterval = TimeSpan.FromMinutes(10) };
        var (raw, coordinator) = await RawInitiator.OpenAsync(_keys, options, socketBufferBytes: 16 * 1024);
        using (raw)
        await using (coordinator)
        {
            var frame = new ClusterFrame { Cancel = new SessionCancel { Reason = new string('x', 60_000) } };
            var blocked = false;
            for (var sent = 0; sent < 2000 && !blocked; sent++)
            {
                var send = coordinator.SendAsync(frame, LinkKeys.Timeout).AsTask();
                blocked = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(2))) != send;
            }

            // 2,000 frames of 60 KB would be 120 MB; the queue holds four and the kernel's buffers a few more.
            Assert.True(blocked);
            Assert.Null(coordinator.CloseReason);
        }
    }

    public void Dispose() => _keys.Dispose();

    private static ClusterFrame Hello(uint nodeId, string version) => new() { Hello = new NodeHello { NodeId = nodeId, Version = version } };
}
