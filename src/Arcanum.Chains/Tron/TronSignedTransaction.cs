namespace Arcanum.Chains.Tron;

/// <summary>
/// The result of signing: the 65-byte signature r ‖ s ‖ v in hex (v = recovery id 0 or 1) for the transaction's
/// <c>signature</c> list, and the transaction id SHA-256(raw_data) in hex.
/// </summary>
public sealed record TronSignedTransaction(string Signature, string TxId);
