using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Execution;

/// <summary>
/// The result of executing one transaction: included with the events it emitted, or rejected with a stable
/// reason code (<see cref="Modules.Common.ErrorCodes"/>) and a human sentence. A rejected transaction changed nothing.
/// </summary>
public sealed class TxOutcome
{
    private TxOutcome(bool included, IReadOnlyList<LedgerEvent> events, string? reason, string? detail)
    {
        IsIncluded = included;
        Events = events;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>True when the transaction took effect.</summary>
    public bool IsIncluded { get; }

    /// <summary>The events of an included transaction, in emission order; empty when rejected.</summary>
    public IReadOnlyList<LedgerEvent> Events { get; }

    /// <summary>The stable rejection code, or null when included.</summary>
    public string? Reason { get; }

    /// <summary>A sentence explaining the rejection, or null when included. Not committed to (wording may change).</summary>
    public string? Detail { get; }

    /// <summary>An included transaction.</summary>
    public static TxOutcome Included(IReadOnlyList<LedgerEvent> events) => new(true, events, null, null);

    /// <summary>A rejected transaction.</summary>
    public static TxOutcome Rejected(string reason, string detail) => new(false, [], reason, detail);

    /// <summary>
    /// The canonical encoding committed to by the block's eventsRoot: <c>0x01 ‖ u32(count) ‖ event*</c> when included,
    /// <c>0x00 ‖ str(reason)</c> when rejected (the detail sentence is not committed to).
    /// </summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter();
        if (!IsIncluded)
        {
            return writer.WriteByte(0).WriteString(Reason!).ToArray();
        }
        writer.WriteByte(1).WriteUInt32((uint)Events.Count);
        foreach (var ledgerEvent in Events)
        {
            ledgerEvent.WriteTo(writer);
        }
        return writer.ToArray();
    }

    public override string ToString() => IsIncluded ? $"included ({Events.Count} events)" : $"rejected: {Reason} ({Detail})";
}
