namespace Arcanum.Chains.Ethereum;

/// <summary>A signed transaction ready to broadcast: its raw bytes and its hash, Keccak-256(raw).</summary>
/// <param name="Raw">The signed transaction as <c>eth_sendRawTransaction</c> takes it.</param>
/// <param name="Hash">The 32-byte transaction hash.</param>
public sealed record EvmSignedTransaction(byte[] Raw, byte[] Hash);
