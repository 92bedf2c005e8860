using System.Collections.Concurrent;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Sessions;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>How a fake committee member answers a LEDGER_BLOCK session.</summary>
internal enum MemberBehaviour
{
    /// <summary>Signs the header's signing bytes with the committee key.</summary>
    Sign,

    /// <summary>Aborts the session naming no culprit ("refused: …"), as a node whose re-execution disagrees.</summary>
    Refuse,

    /// <summary>Returns a signature over other bytes.</summary>
    SignWrongBytes,

    /// <summary>Never answers: the session times out naming it missing.</summary>
    Silent,
}

/// <summary>One session the sequencer ran.</summary>
internal sealed record CommitteeSession(string Id, string Kind, string? RetryOf, IReadOnlyList<int> Parties, SessionRequest Request);

/// <summary>
/// An <see cref="ICommitteeSessions"/> whose members answer LEDGER_BLOCK sessions like nodes would, with a plain
/// Ed25519 key standing in for the committee's FROST key (FROST(Ed25519) signatures are Ed25519 signatures). It ends a
/// run as the orchestrator does — the first refusal aborts with its reporter, a silent member times out, otherwise
/// every report is handed to the sequencer's check — and records each run.
/// </summary>
internal sealed class FakeCommittee(Ed25519PrivateKey key) : ICommitteeSessions
{
    private readonly ConcurrentDictionary<int, MemberBehaviour> _members = new();
    private readonly ConcurrentQueue<CommitteeSession> _sessions = new();
    private readonly ConcurrentQueue<(int Node, ClusterFrame Frame)> _sent = new();
    private Action<int, LedgerSyncRequest>? _sync;
    private int _counter;

    public IReadOnlyList<CommitteeSession> Sessions => [.. _sessions];

    public IReadOnlyList<(int Node, ClusterFrame Frame)> Sent => [.. _sent];

    public void Connect(int node, MemberBehaviour behaviour = MemberBehaviour.Sign) => _members[node] = behaviour;

    public void Disconnect(int node) => _members.TryRemove(node, out _);

    /// <summary>Delivers a node's catch-up request as its link would.</summary>
    public void RequestSync(int node, LedgerSyncRequest request) => _sync?.Invoke(node, request);

    public bool IsConnected(int nodeId) => _members.ContainsKey(nodeId);

    public Task<SessionResult> RunAsync(SessionRequest request, IReadOnlyList<int> parties, string kind, string? retryOf,
        Func<IReadOnlyDictionary<int, SessionReport>, SessionEnd.Aborted?> check, CancellationToken cancellationToken)
    {
        var id = $"{Interlocked.Increment(ref _counter):x32}";
        _sessions.Enqueue(new CommitteeSession(id, kind, retryOf, parties, request.Clone()));
        Assert.True(Block.TryDecode(request.LedgerBlock.Block.Span, out var block, out _));
        var signingBytes = block.Header.SigningBytes(request.LedgerBlock.ChainId);
        var reports = new Dictionary<int, SessionReport>();
        foreach (var party in parties)
        {
            switch (_members.GetValueOrDefault(party, MemberBehaviour.Silent))
            {
                case MemberBehaviour.Refuse:
                    return Task.FromResult(new SessionResult(id, new SessionEnd.Aborted($"node {party}: refused: state root mismatch", [], party)));
                case MemberBehaviour.Silent:
                    return Task.FromResult(new SessionResult(id, new SessionEnd.TimedOut("no progress for 10 s", [party])));
                case MemberBehaviour.SignWrongBytes:
                    reports[party] = Report(key.Sign([.. signingBytes, 0]));
                    break;
                default:
                    reports[party] = Report(key.Sign(signingBytes));
                    break;
            }
        }

        SessionEnd end = check(reports) is { } refusal ? refusal : new SessionEnd.Completed(reports);
        return Task.FromResult(new SessionResult(id, end));
    }

    public ValueTask<bool> SendAsync(int nodeId, ClusterFrame frame, CancellationToken cancellationToken)
    {
        _sent.Enqueue((nodeId, frame));
        return ValueTask.FromResult(IsConnected(nodeId));
    }

    public void OnSyncRequested(Action<int, LedgerSyncRequest> handler) => _sync = handler;

    private static SessionReport Report(byte[] signature) =>
        new() { Signature = new SignatureResult { Signature = ByteString.CopyFrom(signature) } };
}
