namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// A Bitcoin-family network: its name in the API, the BIP173 human-readable part of its segwit
/// addresses, and the BIP32 version bytes of its extended public keys.
/// </summary>
public sealed record BitcoinNetwork(string Name, string Bech32Hrp, uint ExtendedPublicKeyVersion);

/// <summary>The supported networks (hrp and xpub versions as in each project's chainparams).</summary>
public static class Networks
{
    /// <summary>BIP32's mainnet "xpub" version bytes.</summary>
    public const uint MainnetXpubVersion = 0x0488_B21E;

    /// <summary>BIP32's testnet "tpub" version bytes, shared by testnet, signet and regtest.</summary>
    public const uint TestnetXpubVersion = 0x0435_87CF;

    /// <summary>Bitcoin mainnet: bc1… addresses, xpub.</summary>
    public static BitcoinNetwork Bitcoin { get; } = new("bitcoin", "bc", MainnetXpubVersion);

    /// <summary>Bitcoin testnet: tb1… addresses, tpub.</summary>
    public static BitcoinNetwork BitcoinTestnet { get; } = new("bitcoin-testnet", "tb", TestnetXpubVersion);

    /// <summary>Bitcoin signet (BIP325): tb1… addresses, tpub.</summary>
    public static BitcoinNetwork BitcoinSignet { get; } = new("bitcoin-signet", "tb", TestnetXpubVersion);

    /// <summary>Bitcoin regtest: bcrt1… addresses, tpub.</summary>
    public static BitcoinNetwork BitcoinRegtest { get; } = new("bitcoin-regtest", "bcrt", TestnetXpubVersion);

    /// <summary>
    /// Litecoin mainnet: ltc1… addresses. Litecoin Core's chainparams use Bitcoin's xpub version bytes
    /// (some wallets print "Ltub" 0x019DA462 instead; Core is followed here).
    /// </summary>
    public static BitcoinNetwork Litecoin { get; } = new("litecoin", "ltc", MainnetXpubVersion);

    /// <summary>Every supported network.</summary>
    public static IReadOnlyList<BitcoinNetwork> All { get; } = [Bitcoin, BitcoinTestnet, BitcoinSignet, BitcoinRegtest, Litecoin];

    /// <summary>The network called <paramref name="name"/> (as in the API's <c>chain</c> parameter), or false.</summary>
    public static bool TryGet(string name, out BitcoinNetwork? network)
    {
        network = All.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
        return network is not null;
    }
}
