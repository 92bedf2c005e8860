using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Transport;

/// <summary>
/// A node's public keys as the cluster file pins them: <paramref name="Identity"/> signs every protocol
/// message the node sends (<see cref="RoutedMessages"/>), <paramref name="Static"/> is its Noise static
/// key and the key unicast payloads are sealed to.
/// </summary>
public sealed record PeerKeys(uint NodeId, Ed25519PublicKey Identity, X25519PublicKey Static);
