namespace Arcanum.Crypto.Noise;

/// <summary>
/// The outcome of writing or reading a Noise message. Everything but <see cref="Success"/> is an
/// expected failure caused by the input (a peer's message, a buffer); the state is left as it was
/// before the call. Misuse (a call out of turn, after dispose) throws instead.
/// </summary>
public enum NoiseResult
{
    /// <summary>The message was written or read.</summary>
    Success,

    /// <summary>The output buffer is too small for the message or payload.</summary>
    DestinationTooSmall,

    /// <summary>The message would be, or is, longer than 65535 bytes (revision 34, §3).</summary>
    MessageTooLarge,

    /// <summary>The received message is shorter than its pattern requires.</summary>
    MessageTooShort,

    /// <summary>An authentication tag did not verify: the message was tampered with, replayed, reordered, or keyed differently.</summary>
    DecryptionFailed,

    /// <summary>A peer's public key has small order, so the Diffie–Hellman result would be all zeros (see <see cref="Curves.X25519"/>).</summary>
    InvalidRemoteKey,

    /// <summary>The nonce reached 2^64 − 1, which is reserved (revision 34, §5.1); rekeying does not reset it, so the session must end.</summary>
    NonceExhausted,
}
