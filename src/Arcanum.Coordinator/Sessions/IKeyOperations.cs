using Arcanum.Client.Contracts;
using Arcanum.Mpc.Frost;
using Arcanum.Transport.Wire;

namespace Arcanum.Coordinator.Sessions;

/// <summary>
/// What the REST API asks of the cluster. Inputs are already validated by the API (scheme known,
/// 2 ≤ t ≤ n ≤ members, digest length, path non-hardened). Each call runs one or more sessions
/// and returns when they ended; failures are <see cref="ApiProblemException"/>s (404 unknown key,
/// 409 key destroyed, 503 too few nodes connected or the session aborted/timed out, naming it).
/// <c>approval</c> is the evidence of an approved request, carried to the nodes with every session it runs.
/// </summary>
public interface IKeyOperations
{
    Task<KeyInfo> CreateKeyAsync(string name, string scheme, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken);

    /// <summary>
    /// Signs <paramref name="payload"/> (message or 32-byte digest, by scheme) under the key derived along
    /// <paramref name="path"/> (empty: the key itself) — for a frost-taproot key with a
    /// <paramref name="taproot"/> tweak, under that key's BIP341 output key.
    /// </summary>
    Task<SignResponse> SignAsync(string keyId, byte[] payload, IReadOnlyList<uint> path, TaprootTweak? taproot, ApprovalEvidence? approval, CancellationToken cancellationToken);

    Task<KeyInfo> RefreshAsync(string keyId, CancellationToken cancellationToken);

    Task<KeyInfo> ReshareAsync(string keyId, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken);

    /// <summary>Destroys the shares on every holder and tombstones the key.</summary>
    Task DestroyAsync(string keyId, ApprovalEvidence? approval, CancellationToken cancellationToken);
}

/// <summary>Which cluster members have a live link right now.</summary>
public interface IClusterView
{
    bool IsConnected(int nodeId);

    int ConnectedCount { get; }
}

/// <summary>Session progress notifications for the /v1/events WebSocket (best effort; GET is the source of truth).</summary>
public interface ISessionEvents
{
    void Publish(SessionEvent sessionEvent);

    /// <summary>Every event published after the call, until <paramref name="cancellationToken"/> fires; a slow reader loses events rather than blocking publishers.</summary>
    IAsyncEnumerable<SessionEvent> SubscribeAsync(CancellationToken cancellationToken);
}

/// <summary>Takes over a WebSocket a node opened on /v1/cluster and runs its link until it closes.</summary>
public interface INodeLinkAcceptor
{
    Task RunAsync(System.Net.WebSockets.WebSocket socket, CancellationToken cancellationToken);
}
