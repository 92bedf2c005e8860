using Arcanum.Coordinator.Sessions;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// What the sequencer needs of the cluster: who is connected, one session run (<see cref="SessionOrchestrator.RunAsync"/>),
/// and the catch-up exchange (a node's <see cref="LedgerSyncRequest"/> in, a frame back).
/// </summary>
internal interface ICommitteeSessions
{
    /// <summary>Whether <paramref name="nodeId"/> has a live link.</summary>
    bool IsConnected(int nodeId);

    /// <summary>Runs one session; see <see cref="SessionOrchestrator.RunAsync"/>.</summary>
    Task<SessionResult> RunAsync(SessionRequest request, IReadOnlyList<int> parties, string kind, string? retryOf,
        Func<IReadOnlyDictionary<int, SessionReport>, SessionEnd.Aborted?> check, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="frame"/> to a connected node; false when it has no link.</summary>
    ValueTask<bool> SendAsync(int nodeId, ClusterFrame frame, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with every catch-up request a node sends.</summary>
    void OnSyncRequested(Action<int, LedgerSyncRequest> handler);
}

/// <summary>The cluster's <see cref="ICommitteeSessions"/>: the session orchestrator and the node links.</summary>
internal sealed class ClusterCommitteeSessions(SessionOrchestrator orchestrator, ClusterHub hub) : ICommitteeSessions
{
    public bool IsConnected(int nodeId) => hub.IsConnected(nodeId);

    public Task<SessionResult> RunAsync(SessionRequest request, IReadOnlyList<int> parties, string kind, string? retryOf,
        Func<IReadOnlyDictionary<int, SessionReport>, SessionEnd.Aborted?> check, CancellationToken cancellationToken) =>
        orchestrator.RunAsync(request, parties, kind, retryOf, check, cancellationToken);

    public ValueTask<bool> SendAsync(int nodeId, ClusterFrame frame, CancellationToken cancellationToken) => hub.SendAsync(nodeId, frame, cancellationToken);

    public void OnSyncRequested(Action<int, LedgerSyncRequest> handler) => orchestrator.LedgerSyncReceived = handler;
}
