namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// An envelope that decrypted and whose inner signature verified: the sender's account id (32 bytes, the
/// Ed25519 public key that signed) and the plaintext. The caller owns both arrays.
/// </summary>
/// <param name="SenderAccount">The account id whose signature was verified.</param>
/// <param name="Plaintext">The message.</param>
public sealed record OpenedMessage(byte[] SenderAccount, byte[] Plaintext);
