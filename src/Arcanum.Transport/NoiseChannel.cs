using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport;

/// <summary>
/// The encrypted link between a node and the coordinator (ARCHITECTURE §1): a
/// Noise_IK_25519_ChaChaPoly_BLAKE2s session (Noise revision 34) over a WebSocket, carrying
/// <see cref="ClusterFrame"/>s. The node dials out and initiates (<see cref="ConnectAsync"/>), pinning the
/// coordinator's static key; the coordinator responds (<see cref="AcceptAsync"/>) and admits only known
/// node keys. Each WebSocket binary message is one Noise transport message; frames longer than one are
/// split into chunks (<see cref="FrameChunks"/>, docs/transport.md).
/// </summary>
/// <remarks>
/// <para>
/// Three loops run per channel: a writer that encrypts queued frames in order, a reader that decrypts,
/// reassembles and parses, and a monitor that sends a heartbeat when the link was idle for a
/// <see cref="ChannelOptions.HeartbeatInterval"/> and closes a link that received nothing for three.
/// </para>
/// <para>
/// Anything wrong a peer sends — a text message, an oversized message, a failed decryption, a bad
/// chunk, a malformed or empty frame — closes the channel with a <see cref="CloseReason"/>; it never
/// surfaces as an exception. Once closed, <see cref="ReceiveAsync"/> returns the frames already received
/// and then null, <see cref="SendAsync"/> discards, and <see cref="Completion"/> completes.
/// </para>
/// </remarks>
public sealed class NoiseChannel : IAsyncDisposable
{
    /// <summary>How long a closing channel waits for queued frames and its close frame to go out and the peer's to come back.</summary>
    private static readonly TimeSpan CloseGracePeriod = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly NoiseTransport _transport;
    private readonly ChannelOptions _options;
    private readonly Channel<byte[]> _outbound;
    private readonly Channel<ClusterFrame> _inbound;
    private readonly CancellationTokenSource _stopSending = new();
    private readonly CancellationTokenSource _stopReading = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loopsAssigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _writer;
    private readonly Task _reader;
    private readonly Task _monitor;
    private string? _closeReason;
    private long _lastReceivedAt;
    private long _lastSentAt;
    private int _deliveryWaiting;
    private ulong _heartbeatSequence;

    private NoiseChannel(WebSocket socket, NoiseTransport transport, ChannelOptions options)
    {
        _socket = socket;
        _transport = transport;
        _options = options;
        _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.SendQueueCapacity) { SingleReader = true });
        _inbound = Channel.CreateBounded<ClusterFrame>(new BoundedChannelOptions(options.SendQueueCapacity) { SingleReader = true, SingleWriter = true });
        _lastReceivedAt = _lastSentAt = Environment.TickCount64;
        _writer = Task.Run(() => RunLoopAsync(WriteLoopAsync, "sending"));
        _reader = Task.Run(() => RunLoopAsync(ReadLoopAsync, "receiving"));
        _monitor = Task.Run(() => RunLoopAsync(MonitorLoopAsync, "heartbeat"));
        _loopsAssigned.SetResult();
    }

    /// <summary>The peer's static key, authenticated by the handshake.</summary>
    public X25519PublicKey RemoteStaticKey => _transport.RemoteStaticKey;

    /// <summary>Completes (never faults) once the channel has closed for any reason and its keys are zeroed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the channel closed (a peer's misbehaviour, a timeout, a lost connection, or disposal); null while open.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>
    /// Opens a channel as the initiator (the node). <paramref name="remoteStatic"/> is the responder's
    /// pinned static key; a responder without its private key cannot complete the handshake. Throws
    /// <see cref="System.Security.Authentication.AuthenticationException"/> when the handshake is refused
    /// (e.g. the responder does not know this node), <see cref="TimeoutException"/> after
    /// <see cref="ChannelOptions.HandshakeTimeout"/>, <see cref="WebSocketException"/> when the connection
    /// fails, and <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires. On failure the
    /// caller still owns and disposes <paramref name="socket"/>.
    /// </summary>
    public static Task<NoiseChannel> ConnectAsync(WebSocket socket, X25519PrivateKey localStatic, X25519PublicKey remoteStatic,
        ChannelOptions options, RandomNumberGenerator rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remoteStatic);
        return OpenAsync(socket, localStatic, options, rng,
            token => ChannelHandshake.InitiateAsync(socket, localStatic, remoteStatic, rng, token), ct);
    }

    /// <summary>
    /// Opens a channel as the responder (the coordinator). Once handshake message 1 authenticated the
    /// initiator's static key, <paramref name="isKnownPeer"/> decides: false closes the socket with
    /// PolicyViolation and throws <see cref="UnknownPeerException"/> without answering. Other failures as
    /// for <see cref="ConnectAsync"/>.
    /// </summary>
    public static Task<NoiseChannel> AcceptAsync(WebSocket socket, X25519PrivateKey localStatic, Func<X25519PublicKey, bool> isKnownPeer,
        ChannelOptions options, RandomNumberGenerator rng, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(isKnownPeer);
        return OpenAsync(socket, localStatic, options, rng,
            token => ChannelHandshake.RespondAsync(socket, localStatic, isKnownPeer, rng, token), ct);
    }

    /// <summary>
    /// Queues a frame for sending, in order with this channel's other frames; safe to call from several
    /// threads. Waits while <see cref="ChannelOptions.SendQueueCapacity"/> frames are queued. Throws
    /// <see cref="ArgumentException"/> for a frame without a body or longer than
    /// <see cref="ChannelOptions.MaxFrameBytes"/>. A frame queued once the channel is closed is discarded:
    /// the loss shows in <see cref="Completion"/> and <see cref="ReceiveAsync"/>.
    /// </summary>
    public async ValueTask SendAsync(ClusterFrame frame, CancellationToken ct)
    {
        var encoded = ClusterFrames.EncodeForSending(frame, _options.MaxFrameBytes);
        try
        {
            await _outbound.Writer.WriteAsync(encoded, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Closed: discarded, as documented.
        }
    }

    /// <summary>
    /// The next frame from the peer other than a heartbeat, or null once the channel has closed and every
    /// frame received before has been returned. One caller at a time.
    /// </summary>
    public async ValueTask<ClusterFrame?> ReceiveAsync(CancellationToken ct)
    {
        while (await _inbound.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            if (_inbound.Reader.TryRead(out var frame))
            {
                return frame;
            }
        }

        return null;
    }

    /// <summary>Closes the link (a close frame if the connection still works), waits for the loops, zeroes the keys, disposes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        BeginClose("the channel was disposed", WebSocketCloseStatus.NormalClosure);
        await _completion.Task.ConfigureAwait(false);
        _socket.Dispose();
        _stopSending.Dispose();
        _stopReading.Dispose();
    }

    private static async Task<NoiseChannel> OpenAsync(WebSocket socket, X25519PrivateKey localStatic, ChannelOptions options,
        RandomNumberGenerator rng, Func<CancellationToken, Task<NoiseTransport>> handshake, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(localStatic);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.HandshakeTimeout);
        try
        {
            var transport = await handshake(timeout.Token).ConfigureAwait(false);
            return new NoiseChannel(socket, transport, options);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The link handshake did not complete within {options.HandshakeTimeout}.");
        }
    }

    /// <summary>
    /// Runs one of the channel's loops. Each ends only once the channel is closing, so if one ends for any
    /// other reason (a defect), the channel closes rather than stay open half-dead.
    /// </summary>
    private async Task RunLoopAsync(Func<Task> loop, string name)
    {
        // A loop may close the channel at once; closing waits for all three tasks, so they must be assigned first.
        await _loopsAssigned.Task.ConfigureAwait(false);
        try
        {
            await loop().ConfigureAwait(false);
        }
        finally
        {
            BeginClose($"the {name} loop stopped unexpectedly", WebSocketCloseStatus.InternalServerError);
        }
    }

    private async Task WriteLoopAsync()
    {
        var chunk = new byte[NoiseTransport.MaxPayloadLength];
        var message = new byte[NoiseProtocol.MaxMessageLength];
        try
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync(_stopSending.Token).ConfigureAwait(false))
            {
                var offset = 0;
                do
                {
                    var chunkLength = FrameChunks.Write(frame, offset, chunk);
                    offset += chunkLength - FrameChunks.HeaderLength;
                    var result = _transport.WriteMessage(chunk.AsSpan(0, chunkLength), message, out var written);
                    if (result != NoiseResult.Success)
                    {
                        BeginClose($"encrypting a frame failed ({result})", WebSocketCloseStatus.InternalServerError);
                        return;
                    }

                    await _socket.SendAsync(message.AsMemory(0, written), WebSocketMessageType.Binary, endOfMessage: true, _stopSending.Token)
                        .ConfigureAwait(false);
                    Volatile.Write(ref _lastSentAt, Environment.TickCount64);
                }
                while (offset < frame.Length);
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            BeginClose($"sending failed: {CloseText.Sanitize(e.Message)}", WebSocketCloseStatus.EndpointUnavailable);
        }
    }

    private async Task ReadLoopAsync()
    {
        var message = new byte[NoiseProtocol.MaxMessageLength];
        var plaintext = new byte[NoiseTransport.MaxPayloadLength];
        var reassembler = new FrameReassembler(_options.MaxFrameBytes);
        var ct = _stopReading.Token;
        try
        {
            while (true)
            {
                var received = await WebSocketMessages.ReceiveAsync(_socket, message, ct).ConfigureAwait(false);
                Volatile.Write(ref _lastReceivedAt, Environment.TickCount64);
                if (received.Problem is { } problem)
                {
                    BeginClose(problem, received.Kind == ReceivedKind.TooLarge ? WebSocketCloseStatus.MessageTooBig
                        : received.Kind == ReceivedKind.Text ? WebSocketCloseStatus.InvalidMessageType : WebSocketCloseStatus.NormalClosure);
                    return;
                }

                var frame = Decode(message.AsSpan(0, received.Length), plaintext, reassembler, out var step);
                if (step == ReassemblyStep.Invalid)
                {
                    return;
                }

                if (frame is not null && frame.BodyCase != ClusterFrame.BodyOneofCase.Heartbeat)
                {
                    await DeliverAsync(frame, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            BeginClose($"receiving failed: {CloseText.Sanitize(e.Message)}", WebSocketCloseStatus.EndpointUnavailable);
        }
    }

    /// <summary>
    /// Decrypts one Noise message and adds its chunk; returns the frame once complete. Anything invalid
    /// closes the channel and reports <see cref="ReassemblyStep.Invalid"/>.
    /// </summary>
    private ClusterFrame? Decode(ReadOnlySpan<byte> message, byte[] plaintext, FrameReassembler reassembler, out ReassemblyStep step)
    {
        step = ReassemblyStep.Invalid;
        var result = _transport.ReadMessage(message, plaintext, out var written);
        if (result != NoiseResult.Success)
        {
            BeginClose($"a {message.Length}-byte Noise transport message was refused ({result})", WebSocketCloseStatus.ProtocolError);
            return null;
        }

        step = reassembler.Add(plaintext.AsSpan(0, written), out var encoded, out var error);
        if (step == ReassemblyStep.Invalid)
        {
            BeginClose(error, WebSocketCloseStatus.ProtocolError);
            return null;
        }

        if (step == ReassemblyStep.NeedMore)
        {
            return null;
        }

        if (!ClusterFrames.TryParse(encoded.Span, _options.MaxFrameBytes, out var frame, out error))
        {
            step = ReassemblyStep.Invalid;
            BeginClose(error, WebSocketCloseStatus.ProtocolError);
            return null;
        }

        return frame;
    }

    /// <summary>
    /// Hands a frame to <see cref="ReceiveAsync"/>, waiting while the inbound queue is full. While it
    /// waits the peer is not blamed for silence: the local reader is the one holding it up. Once the
    /// channel is closing the frame is discarded and the reader keeps reading until the peer's close frame.
    /// </summary>
    private async ValueTask DeliverAsync(ClusterFrame frame, CancellationToken ct)
    {
        if (_inbound.Writer.TryWrite(frame))
        {
            return;
        }

        Volatile.Write(ref _deliveryWaiting, 1);
        try
        {
            await _inbound.Writer.WriteAsync(frame, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Closing: discarded.
        }
        finally
        {
            Volatile.Write(ref _lastReceivedAt, Environment.TickCount64);
            Volatile.Write(ref _deliveryWaiting, 0);
        }
    }

    /// <summary>
    /// Twice per heartbeat interval: closes the link when nothing arrived for three intervals (unless the
    /// local reader is the one holding it up), and queues a heartbeat when nothing was sent for an
    /// interval and nothing is waiting to be sent — so an idle link carries one every interval or so.
    /// </summary>
    private async Task MonitorLoopAsync()
    {
        var interval = (long)_options.HeartbeatInterval.TotalMilliseconds;
        using var timer = new PeriodicTimer(_options.HeartbeatInterval / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopSending.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                var silence = now - Volatile.Read(ref _lastReceivedAt);
                if (Volatile.Read(ref _deliveryWaiting) == 0 && silence > 3 * interval)
                {
                    BeginClose($"nothing was received for {silence} ms (three heartbeat intervals are {3 * interval} ms)",
                        WebSocketCloseStatus.PolicyViolation);
                    return;
                }

                if (now - Volatile.Read(ref _lastSentAt) >= interval && _outbound.Reader.Count == 0)
                {
                    var heartbeat = new ClusterFrame { Heartbeat = new Heartbeat { Sequence = ++_heartbeatSequence } };
                    _outbound.Writer.TryWrite(heartbeat.ToByteArray());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }

    /// <summary>Records the first reason and starts closing; later calls do nothing.</summary>
    private void BeginClose(string reason, WebSocketCloseStatus status)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        _inbound.Writer.TryComplete();
        _ = Task.Run(() => FinishCloseAsync(reason, status));
    }

    /// <summary>
    /// Lets the writer send what was queued before the close, sends a close frame, reads until the peer's
    /// close frame — all within one grace period, after which unfinished sends and reads are aborted — then
    /// waits for the loops and zeroes the transport keys.
    /// </summary>
    private async Task FinishCloseAsync(string reason, WebSocketCloseStatus status)
    {
        try
        {
            using var grace = new CancellationTokenSource(CloseGracePeriod);
            var graceOver = Task.Delay(Timeout.Infinite, grace.Token);
            await Task.WhenAny(_writer, graceOver).ConfigureAwait(false);
            await _stopSending.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_writer, _monitor).ConfigureAwait(false);
            await WebSocketMessages.CloseQuietlyAsync(_socket, status, reason, grace.Token).ConfigureAwait(false);
            await Task.WhenAny(_reader, graceOver).ConfigureAwait(false);
        }
        finally
        {
            // Even if a loop failed unexpectedly, the connection ends, the keys are zeroed and Completion completes.
            await _stopSending.CancelAsync().ConfigureAwait(false);
            await _stopReading.CancelAsync().ConfigureAwait(false);
            _socket.Abort();
            await Task.WhenAll(_writer, _reader, _monitor).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _transport.Dispose();
            _completion.TrySetResult();
        }
    }
}
