namespace Arcanum.Chains.Bitcoin;

/// <summary>A reference to an output of an earlier transaction: its txid (internal byte order) and index.</summary>
public sealed record OutPoint(ReadOnlyMemory<byte> TxidBytes, uint Index)
{
    /// <summary>A txid is 32 bytes.</summary>
    public const int TxidLength = 32;

    /// <summary>The txid as explorers print it (byte-reversed hex).</summary>
    public string TxidHex => BitcoinTransaction.ToDisplayHex(TxidBytes.Span);
}

/// <summary>A transaction input: what it spends, its scriptSig, its nSequence and its witness stack (BIP141).</summary>
public sealed record TxInput(OutPoint PreviousOutput, ReadOnlyMemory<byte> ScriptSig, uint Sequence, IReadOnlyList<ReadOnlyMemory<byte>> Witness);

/// <summary>A transaction output: an amount in base units (satoshis, litoshis) and its scriptPubKey.</summary>
public sealed record TxOutput(long Amount, ReadOnlyMemory<byte> ScriptPubKey)
{
    /// <summary>
    /// The largest amount any supported network can hold: Litecoin's 84,000,000 coins of 10⁸ base units
    /// (Bitcoin's own limit, 21,000,000, is smaller). Amounts above it are rejected as out of range.
    /// </summary>
    public const long MaxAmount = 84_000_000L * 100_000_000L;

    /// <summary>CTxOut serialization: 8-byte little-endian amount, CompactSize-prefixed script.</summary>
    public byte[] Serialize()
    {
        var writer = new BitcoinWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Parses exactly one CTxOut (the PSBT witness_utxo value); false with a reason otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out TxOutput? output, out string error)
    {
        var reader = new BitcoinReader(data);
        output = null;
        if (!TryRead(ref reader, "output", out output) || (!reader.IsAtEnd && !reader.Fail("trailing bytes after the output")))
        {
            output = null;
            error = reader.Error;
            return false;
        }

        error = "";
        return true;
    }

    internal void Write(BitcoinWriter writer)
    {
        writer.WriteUInt64((ulong)Amount);
        writer.WriteVarBytes(ScriptPubKey.Span);
    }

    internal static bool TryRead(ref BitcoinReader reader, string field, out TxOutput? output)
    {
        output = null;
        if (!reader.TryReadUInt64($"{field} amount", out var amount))
        {
            return false;
        }

        if (amount > MaxAmount)
        {
            return reader.Fail($"{field} amount {amount} is above the maximum of {MaxAmount}");
        }

        if (!reader.TryReadVarBytes($"{field} scriptPubKey", BitcoinReader.MaxCompactSize, out var script))
        {
            return false;
        }

        output = new TxOutput((long)amount, script.ToArray());
        return true;
    }
}
