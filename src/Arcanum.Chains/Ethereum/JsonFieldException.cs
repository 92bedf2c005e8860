namespace Arcanum.Chains.Ethereum;

/// <summary>
/// A field-level failure inside the recursive JSON readers (<see cref="EvmTransactionJson"/>, <see cref="TypedData"/>).
/// Each public Try method catches it and returns its message as the error, so it never leaves the library.
/// </summary>
internal sealed class JsonFieldException(string message) : Exception(message);
