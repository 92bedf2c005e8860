using Arcanum.Mpc.Protocol;
using Arcanum.Node.Vault;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// The session protocols a node runs, by (kind, scheme). <see cref="TryStart"/> is the node's one
/// entry point for a verified request: it checks that this node is a party, records the session id
/// durably (a session id seen before is refused: replay), then lets the registered protocol check
/// the request against the vault and start.
/// </summary>
public sealed class SessionProtocolRegistry
{
    private readonly Dictionary<(SessionKind, KeyScheme), ISessionProtocol> _protocols = [];

    /// <summary>Adds a protocol; throws when its (kind, scheme) is already registered.</summary>
    public void Register(ISessionProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (!_protocols.TryAdd((protocol.Kind, protocol.Scheme), protocol))
        {
            throw new ArgumentException($"({protocol.Kind}, {protocol.Scheme}) is already registered.", nameof(protocol));
        }
    }

    /// <summary>This node's run of <paramref name="request"/>, or null with the reason it does not take part.</summary>
    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (!SessionId.TryFromBytes(request.SessionId.Span, out var session))
        {
            refusal = $"the session id is {request.SessionId.Length} bytes, not {SessionId.Length}";
            return null;
        }

        if (!request.Parties.Contains(node.Self.Value))
        {
            refusal = $"this node ({node.Self}) is not a party of session {session}";
            return null;
        }

        if (!KeyIds.IsValid(request.KeyId))
        {
            refusal = $"the key id must be 1–{KeyIds.MaxLength} characters of A–Z, a–z, 0–9, '_' and '-'";
            return null;
        }

        if (ApprovalEvidenceCheck.Problem(request) is { } evidenceProblem)
        {
            refusal = evidenceProblem;
            return null;
        }

        if (!_protocols.TryGetValue((request.Kind, request.Scheme), out var protocol))
        {
            refusal = $"this node runs no {request.Kind} protocol for {request.Scheme}";
            return null;
        }

        if (request.Kind is SessionKind.Sign or SessionKind.Reshare or SessionKind.Destroy && node.Chain?.BoundKeyId == request.KeyId)
        {
            // docs/node.md, "Nodes and blocks": the ledger key signs only headers this node re-executed, and its
            // committee stays the one that signed the chain.
            refusal = $"key {request.KeyId} is this node's ledger key: it takes no {request.Kind} session (only ledger block sessions and refresh)";
            return null;
        }

        if (!node.Ledger.TryBeginSession(session))
        {
            refusal = $"session {session} was seen before (replayed request)";
            return null;
        }

        try
        {
            return protocol.TryStart(request, node, out refusal);
        }
        catch (ArgumentException e)
        {
            // The protocol engines check their inputs again and throw on a combination the request
            // checks above did not anticipate; the request is refused rather than the node stopped.
            refusal = $"the request is inconsistent: {e.Message}";
            return null;
        }
    }
}
