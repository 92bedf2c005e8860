namespace Arcanum.Crypto.Encoding;

/// <summary>The checksum constant a Bech32 string is built with.</summary>
public enum Bech32Variant
{
    /// <summary>BIP173 Bech32: the checksum residue is 1. Segwit version 0 and Cosmos addresses.</summary>
    Bech32 = 1,

    /// <summary>BIP350 Bech32m: the checksum residue is 0x2bc830a3. Segwit versions 1 to 16 (Taproot).</summary>
    Bech32m = 2,
}
