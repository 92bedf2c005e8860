namespace Arcanum.Chains.Solana;

/// <summary>
/// The three-byte message header (Solana docs, "Transactions › Message Header"): how many account keys must
/// sign, and how many of the signed and of the unsigned keys are read-only.
/// </summary>
public readonly record struct SolanaMessageHeader(byte NumRequiredSignatures, byte NumReadonlySignedAccounts, byte NumReadonlyUnsignedAccounts);
