namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// The items to sign for one PSBT and key (from <see cref="BitcoinSigner"/>), and the step that puts
/// the signatures back: partial_sig / tap_key_sig entries, then — when every input of the PSBT is
/// signed — BIP174 finalization and extraction of the network transaction.
/// </summary>
public sealed class BitcoinSigningPlan
{
    private readonly SpendingKey _key;

    internal BitcoinSigningPlan(Psbt psbt, SpendingKey key, IReadOnlyList<BitcoinSigningItem> items)
    {
        Psbt = psbt;
        _key = key;
        Items = items;
    }

    /// <summary>The PSBT as given.</summary>
    public Psbt Psbt { get; }

    /// <summary>One item per input of ours, in input order.</summary>
    public IReadOnlyList<BitcoinSigningItem> Items { get; }

    /// <summary>
    /// What the transaction moves, for the transaction policy: the native coin, to every output that does not pay
    /// back to this key's own scriptPubKey (change), by the sum of those outputs in base units. Addresses are
    /// written for <paramref name="network"/> by <see cref="BitcoinScripts.ToAddress"/>; the fee is not counted.
    /// </summary>
    public TransactionSummary Summarize(BitcoinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var summary = new SummaryBuilder(TransactionSummary.NativeAsset);
        foreach (var output in Psbt.UnsignedTransaction.Outputs)
        {
            if (!output.ScriptPubKey.Span.SequenceEqual(_key.ScriptPubKey))
            {
                summary.AddTransfer(TransactionSummary.NativeAsset, BitcoinScripts.ToAddress(network, output.ScriptPubKey.Span), output.Amount);
            }
        }

        return summary.Build();
    }

    /// <summary>
    /// Records one signature per item (same order): ECDSA as 64-byte r ‖ s (a 65th recovery-id byte is
    /// ignored), BIP340 as 64 bytes. Each signature is verified against its sighash before it is used;
    /// false, naming the item, if one does not verify.
    /// </summary>
    public bool TryComplete(IReadOnlyList<ReadOnlyMemory<byte>> signatures, out BitcoinSigningResult? result, out string error)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        result = null;
        if (signatures.Count != Items.Count)
        {
            error = $"{signatures.Count} signatures for {Items.Count} signing items.";
            return false;
        }

        var psbt = Psbt;
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            if (!_key.TryRecord(item, signatures[i].Span, out var entry, out error))
            {
                error = $"item {i} (input {item.InputIndex}): {error}";
                return false;
            }

            psbt = psbt.WithInput(item.InputIndex, psbt.Inputs[item.InputIndex].With(entry!));
        }

        var witnesses = psbt.Inputs.Select(PsbtFinalizer.FinalWitness).ToList();
        if (witnesses.Contains(null))
        {
            result = new BitcoinSigningResult(psbt, null, null);
            error = "";
            return true;
        }

        for (var index = 0; index < witnesses.Count; index++)
        {
            if (!psbt.Inputs[index].IsFinalized)
            {
                psbt = psbt.WithInput(index, psbt.Inputs[index].Finalized(witnesses[index]!));
            }
        }

        psbt.TryExtract(out var transaction, out error);
        result = new BitcoinSigningResult(psbt, Convert.ToHexStringLower(transaction!.Serialize()), transaction.TxidHex);
        return true;
    }
}
