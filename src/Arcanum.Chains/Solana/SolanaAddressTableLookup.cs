namespace Arcanum.Chains.Solana;

/// <summary>
/// A v0 address-table lookup (SIMD-0093 / Solana docs "Versioned Transactions"): the table's address and the
/// indices loaded from it as writable and as read-only accounts.
/// </summary>
public sealed record SolanaAddressTableLookup(ReadOnlyMemory<byte> AccountKey, ReadOnlyMemory<byte> WritableIndexes, ReadOnlyMemory<byte> ReadonlyIndexes);
