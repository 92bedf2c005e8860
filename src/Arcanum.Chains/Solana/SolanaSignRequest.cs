namespace Arcanum.Chains.Solana;

/// <summary>An unsigned (or partly signed) Solana transaction: its wire bytes in Base64, as wallets and web3.js serialize it.</summary>
public sealed record SolanaSignRequest(string? Serialized);
