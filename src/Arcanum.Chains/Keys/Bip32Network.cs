namespace Arcanum.Chains.Keys;

/// <summary>
/// The network an extended public key is for, which fixes its four version bytes
/// (BIP32 "Serialization format": 0x0488B21E for mainnet xpub, 0x043587CF for testnet tpub).
/// </summary>
public enum Bip32Network
{
    /// <summary>Bitcoin mainnet: version 0x0488B21E, Base58Check text starting "xpub".</summary>
    Mainnet,

    /// <summary>Bitcoin testnet (also signet and regtest): version 0x043587CF, text starting "tpub".</summary>
    Testnet,
}
