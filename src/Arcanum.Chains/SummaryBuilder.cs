using System.Numerics;

namespace Arcanum.Chains;

/// <summary>
/// Collects the transfers a transaction makes into a <see cref="TransactionSummary"/>: one asset and its sum
/// when every transfer moves the same asset and everything else in the transaction was understood; otherwise
/// the amount is unknown, and the asset too when transfers move different assets.
/// </summary>
internal sealed class SummaryBuilder
{
    private readonly string? _assetWhenNothingMoves;
    private readonly List<string> _destinations = [];
    private readonly List<string> _assets = [];
    private BigInteger _sum;
    private bool _amountUnknown;

    /// <param name="assetWhenNothingMoves">The asset of a fully understood transaction without transfers (its amount is zero).</param>
    public SummaryBuilder(string? assetWhenNothingMoves) => _assetWhenNothingMoves = assetWhenNothingMoves;

    /// <summary>A transfer of <paramref name="amount"/> base units of <paramref name="asset"/> to <paramref name="destination"/>.</summary>
    public void AddTransfer(string asset, string destination, BigInteger amount)
    {
        if (!_assets.Contains(asset, StringComparer.Ordinal))
        {
            _assets.Add(asset);
        }

        AddDestination(destination);
        _sum += amount;
    }

    /// <summary>A destination value goes to, by an amount the library cannot tell (the amount becomes unknown).</summary>
    public void AddUnknownTransfer(string destination)
    {
        AddDestination(destination);
        MarkAmountUnknown();
    }

    /// <summary>Something in the transaction was not understood, so what it moves is unknown.</summary>
    public void MarkAmountUnknown() => _amountUnknown = true;

    /// <summary>The summary of everything added.</summary>
    public TransactionSummary Build()
    {
        var asset = _assets.Count switch
        {
            0 => _amountUnknown ? null : _assetWhenNothingMoves,
            1 => _assets[0],
            _ => null,
        };
        var amount = _amountUnknown || _assets.Count > 1 ? (BigInteger?)null : _sum;
        return new TransactionSummary(asset, _destinations.ToArray(), amount);
    }

    private void AddDestination(string destination)
    {
        if (!_destinations.Contains(destination, StringComparer.Ordinal))
        {
            _destinations.Add(destination);
        }
    }
}
