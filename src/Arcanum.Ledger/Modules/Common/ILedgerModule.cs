namespace Arcanum.Ledger.Modules.Common;

/// <summary>A ledger module: a name, the calls it knows, and a deterministic function (state, call, args) → (state', events).</summary>
public interface ILedgerModule
{
    /// <summary>The module name transactions use (<c>[a-z_]</c>).</summary>
    string Name { get; }

    /// <summary>The call names, in ordinal order.</summary>
    IReadOnlyList<string> Calls { get; }

    /// <summary>
    /// Decodes <paramref name="args"/> for <paramref name="call"/> (a call in <see cref="Calls"/>) and runs it:
    /// null on success, <see cref="ErrorCodes.MalformedArgs"/> when the args do not decode, else the call's own error.
    /// </summary>
    CallError? Execute(CallContext context, string call, ReadOnlySpan<byte> args);
}
