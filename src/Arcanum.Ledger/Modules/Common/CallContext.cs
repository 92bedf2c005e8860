using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Modules.Common;

/// <summary>
/// What a module call sees: the (buffered) state, the verified sender, the block, and where to put its events.
/// A call reads no other clock than <see cref="Block"/> and no randomness.
/// </summary>
public sealed class CallContext(IStateView state, AccountId sender, BlockContext block)
{
    private readonly List<LedgerEvent> _events = [];

    /// <summary>The state the call reads and writes; discarded if the call fails.</summary>
    public IStateView State { get; } = state;

    /// <summary>The account that signed the transaction.</summary>
    public AccountId Sender { get; } = sender;

    /// <summary>The block being executed.</summary>
    public BlockContext Block { get; } = block;

    /// <summary>The events emitted so far, in order.</summary>
    public IReadOnlyList<LedgerEvent> Events => _events;

    /// <summary>Records an event of <paramref name="module"/>.</summary>
    public void Emit(string module, string name, params EventAttribute[] attributes) => _events.Add(new LedgerEvent(module, name, attributes));
}
