using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// What one party brings to a Noise handshake (the arguments of Initialize, revision 34, §5.3, apart
/// from the ephemeral key). The handshake copies the keys it is given, so the caller keeps ownership
/// of <see cref="LocalStaticKey"/> and of the pre-shared key buffers.
/// </summary>
public sealed record HandshakeSettings
{
    /// <summary>Required: the protocol, e.g. <see cref="NoiseProtocol.ProductProtocol"/>.</summary>
    public required NoiseProtocol Protocol { get; init; }

    /// <summary>Required: initiator or responder.</summary>
    public required NoiseRole Role { get; init; }

    /// <summary>Optional: the prologue (§6), which both parties must agree on; empty by default.</summary>
    public ReadOnlyMemory<byte> Prologue { get; init; }

    /// <summary>Required: this party's static key pair s.</summary>
    public required X25519PrivateKey LocalStaticKey { get; init; }

    /// <summary>
    /// The peer's static public key rs, pinned in advance: required for the initiator (the pre-message
    /// "&lt;- s" of the IK family) and not allowed for the responder, which learns the initiator's key
    /// from the first message and must check it against its own pins
    /// (<see cref="HandshakeState.RemoteStaticKey"/>).
    /// </summary>
    public X25519PublicKey? RemoteStaticKey { get; init; }

    /// <summary>
    /// The 32-byte pre-shared keys, one per psk token in the order the tokens occur (§9); exactly
    /// <see cref="HandshakePattern.PreSharedKeyCount"/> of them; none by default.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> PreSharedKeys { get; init; } = [];
}
