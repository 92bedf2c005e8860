using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Reflection;
using System.Security.Cryptography;
using Arcanum.Crypto;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Protocol;
using Arcanum.Node.Ledger;
using Arcanum.Node.Sessions;
using Arcanum.Node.Vault;
using Arcanum.Storage.Ledger;
using Arcanum.Transport;
using Arcanum.Transport.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Arcanum.Node.Hosting;

/// <summary>
/// A node process (ARCHITECTURE §1): dials the coordinator (WebSocket + Noise_IK, the coordinator's
/// static key pinned), says hello with the shares it holds, then serves sessions: it verifies the
/// coordinator's signature on every request, refuses stale or replayed ones (the ledger records each
/// session id durably), runs the registered protocol, signs (and for unicasts encrypts) every
/// message it sends, opens only messages signed by a pinned peer, and reports the outcome. The link
/// is re-established with jittered exponential backoff.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    /// <summary>Requests older than this are refused (with the session-id ledger, this bounds replays).</summary>
    private static readonly TimeSpan MaxRequestAge = TimeSpan.FromMinutes(2);

    /// <summary>Messages that arrive before their session's request are held this long at most.</summary>
    private static readonly TimeSpan EarlyMessageLifetime = TimeSpan.FromSeconds(10);

    private const int MaxEarlySessions = 1024;
    private const int MaxEarlyMessagesPerSession = 64;

    private readonly NodeConfig _config;
    private readonly IdentityKeys _identity;
    private readonly ShareVault _vault;
    private readonly ConsumptionLedger _ledger;
    private readonly Ed25519PublicKey _coordinatorIdentity;
    private readonly X25519PublicKey _coordinatorStatic;
    private readonly Dictionary<uint, PeerKeys> _peers;
    private readonly ConcurrentDictionary<SessionId, NodeSession> _sessions = new();
    private readonly ConcurrentDictionary<SessionId, EarlyMessages> _early = new();
    private readonly SessionProtocolRegistry _protocols;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RandomNumberGenerator _rng = new SodiumRandomNumberGenerator();
    private readonly ChannelOptions _channelOptions;
    private readonly Func<string, Task<ILedgerStore>>? _openLedgerStore;
    private LedgerReplica? _chain;
    private LedgerCatchUp? _catchUp;
    private NoiseChannel? _link;
    private CancellationToken _running;

    /// <param name="masterKey">Unseals the vault; a key that cannot open it makes the constructor throw <see cref="VaultSealException"/>.</param>
    /// <param name="openLedgerStore">
    /// Opens (and migrates) the ledger database at the given path when the configuration has a <c>chain</c> section
    /// (<see cref="NodeConfig.Chain"/>), which makes the node keep a copy of the ledger; by default a SQLite file
    /// (<see cref="SqliteLedgerStore.OpenReplicaAsync"/>).
    /// </param>
    public NodeHost(
        NodeConfig config, MasterKey masterKey, ILogger logger, TimeProvider? time = null, ChannelOptions? channelOptions = null,
        Func<string, Task<ILedgerStore>>? openLedgerStore = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _channelOptions = channelOptions ?? new ChannelOptions();
        _openLedgerStore = openLedgerStore;
        _identity = IdentityKeys.Load(config.Resolve(config.IdentityFile));
        _vault = new ShareVault(config.Resolve(config.Vault), masterKey, (uint)config.Id);
        _vault.CheckUnseal();
        _ledger = new ConsumptionLedger(config.Resolve(config.Ledger));
        _coordinatorIdentity = Ed25519PublicKey.FromBytes(Convert.FromHexString(config.Coordinator.IdentityKey));
        _coordinatorStatic = X25519PublicKey.FromBytes(Convert.FromHexString(config.Coordinator.StaticKey));
        _peers = config.Peers.ToDictionary(
            p => (uint)p.Id,
            p => new PeerKeys((uint)p.Id, Ed25519PublicKey.FromBytes(Convert.FromHexString(p.IdentityKey)), X25519PublicKey.FromBytes(Convert.FromHexString(p.StaticKey))));
        _peers[(uint)config.Id] = new PeerKeys((uint)config.Id, _identity.Identity.PublicKey, _identity.Static.PublicKey);
        _protocols = SessionProtocols.Default;
    }

    public static string Version { get; } =
        typeof(NodeHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Connected to the coordinator right now.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>This node's copy of the ledger once <see cref="RunAsync"/> opened it; null when none is configured.</summary>
    public LedgerReplica? Chain => _chain;

    /// <summary>Opens the ledger copy (when configured), then keeps the link up until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _running = cancellationToken;
        await OpenChainAsync(cancellationToken).ConfigureAwait(false);
        using var sweeper = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        var sweeping = SweepStalledAsync(sweeper, cancellationToken);
        var jitter = new Random();
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.Zero;
                await socket.ConnectAsync(new Uri(_config.Coordinator.Url), cancellationToken).ConfigureAwait(false);
                await using var channel = await NoiseChannel.ConnectAsync(socket, _identity.Static, _coordinatorStatic, _channelOptions, _rng, cancellationToken).ConfigureAwait(false);
                attempt = 0;
                await ServeAsync(channel, cancellationToken).ConfigureAwait(false);
                _logger.LogWarning("Link to the coordinator closed: {Reason}", channel.CloseReason ?? "closed");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException or InvalidDataException or HttpRequestException
                or OperationCanceledException or TimeoutException or System.Security.Authentication.AuthenticationException)
            {
                _logger.LogWarning("Cannot reach the coordinator at {Url}: {Error}", _config.Coordinator.Url, e.Message);
            }
            finally
            {
                IsConnected = false;
            }

            try
            {
                await Task.Delay(Backoff.Delay(attempt++, jitter), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await sweeping.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            await session.Gate.WaitAsync().ConfigureAwait(false);
            session.Dispose();
        }

        _sessions.Clear();
        if (_chain is not null)
        {
            _chain.FellBehind -= OnChainFellBehind;
            await _chain.DisposeAsync().ConfigureAwait(false);
        }

        _ledger.Dispose();
        _identity.Dispose();
        _rng.Dispose();
    }

    private async Task ServeAsync(NoiseChannel channel, CancellationToken cancellationToken)
    {
        var hello = new NodeHello { NodeId = (uint)_config.Id, Version = Version };
        hello.Shares.Add(_vault.List().Select(s => new HeldShare { KeyId = s.KeyId, Epoch = s.Epoch }));
        await channel.SendAsync(new ClusterFrame { Hello = hello }, cancellationToken).ConfigureAwait(false);
        IsConnected = true;
        _logger.LogInformation("Node {NodeId} connected to the coordinator ({Shares} shares held)", _config.Id, hello.Shares.Count);
        _link = channel;
        _catchUp?.Reset();
        await RequestBlocksAsync(channel, cancellationToken).ConfigureAwait(false);

        while (await channel.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            switch (frame.BodyCase)
            {
                case ClusterFrame.BodyOneofCase.SessionRequest:
                    // Off the receive loop: starting a session waits for the ledger's fsync and loads a share.
                    var signed = frame.SessionRequest;
                    _ = Task.Run(() => StartSessionLoggedAsync(channel, signed, cancellationToken), cancellationToken);
                    break;
                case ClusterFrame.BodyOneofCase.Routed:
                    Deliver(channel, frame.Routed, cancellationToken);
                    break;
                case ClusterFrame.BodyOneofCase.LedgerBlocks:
                    // Off the receive loop: each block is re-executed before it is stored.
                    var answer = frame.LedgerBlocks;
                    _ = Task.Run(() => ApplyBlocksAsync(channel, answer, cancellationToken), cancellationToken);
                    break;
                case ClusterFrame.BodyOneofCase.Cancel:
                    if (SessionId.TryFromBytes(frame.Cancel.SessionId.Span, out var cancelled) && _sessions.TryRemove(cancelled, out var session))
                    {
                        _ = DropAsync(session, $"cancelled by the coordinator: {frame.Cancel.Reason}");
                    }

                    break;
                default:
                    _logger.LogWarning("Ignored an unexpected {Frame} frame from the coordinator", frame.BodyCase);
                    break;
            }
        }
    }

    /// <summary>A session start whose failure (the vault's disk, for instance) is logged; the coordinator then times the session out.</summary>
    private async Task StartSessionLoggedAsync(NoiseChannel channel, SignedSessionRequest signed, CancellationToken cancellationToken)
    {
        try
        {
            await StartSessionAsync(channel, signed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or VaultSealException)
        {
            _logger.LogError("Could not start a session: {Error}", e.Message);
        }
    }

    private async Task StartSessionAsync(NoiseChannel channel, SignedSessionRequest signed, CancellationToken cancellationToken)
    {
        if (!SessionRequests.TryVerify(signed, _coordinatorIdentity, out var request, out var error))
        {
            _logger.LogWarning("Refused a session request: {Error}", error);
            return;
        }

        var id = SessionId.FromBytes(request!.SessionId.Span);
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(request.IssuedAtMs, (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        var age = _time.GetUtcNow() - issuedAt;
        string refusal;
        IProtocolRun? run = null;
        if (age > MaxRequestAge || age < -MaxRequestAge)
        {
            refusal = $"the request was issued {age.TotalSeconds:0} s from now; at most {MaxRequestAge.TotalSeconds:0} s is accepted";
        }
        else if (_sessions.ContainsKey(id))
        {
            refusal = "the session is already running";
        }
        else
        {
            var services = new NodeServices(new PartyId(_config.Id), _vault, _ledger, _rng, _chain);
            (run, refusal) = request.Kind == SessionKind.LedgerBlock
                ? await StartBlockSessionAsync(request, services).ConfigureAwait(false)
                : (_protocols.TryStart(request, services, out refusal), refusal);
        }

        if (run is null)
        {
            _logger.LogWarning("Refused session {Session}: {Reason}", id, refusal);
            await SendReportAsync(channel, id, new SessionReport { Aborted = new SessionAborted { Reason = $"refused: {refusal}" } }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var session = new NodeSession(id, run, TimeSpan.FromMilliseconds(Math.Clamp(request.RoundTimeoutMs, 100u, 600_000u)), _time);
        _sessions[id] = session;
        await StepAsync(channel, session, () => run.InitialMessages, cancellationToken).ConfigureAwait(false);
        DeliverEarly(channel, id, cancellationToken);
    }

    /// <summary>
    /// A ledger block session starts by re-executing the block, which waits for the replica's store (session start is
    /// synchronous): it runs on a thread of its own so that wait never holds a thread-pool thread the store's own
    /// continuations need (on a small machine that starvation stretched a block session by hundreds of milliseconds).
    /// </summary>
    private Task<(IProtocolRun? Run, string Refusal)> StartBlockSessionAsync(SessionRequest request, NodeServices services) =>
        Task.Factory.StartNew(
            () => (_protocols.TryStart(request, services, out var refusal), refusal),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Opens the ledger copy of the <c>chain</c> section, if any (docs/node.md, "Nodes and blocks").</summary>
    private async Task OpenChainAsync(CancellationToken cancellationToken)
    {
        if (_config.Chain is not { } chain || _chain is not null)
        {
            return;
        }

        var open = _openLedgerStore ?? OpenSqliteLedgerAsync;
        _chain = await LedgerReplica.OpenAsync(_config.Resolve(chain.Genesis), _config.Resolve(chain.Database), open, cancellationToken).ConfigureAwait(false);
        _catchUp = new LedgerCatchUp(_chain, _time);
        _chain.FellBehind += OnChainFellBehind;
        _logger.LogInformation("Ledger of chain {ChainId} open at height {Height}", _chain.ChainId, _chain.HeadHeight);
    }

    private static async Task<ILedgerStore> OpenSqliteLedgerAsync(string path)
    {
        var store = await SqliteLedgerStore.OpenReplicaAsync(path).ConfigureAwait(false);
        await store.MigrateAsync().ConfigureAwait(false);
        return store;
    }

    /// <summary>A proposal showed the ledger copy is behind: ask the coordinator for the blocks it lacks.</summary>
    private void OnChainFellBehind(object? sender, LedgerBehindEventArgs e)
    {
        if (_link is { } channel)
        {
            _ = RequestBlocksAsync(channel, _running);
        }
    }

    /// <summary>Sends a catch-up request when one is due (none in flight, a ledger key bound).</summary>
    private async Task RequestBlocksAsync(NoiseChannel channel, CancellationToken cancellationToken)
    {
        if (_catchUp?.TryBegin() is { } request)
        {
            await SendBlockRequestAsync(channel, request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendBlockRequestAsync(NoiseChannel channel, LedgerSyncRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await channel.SendAsync(new ClusterFrame { LedgerSync = request }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException or OperationCanceledException)
        {
            _catchUp?.Reset();
            _logger.LogWarning("Could not ask the coordinator for ledger blocks: {Error}", e.Message);
        }
    }

    /// <summary>Applies a catch-up answer in order and asks again while the copy is still behind.</summary>
    private async Task ApplyBlocksAsync(NoiseChannel channel, LedgerBlocks answer, CancellationToken cancellationToken)
    {
        if (_catchUp is null)
        {
            _logger.LogWarning("Ignored {Count} ledger blocks: this node keeps no ledger", answer.Blocks.Count);
            return;
        }

        var round = await _catchUp.ReceiveAsync(answer, cancellationToken).ConfigureAwait(false);
        if (round.Problem is { } problem)
        {
            _logger.LogWarning("Ledger catch-up stopped at height {Height}: {Problem}", _chain!.HeadHeight, problem);
        }
        else if (round.Applied > 0)
        {
            _logger.LogInformation("Ledger caught up {Applied} blocks to height {Height} (coordinator at {Head})", round.Applied, _chain!.HeadHeight, answer.HeadHeight);
        }

        if (round.Next is { } next)
        {
            await SendBlockRequestAsync(channel, next, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hands a session the messages that arrived before it started.</summary>
    private void DeliverEarly(NoiseChannel channel, SessionId id, CancellationToken cancellationToken)
    {
        if (_early.TryRemove(id, out var early))
        {
            foreach (var message in early.Messages)
            {
                Deliver(channel, message, cancellationToken);
            }
        }
    }

    private void Deliver(NoiseChannel channel, RoutedMessage routed, CancellationToken cancellationToken)
    {
        if (!SessionId.TryFromBytes(routed.SessionId.Span, out var id))
        {
            return;
        }

        if (!_sessions.TryGetValue(id, out var session))
        {
            HoldEarly(id, routed);

            // The session may have started between the lookup and the hold; then it missed the drain.
            if (_sessions.ContainsKey(id))
            {
                DeliverEarly(channel, id, cancellationToken);
            }

            return;
        }

        _ = Task.Run(async () =>
        {
            if (!RoutedMessages.TryOpen(routed, from => _peers.GetValueOrDefault(from), _identity.Static, (uint)_config.Id, out var message, out var error))
            {
                _logger.LogWarning("Session {Session}: dropped a routed message: {Error}", id, error);
                return;
            }

            await StepAsync(channel, session, () => session.Run.Receive(message!), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Runs one step of a session under its gate, sends what it produced, and reports once it finished.</summary>
    private async Task StepAsync(NoiseChannel channel, NodeSession session, Func<IReadOnlyList<ProtocolMessage>> step, CancellationToken cancellationToken)
    {
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.Finished)
            {
                return;
            }

            session.Touch();
            foreach (var message in step())
            {
                var recipient = message.To is { } to ? _peers.GetValueOrDefault(to.Value)?.Static : null;
                if (message.To is not null && recipient is null)
                {
                    continue;
                }

                var routed = RoutedMessages.Seal(message, _identity.Identity, recipient, _rng);
                await channel.SendAsync(new ClusterFrame { Routed = routed }, cancellationToken).ConfigureAwait(false);
            }

            if (session.Run.Status != RunStatus.Running)
            {
                session.Finished = true;
                _sessions.TryRemove(session.Id, out _);
                var report = session.Run.Finish();
                await SendReportAsync(channel, session.Id, report, cancellationToken).ConfigureAwait(false);
                session.Run.Dispose();
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task SendReportAsync(NoiseChannel channel, SessionId id, SessionReport report, CancellationToken cancellationToken)
    {
        report.SessionId = ByteString.CopyFrom(id.ToArray());
        report.From = (uint)_config.Id;
        await channel.SendAsync(new ClusterFrame { Report = report }, cancellationToken).ConfigureAwait(false);
    }

    private void HoldEarly(SessionId id, RoutedMessage routed)
    {
        if (_early.Count >= MaxEarlySessions && !_early.ContainsKey(id))
        {
            return;
        }

        var early = _early.GetOrAdd(id, _ => new EarlyMessages(_time.GetTimestamp()));
        if (early.Messages.Count < MaxEarlyMessagesPerSession)
        {
            early.Messages.Enqueue(routed);
        }
    }

    private async Task DropAsync(NodeSession session, string reason)
    {
        await session.Gate.WaitAsync().ConfigureAwait(false);
        session.Finished = true;
        session.Gate.Release();
        session.Dispose();
        _logger.LogInformation("Session {Session} dropped: {Reason}", session.Id, reason);
    }

    private async Task SweepStalledAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var session in _sessions.Values.Where(s => s.IsStalled))
                {
                    if (_sessions.TryRemove(session.Id, out _))
                    {
                        await DropAsync(session, "no progress for two round timeouts").ConfigureAwait(false);
                    }
                }

                // Early messages of sessions that never started are not kept for long.
                foreach (var (id, early) in _early.Where(e => _time.GetElapsedTime(e.Value.Since) > EarlyMessageLifetime).ToList())
                {
                    _early.TryRemove(new KeyValuePair<SessionId, EarlyMessages>(id, early));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Messages for a session this node has not started yet, and since when.</summary>
    private sealed record EarlyMessages(long Since)
    {
        public ConcurrentQueue<RoutedMessage> Messages { get; } = new();
    }
}
