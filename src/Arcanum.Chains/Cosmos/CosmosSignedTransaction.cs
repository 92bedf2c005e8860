namespace Arcanum.Chains.Cosmos;

/// <summary>The result of signing: the 64-byte r ‖ s signature and the TxRaw bytes to broadcast, both Base64.</summary>
public sealed record CosmosSignedTransaction(string Signature, string TxRaw);
