using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Arcanum.Coordinator.Hosting;
using Arcanum.Crypto.Curves;
using Arcanum.Storage;
using Arcanum.Transport;
using Arcanum.Transport.Wire;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Sessions;

/// <summary>What the hub hands to session orchestration.</summary>
internal interface IClusterSink
{
    void OnRouted(int from, RoutedMessage message);

    void OnReport(int from, SessionReport report);

    void OnHello(int from, NodeHello hello);

    void OnLinkDown(int nodeId);

    /// <summary>A node asked for finalized ledger blocks it lacks (docs/ledger.md, "Catch-up").</summary>
    void OnLedgerSync(int from, LedgerSyncRequest request);
}

/// <summary>
/// The node links (ARCHITECTURE §1): each node dials /v1/cluster, the hub answers the Noise_IK
/// handshake as responder and admits only the static keys in the membership list (unknown keys are
/// refused and logged). After the node's hello names the member whose key it proved, the hub relays
/// its frames: routed protocol messages go to their recipients unread (the hub checks only that the
/// sender field is the link's own node), reports go to orchestration. One link per node: a new link
/// replaces the old one.
/// </summary>
public sealed partial class ClusterHub : IClusterView, INodeLinkAcceptor, IAsyncDisposable
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(5);

    private readonly IdentityKeys _identity;
    private readonly Dictionary<X25519PublicKey, ClusterMember> _membersByStaticKey;
    private readonly ConcurrentDictionary<int, NoiseChannel> _links = new();
    private readonly ICoordinatorStore _store;
    private readonly ChannelOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RandomNumberGenerator _rng;
    private IClusterSink? _sink;

    public ClusterHub(IdentityKeys identity, IReadOnlyList<ClusterMember> members, ICoordinatorStore store, ChannelOptions options,
        ILogger<ClusterHub> logger, TimeProvider time, RandomNumberGenerator rng)
    {
        _identity = identity;
        _membersByStaticKey = members.ToDictionary(m => X25519PublicKey.FromBytes(Convert.FromHexString(m.StaticKey)));
        _store = store;
        _options = options;
        _logger = logger;
        _time = time;
        _rng = rng;
    }

    public int ConnectedCount => _links.Count;

    public bool IsConnected(int nodeId) => _links.ContainsKey(nodeId);

    /// <summary>The connected members, ascending.</summary>
    public IReadOnlyList<int> Connected => [.. _links.Keys.Order()];

    internal void Attach(IClusterSink sink) => _sink = sink;

    /// <summary>Sends <paramref name="frame"/> to a connected node; false when it has no link or the link just closed.</summary>
    public async ValueTask<bool> SendAsync(int nodeId, ClusterFrame frame, CancellationToken cancellationToken)
    {
        if (!_links.TryGetValue(nodeId, out var channel))
        {
            return false;
        }

        try
        {
            await channel.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        NoiseChannel channel;
        try
        {
            channel = await NoiseChannel.AcceptAsync(socket, _identity.Static, _membersByStaticKey.ContainsKey, _options, _rng, cancellationToken).ConfigureAwait(false);
        }
        catch (UnknownPeerException e)
        {
            LogUnknownPeer(_logger, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandshakeFailed(_logger, e.Message);
            return;
        }

        await using (channel.ConfigureAwait(false))
        {
            var member = _membersByStaticKey[channel.RemoteStaticKey];
            var hello = await ReceiveHelloAsync(channel, cancellationToken).ConfigureAwait(false);
            if (hello is null || hello.NodeId != member.Id)
            {
                LogNoHello(_logger, member.Id);
                return;
            }

            await ServeAsync(member, hello, channel, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _links.Values)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _links.Clear();
    }

    private async Task ServeAsync(ClusterMember member, NodeHello hello, NoiseChannel channel, CancellationToken cancellationToken)
    {
        if (_links.TryGetValue(member.Id, out var previous))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        _links[member.Id] = channel;
        LogConnected(_logger, member.Id, member.Name, hello.Version, hello.Shares.Count);
        var lastTouch = _time.GetTimestamp();
        await _store.TouchNodeAsync(member.Id, _time.GetUtcNow(), hello.Version, cancellationToken).ConfigureAwait(false);
        _sink?.OnHello(member.Id, hello);
        try
        {
            while (await channel.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                Dispatch(member.Id, frame);
                if (_time.GetElapsedTime(lastTouch) >= TouchInterval)
                {
                    lastTouch = _time.GetTimestamp();
                    await _store.TouchNodeAsync(member.Id, _time.GetUtcNow(), hello.Version, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (_links.TryRemove(new KeyValuePair<int, NoiseChannel>(member.Id, channel)))
            {
                LogDisconnected(_logger, member.Id, channel.CloseReason ?? "closed");
                _sink?.OnLinkDown(member.Id);
            }
        }
    }

    private void Dispatch(int nodeId, ClusterFrame frame)
    {
        switch (frame.BodyCase)
        {
            case ClusterFrame.BodyOneofCase.Routed when frame.Routed.From == (uint)nodeId:
                _sink?.OnRouted(nodeId, frame.Routed);
                break;
            case ClusterFrame.BodyOneofCase.Report when frame.Report.From == (uint)nodeId:
                _sink?.OnReport(nodeId, frame.Report);
                break;
            case ClusterFrame.BodyOneofCase.LedgerSync:
                _sink?.OnLedgerSync(nodeId, frame.LedgerSync);
                break;
            default:
                LogUnexpectedFrame(_logger, nodeId, frame.BodyCase);
                break;
        }
    }

    private async Task<NodeHello?> ReceiveHelloAsync(NoiseChannel channel, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            var frame = await channel.ReceiveAsync(timeout.Token).ConfigureAwait(false);
            return frame?.BodyCase == ClusterFrame.BodyOneofCase.Hello ? frame.Hello : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused a node link: static key {StaticKey} is not a cluster member")]
    private static partial void LogUnknownPeer(ILogger logger, string staticKey);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "A node link failed its handshake: {Error}")]
    private static partial void LogHandshakeFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Node link with the key of member {NodeId} sent no valid hello; closed")]
    private static partial void LogNoHello(ILogger logger, int nodeId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Node {NodeId} ({Name}) connected, version {Version}, {Shares} shares")]
    private static partial void LogConnected(ILogger logger, int nodeId, string name, string version, int shares);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Node {NodeId} disconnected: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, int nodeId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Node {NodeId} sent an unexpected {Frame} frame; ignored")]
    private static partial void LogUnexpectedFrame(ILogger logger, int nodeId, ClusterFrame.BodyOneofCase frame);
}
