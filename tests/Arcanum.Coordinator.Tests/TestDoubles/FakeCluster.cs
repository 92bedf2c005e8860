using System.Collections.Concurrent;
using System.Net.WebSockets;
using Arcanum.Coordinator.Sessions;

namespace Arcanum.Coordinator.Tests.TestDoubles;

/// <summary>An <see cref="IClusterView"/> whose connected members the test sets.</summary>
internal sealed class FakeClusterView : IClusterView
{
    private readonly ConcurrentDictionary<int, bool> _connected = new();

    public int ConnectedCount => _connected.Count;

    public bool IsConnected(int nodeId) => _connected.ContainsKey(nodeId);

    public void SetConnected(params int[] nodeIds)
    {
        _connected.Clear();
        foreach (var id in nodeIds)
        {
            _connected[id] = true;
        }
    }
}

/// <summary>Echoes the first message a node link sends, then closes; counts the sockets it was handed.</summary>
internal sealed class EchoNodeLinkAcceptor : INodeLinkAcceptor
{
    private int _accepted;

    public int Accepted => Volatile.Read(ref _accepted);

    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _accepted);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, cancellationToken);
        await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
    }
}
