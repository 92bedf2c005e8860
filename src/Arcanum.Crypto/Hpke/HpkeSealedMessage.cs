namespace Arcanum.Crypto.Hpke;

/// <summary>
/// The output of a single-shot seal (RFC 9180 §6.1): the encapsulated key <c>enc</c> (32 bytes) and the
/// ciphertext <c>ct</c> (plaintext length + 16-byte tag). Both are public and travel to the recipient.
/// </summary>
/// <param name="EncapsulatedKey">enc, from the KEM.</param>
/// <param name="Ciphertext">ct ‖ tag, sealed with sequence number 0.</param>
public sealed record HpkeSealedMessage(byte[] EncapsulatedKey, byte[] Ciphertext);
