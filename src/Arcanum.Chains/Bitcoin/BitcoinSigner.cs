using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// Plans the signing of a PSBT for one key: finds the inputs whose witness_utxo pays to the key
/// (P2WPKH: OP_0 &lt;HASH160(pubkey)&gt;; P2TR: OP_1 &lt;BIP86 output key&gt;), checks them, and makes one
/// <see cref="BitcoinSigningItem"/> per such input. Inputs that are not ours are left as they are;
/// a PSBT with no input of ours is an error.
/// </summary>
/// <remarks>
/// Checked before anything is signed: every input carries witness_utxo (segwit sighashes sign the
/// amounts, BIP143 and BIP341); the inputs' amounts cover the outputs; the requested sighash type is ALL
/// (P2WPKH) or DEFAULT/ALL (P2TR); a tap_internal_key present on our input is our key; every signature
/// other signers already put in the PSBT (P2WPKH partial_sig, P2TR tap_key_sig) verifies.
/// </remarks>
public static class BitcoinSigner
{
    /// <summary>Plans P2WPKH inputs paying to <paramref name="publicKey"/> (compressed; BIP143 sighash, ECDSA).</summary>
    public static bool TryPlanP2wpkh(Psbt psbt, Secp256k1Point publicKey, out BitcoinSigningPlan? plan, out string error)
    {
        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("The identity is not a public key.", nameof(publicKey));
        }

        return TryPlan(psbt, new P2wpkhKey(publicKey), out plan, out error);
    }

    /// <summary>
    /// Plans P2TR key-path inputs whose output key is the BIP86 tweak of <paramref name="internalKey"/>
    /// (BIP341 sighash, BIP340 signature under the tweaked key).
    /// </summary>
    public static bool TryPlanP2tr(Psbt psbt, Secp256k1XOnlyPublicKey internalKey, out BitcoinSigningPlan? plan, out string error)
    {
        ArgumentNullException.ThrowIfNull(internalKey);
        return TryPlan(psbt, new TaprootKey(internalKey, Taproot.Bip86(internalKey)), out plan, out error);
    }

    private static bool TryPlan(Psbt psbt, SpendingKey key, out BitcoinSigningPlan? plan, out string error)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        plan = null;
        error = CheckInputsAndAmounts(psbt, out var spent);
        if (error.Length == 0)
        {
            error = PsbtFinalizer.CheckExistingSignatures(psbt, spent);
        }

        if (error.Length > 0)
        {
            return false;
        }

        var ours = Enumerable.Range(0, spent.Length)
            .Where(i => spent[i].ScriptPubKey.Span.SequenceEqual(key.ScriptPubKey) && !psbt.Inputs[i].IsFinalized)
            .ToList();
        if (ours.Count == 0)
        {
            error = $"No unsigned input of the PSBT pays to this key's {key.Description} scriptPubKey.";
            return false;
        }

        var items = new List<BitcoinSigningItem>(ours.Count);
        foreach (var index in ours)
        {
            if (!key.TryCreateItem(psbt, index, spent, out var item, out error))
            {
                error = $"input {index}: {error}";
                return false;
            }

            items.Add(item!);
        }

        plan = new BitcoinSigningPlan(psbt, key, items);
        return true;
    }

    /// <summary>Every input needs witness_utxo; the spent amounts must cover the outputs.</summary>
    private static string CheckInputsAndAmounts(Psbt psbt, out TxOutput[] spent)
    {
        var missing = Enumerable.Range(0, psbt.Inputs.Count).Where(i => psbt.Inputs[i].WitnessUtxo is null).ToList();
        spent = [.. psbt.Inputs.Select(input => input.WitnessUtxo!)];
        if (missing.Count > 0)
        {
            return $"Inputs {string.Join(", ", missing)} have no witness_utxo; the amounts being spent must be known to sign (BIP143, BIP341).";
        }

        var inputTotal = spent.Aggregate(Int128.Zero, (sum, output) => sum + output.Amount);
        var outputTotal = psbt.UnsignedTransaction.Outputs.Aggregate(Int128.Zero, (sum, output) => sum + output.Amount);
        return outputTotal > inputTotal
            ? $"The outputs ({outputTotal}) spend more than the inputs ({inputTotal})."
            : "";
    }
}
