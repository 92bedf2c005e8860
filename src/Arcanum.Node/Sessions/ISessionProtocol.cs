using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// One protocol as a node runs it: a (kind, scheme) pair, e.g. (sign, frost-ed25519). Adding a
/// protocol to the cluster is one registration in <see cref="SessionProtocols"/>; the node's link
/// code only moves messages and reports.
/// </summary>
public interface ISessionProtocol
{
    SessionKind Kind { get; }

    KeyScheme Scheme { get; }

    /// <summary>
    /// Checks <paramref name="request"/> against this node's vault (share present at the epoch,
    /// parties and threshold consistent, message/digest length, path) and starts this node's part.
    /// Returns null, with the reason, when the node must not take part.
    /// </summary>
    IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal);
}

/// <summary>
/// A started run of one party (a <see cref="PartyRunner{TOutput}"/> plus what to do with its output).
/// Not thread-safe: the node calls it from one session loop.
/// </summary>
public interface IProtocolRun : IDisposable
{
    /// <summary>The messages to send as soon as the run starts.</summary>
    IReadOnlyList<ProtocolMessage> InitialMessages { get; }

    RunStatus Status { get; }

    /// <summary>The round now waiting for messages (null once finished).</summary>
    int? CurrentRound { get; }

    /// <summary>Processes one verified incoming message; returns what to send.</summary>
    IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message);

    /// <summary>
    /// Once the run is no longer <see cref="RunStatus.Running"/>: persists what it produced (a new
    /// share is sealed into the vault before this returns) and returns the report outcome for the
    /// coordinator (session id and sender are filled in by the caller).
    /// </summary>
    SessionReport Finish();
}
