namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// Why an envelope or a wrapped group key was refused. Each is an expected failure caused by data (bytes read
/// from the ledger, a key taken from the keystore); nothing is decrypted or returned when one is reported.
/// Misuse by the calling code (a null argument, an account id of the wrong length, key version 0) throws instead.
/// </summary>
public enum EnvelopeError
{
    /// <summary>No error: the operation succeeded.</summary>
    None = 0,

    /// <summary>The input is empty, so it has no version byte.</summary>
    VersionMissing,

    /// <summary>The version byte names a format this code does not implement (only version 1 exists).</summary>
    VersionUnsupported,

    /// <summary>The 4-byte key version is cut short.</summary>
    KeyVersionTruncated,

    /// <summary>The key version is 0; keystore versions start at 1.</summary>
    KeyVersionZero,

    /// <summary>The 32-byte HPKE encapsulated key <c>enc</c> is cut short.</summary>
    EncapsulatedKeyTruncated,

    /// <summary>The 1-byte group id length is missing.</summary>
    GroupIdLengthMissing,

    /// <summary>The group id length is 0 or above <see cref="GroupKey.MaxGroupIdLength"/>.</summary>
    GroupIdLengthInvalid,

    /// <summary>The group id is shorter than its length byte says.</summary>
    GroupIdTruncated,

    /// <summary>The 8-byte epoch is cut short.</summary>
    EpochTruncated,

    /// <summary>The 12-byte AES-GCM nonce is cut short.</summary>
    NonceTruncated,

    /// <summary>The ciphertext is shorter than an empty message sealed in this format.</summary>
    CiphertextTooShort,

    /// <summary>The ciphertext is longer than the largest message this format carries.</summary>
    CiphertextTooLong,

    /// <summary>The plaintext to seal is longer than <see cref="EnvelopeFields.MaxPlaintextLength"/>.</summary>
    PlaintextTooLong,

    /// <summary>The recipient's public encryption key has small order (RFC 9180 §7.1.4), so nothing can be sealed to it.</summary>
    RecipientKeySmallOrder,

    /// <summary>The encapsulated key <c>enc</c> has small order (RFC 9180 §7.1.4).</summary>
    EncapsulatedKeySmallOrder,

    /// <summary>
    /// Authenticated decryption failed: the bytes were altered, the envelope was sealed to another key, key
    /// version, recipient or chain, or the group key is not the one the message was sealed under.
    /// </summary>
    DecryptionFailed,

    /// <summary>
    /// The sender's Ed25519 signature inside the ciphertext does not verify over the statement this reader
    /// reconstructs: the content was re-addressed (another recipient, key version, chain, group or epoch) or forged.
    /// </summary>
    SignatureInvalid,

    /// <summary>The envelope belongs to another group than the key given to open it.</summary>
    GroupMismatch,

    /// <summary>The envelope was sealed in another epoch than the key given to open it.</summary>
    EpochMismatch,

    /// <summary>A wrapped group key decrypted and verified, but its signed payload is not a well-formed group key.</summary>
    GroupKeyPayloadMalformed,
}
