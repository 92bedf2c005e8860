namespace Arcanum.Ledger.Modules.Common;

/// <summary>Decodes a call's canonical arguments; false for anything but exactly one canonical encoding.</summary>
public delegate bool ArgsDecoder<TArgs>(ReadOnlySpan<byte> encoded, out TArgs? args);

/// <summary>
/// The shared dispatch of the modules: a table from call name to (args decoder, handler). A module registers each
/// call once in its constructor with <see cref="Register{TArgs}"/>.
/// </summary>
public abstract class LedgerModule : ILedgerModule
{
    private readonly SortedDictionary<string, CallHandler> _calls = new(StringComparer.Ordinal);

    private delegate CallError? CallHandler(CallContext context, ReadOnlySpan<byte> args);

    public abstract string Name { get; }

    public IReadOnlyList<string> Calls => [.. _calls.Keys];

    public CallError? Execute(CallContext context, string call, ReadOnlySpan<byte> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _calls.TryGetValue(call, out var handler)
            ? handler(context, args)
            : throw new ArgumentException($"{Name} has no call {call}; the executor checks calls first.", nameof(call));
    }

    /// <summary>Adds <paramref name="call"/>: its args decoder and its handler.</summary>
    protected void Register<TArgs>(string call, ArgsDecoder<TArgs> decode, Func<CallContext, TArgs, CallError?> handler)
        where TArgs : class =>
        _calls.Add(call, (context, args) => decode(args, out var decoded) && decoded is not null
            ? handler(context, decoded)
            : new CallError(ErrorCodes.MalformedArgs, $"The args are not a canonical {Name}.{call} encoding."));
}
