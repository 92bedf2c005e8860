using System.Security.Authentication;
using Arcanum.Crypto.Curves;

namespace Arcanum.Transport;

/// <summary>
/// The responder of a link handshake refused the initiator: its static key, authenticated by the first
/// Noise IK message, belongs to no node of the cluster. The socket was closed with
/// <see cref="System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation"/> before the second message.
/// </summary>
public sealed class UnknownPeerException : AuthenticationException
{
    public UnknownPeerException(X25519PublicKey peerStaticKey)
        : base($"The initiator's static key {peerStaticKey} belongs to no known node.") =>
        PeerStaticKey = peerStaticKey;

    /// <summary>The static key the initiator proved it holds.</summary>
    public X25519PublicKey PeerStaticKey { get; }
}
