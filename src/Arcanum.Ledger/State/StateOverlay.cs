namespace Arcanum.Ledger.State;

/// <summary>
/// A view layered over another <see cref="IStateView"/>: the unit of undo for one transaction. Its writes reach the
/// view below only on <see cref="Commit"/>; a rejected transaction's overlay is discarded or dropped and leaves the
/// view below exactly as it was. Overlays nest to any depth.
/// </summary>
public sealed class StateOverlay : BufferedStateView
{
    private readonly IStateView _below;

    /// <summary>An overlay with no writes over <paramref name="below"/>.</summary>
    public StateOverlay(IStateView below)
    {
        ArgumentNullException.ThrowIfNull(below);
        _below = below;
    }

    /// <summary>Writes this overlay's writes (in key order) into the view below and empties the overlay.</summary>
    public void Commit()
    {
        foreach (var (key, value) in PendingWrites())
        {
            _below.Set(key, value);
        }

        Discard();
    }

    /// <inheritdoc/>
    protected override byte[]? ReadBelow(ReadOnlySpan<byte> key) => _below.Get(key);
}
