namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// What must be signed for one PSBT input. For <see cref="SignatureKind.Bip340Taproot"/> the signature
/// must verify under the taproot <em>output</em> key Q = P + t·G (BIP341 "Constructing and spending
/// Taproot outputs", BIP86): the holder of the internal key P signs with its secret tweaked by
/// <see cref="TaprootTweak"/> t (taproot_tweak_seckey), which a threshold signer applies to its group key.
/// For <see cref="SignatureKind.EcdsaSecp256k1"/> the tweak is empty and the signature is under the key itself.
/// </summary>
/// <param name="InputIndex">The input of the unsigned transaction this item signs.</param>
/// <param name="Item">The 32-byte sighash and the signature kind.</param>
/// <param name="SighashType">The sighash type committed to (0x01 ALL, or 0x00 DEFAULT for taproot).</param>
/// <param name="TaprootTweak">The 32-byte t = hash_TapTweak(P) for taproot items; empty otherwise.</param>
public sealed record BitcoinSigningItem(int InputIndex, SigningItem Item, byte SighashType, ReadOnlyMemory<byte> TaprootTweak);

/// <summary>
/// The outcome of <see cref="BitcoinSigningPlan.TryComplete"/>: the PSBT with our signatures, and — when
/// every input is then signed — the finalized network transaction in hex and its txid.
/// </summary>
public sealed record BitcoinSigningResult(Psbt Psbt, string? SignedTransactionHex, string? Txid)
{
    /// <summary>The signed PSBT in base64.</summary>
    public string PsbtBase64 => Psbt.ToBase64();
}
