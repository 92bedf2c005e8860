namespace Arcanum.Chains.Bitcoin;

/// <summary>The concatenations BIP143 and BIP341 hash: all outpoints, all nSequence values, all outputs, all amounts, all scriptPubKeys.</summary>
internal static class SighashParts
{
    public static byte[] Prevouts(BitcoinTransaction transaction)
    {
        var writer = new BitcoinWriter();
        foreach (var input in transaction.Inputs)
        {
            writer.WriteBytes(input.PreviousOutput.TxidBytes.Span);
            writer.WriteUInt32(input.PreviousOutput.Index);
        }

        return writer.ToArray();
    }

    public static byte[] Sequences(BitcoinTransaction transaction)
    {
        var writer = new BitcoinWriter();
        foreach (var input in transaction.Inputs)
        {
            writer.WriteUInt32(input.Sequence);
        }

        return writer.ToArray();
    }

    public static byte[] Outputs(IEnumerable<TxOutput> outputs)
    {
        var writer = new BitcoinWriter();
        foreach (var output in outputs)
        {
            output.Write(writer);
        }

        return writer.ToArray();
    }

    public static byte[] Amounts(IEnumerable<TxOutput> spent)
    {
        var writer = new BitcoinWriter();
        foreach (var output in spent)
        {
            writer.WriteUInt64((ulong)output.Amount);
        }

        return writer.ToArray();
    }

    public static byte[] ScriptPubKeys(IEnumerable<TxOutput> spent)
    {
        var writer = new BitcoinWriter();
        foreach (var output in spent)
        {
            writer.WriteVarBytes(output.ScriptPubKey.Span);
        }

        return writer.ToArray();
    }
}
