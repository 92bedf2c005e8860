namespace Arcanum.Storage.Ledger;

/// <summary>
/// The committed head of one copy of the ledger: the last block height this copy executed to and the state root it
/// produced (a root of the sparse Merkle tree in the same database).
/// </summary>
/// <param name="Height">The block height, 0 for genesis.</param>
/// <param name="Root">The 32-byte state root after that block.</param>
public sealed record LedgerHead(long Height, byte[] Root);
