namespace Arcanum.Crypto.Hpke;

/// <summary>
/// Why an HPKE operation refused its input. Each is an expected failure caused by data (a peer's
/// encapsulated key, a ciphertext, a key from a registry, a pre-shared key); nothing is derived or
/// decrypted when one is reported. Misuse by the calling code (a null argument, a disposed context, an
/// export length out of range) throws instead.
/// </summary>
public enum HpkeError
{
    /// <summary>No error: the operation succeeded.</summary>
    None = 0,

    /// <summary>The encapsulated key <c>enc</c> is not Nenc = 32 bytes (RFC 9180 §4.1, DeserializePublicKey).</summary>
    InvalidEncapsulatedKeyLength,

    /// <summary>
    /// A public key (the recipient's, the sender's, or the ephemeral one in <c>enc</c>) has small order, so a
    /// Diffie–Hellman output would be all zeros; RFC 9180 §7.1.4 requires the check and the refusal.
    /// </summary>
    SmallOrderPublicKey,

    /// <summary>
    /// The PSK inputs do not fit the mode (RFC 9180 §5.1, VerifyPSKInputs: a psk without a psk_id or the
    /// reverse, a psk in a mode without one, none in a mode that needs one), or the psk is shorter than the
    /// 32 bytes of entropy §5.1.2 requires.
    /// </summary>
    InvalidPskInputs,

    /// <summary>The ciphertext is shorter than the AEAD tag (Nt = 16 bytes), so it cannot be authentic.</summary>
    CiphertextTooShort,

    /// <summary>
    /// The AEAD tag did not verify (RFC 9180 §5.2, OpenError): the ciphertext, associated data or encapsulated
    /// key was altered, the message was keyed for someone else, or messages were opened out of order.
    /// </summary>
    DecryptionFailed,

    /// <summary>The context's sequence number reached 2^96 − 1 (RFC 9180 §5.2, MessageLimitReachedError).</summary>
    MessageLimitReached,
}
