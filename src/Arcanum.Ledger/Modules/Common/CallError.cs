namespace Arcanum.Ledger.Modules.Common;

/// <summary>Why a module call refused a transaction: a stable code from <see cref="ErrorCodes"/> and a sentence.</summary>
public sealed record CallError(string Code, string Detail);
