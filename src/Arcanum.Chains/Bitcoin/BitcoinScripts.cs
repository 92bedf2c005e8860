using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Bitcoin;

/// <summary>The scriptPubKeys and addresses of the two output types signed here (BIP141 P2WPKH, BIP341/BIP86 P2TR).</summary>
public static class BitcoinScripts
{
    /// <summary>The prefix of <see cref="ToAddress"/> for a script that has no address form.</summary>
    public const string ScriptPrefix = "script:";

    /// <summary>
    /// The address that <paramref name="scriptPubKey"/> pays, on <paramref name="network"/>: P2PKH
    /// (OP_DUP OP_HASH160 &lt;20&gt; OP_EQUALVERIFY OP_CHECKSIG) and P2SH (BIP16: OP_HASH160 &lt;20&gt; OP_EQUAL) in
    /// Base58Check with the network's version byte; P2WPKH, P2WSH (BIP141: OP_0 &lt;20|32&gt;) in bech32 (BIP173);
    /// P2TR (BIP341: OP_1 &lt;32&gt;) in bech32m (BIP350). Any other script is <c>script:</c> and its lowercase hex.
    /// </summary>
    public static string ToAddress(BitcoinNetwork network, ReadOnlySpan<byte> scriptPubKey)
    {
        ArgumentNullException.ThrowIfNull(network);
        return scriptPubKey switch
        {
            [0x76, 0xA9, 0x14, .., 0x88, 0xAC] when scriptPubKey.Length == 25 => Base58Check.Encode([network.P2pkhVersion, .. scriptPubKey[3..23]]),
            [0xA9, 0x14, .., 0x87] when scriptPubKey.Length == 23 => Base58Check.Encode([network.P2shVersion, .. scriptPubKey[2..22]]),
            [0x00, 0x14, ..] when scriptPubKey.Length == 22 => SegwitAddress.Encode(network.Bech32Hrp, 0, scriptPubKey[2..]),
            [0x00, 0x20, ..] when scriptPubKey.Length == 34 => SegwitAddress.Encode(network.Bech32Hrp, 0, scriptPubKey[2..]),
            [0x51, 0x20, ..] when scriptPubKey.Length == 34 => SegwitAddress.Encode(network.Bech32Hrp, 1, scriptPubKey[2..]),
            _ => ScriptPrefix + Convert.ToHexStringLower(scriptPubKey),
        };
    }

    /// <summary>P2WPKH: OP_0 &lt;HASH160(compressed pubkey)&gt; (BIP141 "P2WPKH").</summary>
    public static byte[] P2wpkh(Secp256k1Point publicKey) => [0x00, 0x14, .. KeyHash(publicKey)];

    /// <summary>P2TR: OP_1 &lt;32-byte x-only output key&gt; (BIP341 "Script validation rules").</summary>
    public static byte[] P2tr(Secp256k1XOnlyPublicKey outputKey)
    {
        ArgumentNullException.ThrowIfNull(outputKey);
        var script = new byte[34];
        script[0] = 0x51;
        script[1] = 0x20;
        outputKey.Encode(script.AsSpan(2));
        return script;
    }

    /// <summary>HASH160 of the 33-byte compressed key (BIP143 requires compressed keys for P2WPKH).</summary>
    public static byte[] KeyHash(Secp256k1Point publicKey)
    {
        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("The identity has no encoding.", nameof(publicKey));
        }

        Span<byte> compressed = stackalloc byte[Secp256k1Point.CompressedLength];
        publicKey.Encode(compressed);
        return Hash160.Hash(compressed);
    }

    /// <summary>The bech32 (BIP173) P2WPKH address of <paramref name="publicKey"/> on <paramref name="network"/>.</summary>
    public static string P2wpkhAddress(BitcoinNetwork network, Secp256k1Point publicKey)
    {
        ArgumentNullException.ThrowIfNull(network);
        return SegwitAddress.Encode(network.Bech32Hrp, 0, KeyHash(publicKey));
    }

    /// <summary>The bech32m (BIP350) P2TR address of the BIP86 output key of <paramref name="internalKey"/>.</summary>
    public static string P2trAddress(BitcoinNetwork network, Secp256k1XOnlyPublicKey internalKey) =>
        P2trAddress(network, Taproot.Bip86(internalKey));

    /// <summary>The bech32m (BIP350) P2TR address of an already tweaked output key.</summary>
    public static string P2trAddress(BitcoinNetwork network, TaprootOutputKey outputKey)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(outputKey);
        return SegwitAddress.Encode(network.Bech32Hrp, 1, P2tr(outputKey.OutputKey).AsSpan(2));
    }
}
