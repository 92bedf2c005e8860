using System.Text.Json.Serialization;

namespace Arcanum.Coordinator.Hosting;

/// <summary>
/// One node in the coordinator's membership list, as <c>arcanum node init</c> prints it: its id (also
/// its party id in every protocol), a name, and its public keys (hex): the Ed25519 identity that signs
/// its protocol messages and the X25519 static key pinned for its Noise handshake.
/// </summary>
public sealed record ClusterMember(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("identityKey")] string IdentityKey,
    [property: JsonPropertyName("staticKey")] string StaticKey);
