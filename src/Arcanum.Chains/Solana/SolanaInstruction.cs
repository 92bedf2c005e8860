namespace Arcanum.Chains.Solana;

/// <summary>
/// A compiled instruction (Solana docs, "Transactions › Compact Instruction"): the program's index in the
/// account list, the indices of the accounts it touches, and its opaque data.
/// </summary>
public sealed record SolanaInstruction(byte ProgramIdIndex, ReadOnlyMemory<byte> AccountIndexes, ReadOnlyMemory<byte> Data);
