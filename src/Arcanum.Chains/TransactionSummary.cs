using System.Numerics;

namespace Arcanum.Chains;

/// <summary>
/// What a transaction moves, as the transaction policy sees it (issue 7, "chain, asset, destination, amount"),
/// computed from the parsed transaction without I/O.
/// </summary>
/// <param name="Asset">
/// <see cref="NativeAsset"/> for the chain's own coin, else the token: the contract address as the chain writes it
/// (EIP-55 for EVM, Base58Check T… for Tron), the denom for Cosmos, the mint for Solana SPL; null when unknown or
/// when the transaction moves more than one asset.
/// </param>
/// <param name="Destinations">Where value goes, in the chain's own address text, each once, in order of first appearance.</param>
/// <param name="Amount">
/// The total moved, in the asset's base units; null when the library cannot tell what the transaction moves
/// (then <paramref name="Destinations"/> lists only the destinations it understood and may be incomplete).
/// </param>
public sealed record TransactionSummary(string? Asset, IReadOnlyList<string> Destinations, BigInteger? Amount)
{
    /// <summary>The asset name of the chain's own coin (BTC, LTC, ETH, SOL, TRX); Cosmos names every coin by its denom instead.</summary>
    public const string NativeAsset = "native";

    /// <summary>A transaction the library cannot summarise at all: asset, destinations and amount unknown.</summary>
    public static TransactionSummary Unknown { get; } = new(null, [], null);
}
