namespace Arcanum.Chains.Solana;

/// <summary>
/// The result of signing: the transaction with our signature in its slot (Base64), and our signature in Base58 —
/// which is the transaction id when our key is the fee payer.
/// </summary>
public sealed record SolanaSignedTransaction(string SignedTransaction, string Signature);
