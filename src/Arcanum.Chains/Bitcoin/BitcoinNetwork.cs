namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// A Bitcoin-family network: its name in the API, the BIP173 human-readable part of its segwit
/// addresses, the BIP32 version bytes of its extended public keys, and the Base58Check version bytes of
/// its legacy P2PKH and P2SH addresses (each project's chainparams: PUBKEY_ADDRESS, SCRIPT_ADDRESS).
/// </summary>
public sealed record BitcoinNetwork(string Name, string Bech32Hrp, uint ExtendedPublicKeyVersion, byte P2pkhVersion, byte P2shVersion);

/// <summary>The supported networks (hrp and xpub versions as in each project's chainparams).</summary>
public static class Networks
{
    /// <summary>BIP32's mainnet "xpub" version bytes.</summary>
    public const uint MainnetXpubVersion = 0x0488_B21E;

    /// <summary>BIP32's testnet "tpub" version bytes, shared by testnet, signet and regtest.</summary>
    public const uint TestnetXpubVersion = 0x0435_87CF;

    /// <summary>Bitcoin mainnet: bc1… addresses, xpub, legacy 1… (0x00) and 3… (0x05).</summary>
    public static BitcoinNetwork Bitcoin { get; } = new("bitcoin", "bc", MainnetXpubVersion, 0x00, 0x05);

    /// <summary>Bitcoin testnet: tb1… addresses, tpub, legacy m/n… (0x6F) and 2… (0xC4).</summary>
    public static BitcoinNetwork BitcoinTestnet { get; } = new("bitcoin-testnet", "tb", TestnetXpubVersion, 0x6F, 0xC4);

    /// <summary>Bitcoin signet (BIP325): tb1… addresses, tpub, testnet's legacy versions.</summary>
    public static BitcoinNetwork BitcoinSignet { get; } = new("bitcoin-signet", "tb", TestnetXpubVersion, 0x6F, 0xC4);

    /// <summary>Bitcoin regtest: bcrt1… addresses, tpub, testnet's legacy versions.</summary>
    public static BitcoinNetwork BitcoinRegtest { get; } = new("bitcoin-regtest", "bcrt", TestnetXpubVersion, 0x6F, 0xC4);

    /// <summary>
    /// Litecoin mainnet: ltc1… addresses, legacy L… (0x30) and M… (0x32, Core's SCRIPT_ADDRESS2, which it writes
    /// for P2SH). Litecoin Core's chainparams use Bitcoin's xpub version bytes (some wallets print "Ltub"
    /// 0x019DA462 instead; Core is followed here).
    /// </summary>
    public static BitcoinNetwork Litecoin { get; } = new("litecoin", "ltc", MainnetXpubVersion, 0x30, 0x32);

    /// <summary>Every supported network.</summary>
    public static IReadOnlyList<BitcoinNetwork> All { get; } = [Bitcoin, BitcoinTestnet, BitcoinSignet, BitcoinRegtest, Litecoin];

    /// <summary>The network called <paramref name="name"/> (as in the API's <c>chain</c> parameter), or false.</summary>
    public static bool TryGet(string name, out BitcoinNetwork? network)
    {
        network = All.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
        return network is not null;
    }
}
