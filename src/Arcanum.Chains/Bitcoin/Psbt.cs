using System.Buffers.Binary;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// A BIP174 (version 0) partially signed transaction: the global map with the unsigned transaction,
/// one map per input and one per output. Parsing is strict — magic, separators, no duplicate keys,
/// key and value sizes bounded, unsigned transaction without scriptSigs or witnesses, exactly as many
/// input and output maps as the transaction has, no trailing bytes — and every entry, known or not,
/// is written back byte for byte in its original order.
/// </summary>
public sealed class Psbt
{
    /// <summary>The five magic bytes "psbt" 0xFF (BIP174 "Specification").</summary>
    public static ReadOnlySpan<byte> Magic => [0x70, 0x73, 0x62, 0x74, 0xFF];

    /// <summary>Largest PSBT accepted, in bytes (a full block of non_witness_utxo data and more).</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    /// <summary>Largest key accepted: a tap_leaf_script key with a 128-level control block is 4,130 bytes.</summary>
    public const int MaxKeyLength = 8 * 1024;

    /// <summary>Global key types (BIP174 "Global Types").</summary>
    public const byte UnsignedTxType = 0x00, XpubType = 0x01, VersionType = 0xFB;

    private Psbt(IReadOnlyList<PsbtEntry> global, BitcoinTransaction unsignedTransaction, IReadOnlyList<PsbtInput> inputs, IReadOnlyList<IReadOnlyList<PsbtEntry>> outputs)
    {
        GlobalEntries = global;
        UnsignedTransaction = unsignedTransaction;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Every entry of the global map, in wire order.</summary>
    public IReadOnlyList<PsbtEntry> GlobalEntries { get; }

    /// <summary>PSBT_GLOBAL_UNSIGNED_TX.</summary>
    public BitcoinTransaction UnsignedTransaction { get; }

    /// <summary>The per-input maps, one per transaction input.</summary>
    public IReadOnlyList<PsbtInput> Inputs { get; }

    /// <summary>The per-output maps (kept as entries), one per transaction output.</summary>
    public IReadOnlyList<IReadOnlyList<PsbtEntry>> Outputs { get; }

    /// <summary>Parses base64 (RFC 4648, with padding); false with a reason otherwise.</summary>
    public static bool TryParseBase64(string base64, out Psbt? psbt, out string error)
    {
        ArgumentNullException.ThrowIfNull(base64);
        psbt = null;
        if (base64.Length > (MaxLength + 2) / 3 * 4)
        {
            error = $"The PSBT is longer than {MaxLength} bytes.";
            return false;
        }

        var bytes = new byte[base64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || !string.Equals(Convert.ToBase64String(bytes, 0, written), base64, StringComparison.Ordinal))
        {
            error = "The PSBT is not canonical base64.";
            return false;
        }

        return TryParse(bytes.AsSpan(0, written), out psbt, out error);
    }

    /// <summary>Parses the binary form; false with a reason naming the map, field and byte otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Psbt? psbt, out string error)
    {
        psbt = null;
        if (data.Length > MaxLength)
        {
            error = $"The PSBT is {data.Length} bytes, above the limit of {MaxLength}.";
            return false;
        }

        var reader = new BitcoinReader(data);
        if (!reader.TryReadBytes(Magic.Length, "magic", out var magic) || !magic.SequenceEqual(Magic))
        {
            error = "The data does not start with the PSBT magic \"psbt\" 0xFF.";
            return false;
        }

        if (!TryReadMap(ref reader, "global map", out var global))
        {
            error = reader.Error;
            return false;
        }

        error = ReadGlobal(global, out var transaction);
        if (error.Length > 0)
        {
            return false;
        }

        var inputs = new PsbtInput[transaction!.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!TryReadMap(ref reader, $"input {i} map", out var map))
            {
                error = reader.Error;
                return false;
            }

            if (!PsbtInput.TryCreate(map, transaction, i, out var input, out error))
            {
                return false;
            }

            inputs[i] = input!;
        }

        var outputs = new IReadOnlyList<PsbtEntry>[transaction.Outputs.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            if (!TryReadMap(ref reader, $"output {i} map", out outputs[i]))
            {
                error = reader.Error;
                return false;
            }
        }

        if (!reader.IsAtEnd)
        {
            reader.Fail($"{reader.Remaining} trailing bytes after the last output map");
            error = reader.Error;
            return false;
        }

        psbt = new Psbt(global, transaction, inputs, outputs);
        return true;
    }

    /// <summary>The binary form: magic, then each map's entries in order, each map closed by 0x00.</summary>
    public byte[] Serialize()
    {
        var writer = new BitcoinWriter();
        writer.WriteBytes(Magic);
        WriteMap(writer, GlobalEntries);
        foreach (var input in Inputs)
        {
            WriteMap(writer, input.Entries);
        }

        foreach (var output in Outputs)
        {
            WriteMap(writer, output);
        }

        return writer.ToArray();
    }

    /// <summary>The base64 form BIP174 uses for text.</summary>
    public string ToBase64() => Convert.ToBase64String(Serialize());

    /// <summary>
    /// The network transaction built from every input's final_scriptSig and final_scriptwitness (BIP174
    /// Transaction Extractor); false, naming the input, if one is not finalized.
    /// </summary>
    public bool TryExtract(out BitcoinTransaction? transaction, out string error)
    {
        transaction = null;
        var unfinished = Inputs.Select((input, i) => (input, i)).Where(x => !x.input.IsFinalized).Select(x => x.i).ToList();
        if (unfinished.Count > 0)
        {
            error = $"Inputs {string.Join(", ", unfinished)} are not finalized.";
            return false;
        }

        transaction = UnsignedTransaction with
        {
            Inputs = [.. UnsignedTransaction.Inputs.Select((input, i) => input with
            {
                ScriptSig = Inputs[i].FinalScriptSig ?? ReadOnlyMemory<byte>.Empty,
                Witness = Inputs[i].FinalScriptWitness ?? [],
            })],
        };
        error = "";
        return true;
    }

    /// <summary>A copy with input <paramref name="index"/>'s map replaced by <paramref name="entries"/> (checked again).</summary>
    internal Psbt WithInput(int index, IReadOnlyList<PsbtEntry> entries) =>
        PsbtInput.TryCreate(entries, UnsignedTransaction, index, out var input, out var error)
            ? new Psbt(GlobalEntries, UnsignedTransaction, [.. Inputs.Select((existing, i) => i == index ? input! : existing)], Outputs)
            : throw new InvalidOperationException($"An entry built for the PSBT is invalid: {error}");

    private static string ReadGlobal(IReadOnlyList<PsbtEntry> global, out BitcoinTransaction? transaction)
    {
        transaction = null;
        foreach (var entry in global)
        {
            var error = entry.Type switch
            {
                UnsignedTxType => ReadUnsignedTransaction(entry, out transaction),
                XpubType => PsbtFieldReader.RequireKeyDataLength(entry, "global xpub", 78) is { Length: > 0 } e
                    ? e
                    : PsbtFieldReader.TryReadKeyOrigin(entry.Value.Span, "global xpub", out _, out var originError) ? "" : originError,
                VersionType => ReadVersion(entry),
                >= 0x02 and <= 0x06 => $"key type 0x{entry.Type:x2} exists only in PSBT version 2 (BIP370), not in version 0",
                _ => "",
            };
            if (error.Length > 0)
            {
                return $"global map: {error}";
            }
        }

        return transaction is null ? "global map: the unsigned transaction (key type 0x00) is missing" : "";
    }

    private static string ReadUnsignedTransaction(PsbtEntry entry, out BitcoinTransaction? transaction)
    {
        transaction = null;
        var error = PsbtFieldReader.RequireKeyDataLength(entry, "unsigned_tx", 0);
        if (error.Length > 0)
        {
            return error;
        }

        if (!BitcoinTransaction.TryParse(entry.Value.Span, out var parsed, out error))
        {
            return $"unsigned_tx: {error}";
        }

        var signed = parsed!.Inputs.Select((input, i) => (input, i)).FirstOrDefault(x => x.input.ScriptSig.Length > 0 || x.input.Witness.Count > 0);
        if (signed.input is not null)
        {
            return $"unsigned_tx input {signed.i} has a scriptSig or witness; BIP174 requires them empty";
        }

        transaction = parsed;
        return "";
    }

    private static string ReadVersion(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireKeyDataLength(entry, "version", 0);
        if (error.Length == 0)
        {
            error = PsbtFieldReader.RequireValueLength(entry, "version", 4);
        }

        return error.Length > 0 || BinaryPrimitives.ReadUInt32LittleEndian(entry.Value.Span) == 0
            ? error
            : $"version is {BinaryPrimitives.ReadUInt32LittleEndian(entry.Value.Span)}; only PSBT version 0 (BIP174) is supported";
    }

    /// <summary>Reads key-value pairs up to the 0x00 separator; rejects duplicate keys and oversized keys.</summary>
    private static bool TryReadMap(ref BitcoinReader reader, string map, out IReadOnlyList<PsbtEntry> entries)
    {
        var read = new List<PsbtEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        entries = read;
        while (true)
        {
            if (reader.IsAtEnd)
            {
                return reader.Fail($"{map} ends without its 0x00 separator");
            }

            if (!reader.TryReadVarBytes($"{map} key", MaxKeyLength, out var key))
            {
                return false;
            }

            if (key.IsEmpty)
            {
                return true;
            }

            var keyHex = Convert.ToHexStringLower(key);
            if (!keys.Add(keyHex))
            {
                return reader.Fail($"{map} has the key {keyHex} twice");
            }

            if (!reader.TryReadVarBytes($"{map} value of key {keyHex}", MaxLength, out var value))
            {
                return false;
            }

            read.Add(new PsbtEntry(key.ToArray(), value.ToArray()));
        }
    }

    private static void WriteMap(BitcoinWriter writer, IReadOnlyList<PsbtEntry> entries)
    {
        foreach (var entry in entries)
        {
            writer.WriteVarBytes(entry.Key.Span);
            writer.WriteVarBytes(entry.Value.Span);
        }

        writer.WriteByte(0x00);
    }
}
