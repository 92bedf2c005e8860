using System.Security.Cryptography;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// A Bitcoin (or Litecoin) transaction in its network serialization: nVersion, inputs, outputs,
/// nLockTime, and — in the BIP144 form with marker 0x00 and flag 0x01 — one witness stack per input.
/// Parsing is strict: CompactSize integers canonical, counts bounded by the bytes left, at least one
/// input and one output, no trailing bytes, and a witness form only when some witness is non-empty.
/// </summary>
public sealed record BitcoinTransaction(int Version, IReadOnlyList<TxInput> Inputs, IReadOnlyList<TxOutput> Outputs, uint LockTime)
{
    /// <summary>Largest serialization accepted: the 4,000,000 weight units of a block (BIP141).</summary>
    public const int MaxSerializedLength = 4_000_000;

    // Smallest encodings: an input is 32 + 4 + 1 + 4 bytes, an output 8 + 1, a witness item 1.
    private const int MinInputLength = 41;
    private const int MinOutputLength = 9;

    /// <summary>True when any input has a non-empty witness, so the BIP144 serialization is used.</summary>
    public bool HasWitness => Inputs.Any(input => input.Witness.Count > 0);

    /// <summary>Parses hex; false with a reason naming the field otherwise.</summary>
    public static bool TryParseHex(string hex, out BitcoinTransaction? transaction, out string error)
    {
        transaction = null;
        if (!Hex.TryDecode(hex, out var bytes))
        {
            error = "The transaction is not valid hex.";
            return false;
        }

        return TryParse(bytes, out transaction, out error);
    }

    /// <summary>Parses the network serialization (with or without witnesses); false with a reason naming the field otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out BitcoinTransaction? transaction, out string error)
    {
        transaction = null;
        if (data.Length > MaxSerializedLength)
        {
            error = $"The transaction is {data.Length} bytes, above the limit of {MaxSerializedLength}.";
            return false;
        }

        var reader = new BitcoinReader(data);
        if (!TryRead(ref reader, out transaction))
        {
            error = reader.Error;
            return false;
        }

        if (!reader.IsAtEnd)
        {
            transaction = null;
            reader.Fail($"{reader.Remaining} trailing bytes after the transaction");
            error = reader.Error;
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>The network serialization: BIP144 form when <paramref name="includeWitness"/> and a witness exists.</summary>
    public byte[] Serialize(bool includeWitness = true)
    {
        var writer = new BitcoinWriter();
        var witness = includeWitness && HasWitness;
        writer.WriteUInt32((uint)Version);
        if (witness)
        {
            writer.WriteBytes([0x00, 0x01]);
        }

        writer.WriteCompactSize((ulong)Inputs.Count);
        foreach (var input in Inputs)
        {
            writer.WriteBytes(input.PreviousOutput.TxidBytes.Span);
            writer.WriteUInt32(input.PreviousOutput.Index);
            writer.WriteVarBytes(input.ScriptSig.Span);
            writer.WriteUInt32(input.Sequence);
        }

        writer.WriteCompactSize((ulong)Outputs.Count);
        foreach (var output in Outputs)
        {
            output.Write(writer);
        }

        if (witness)
        {
            foreach (var input in Inputs)
            {
                WriteWitness(writer, input.Witness);
            }
        }

        writer.WriteUInt32(LockTime);
        return writer.ToArray();
    }

    /// <summary>The txid in internal byte order: SHA256d of the serialization without witnesses.</summary>
    public byte[] ComputeTxid() => DoubleSha256(Serialize(includeWitness: false));

    /// <summary>The wtxid in internal byte order: SHA256d of the BIP144 serialization (BIP141 "Transaction ID").</summary>
    public byte[] ComputeWtxid() => DoubleSha256(Serialize());

    /// <summary>The txid as explorers and RPCs print it (byte-reversed hex).</summary>
    public string TxidHex => ToDisplayHex(ComputeTxid());

    /// <summary>A copy of this transaction with input <paramref name="index"/> replaced.</summary>
    public BitcoinTransaction WithInput(int index, TxInput input) =>
        this with { Inputs = [.. Inputs.Select((existing, i) => i == index ? input : existing)] };

    internal static string ToDisplayHex(ReadOnlySpan<byte> internalOrder)
    {
        var reversed = internalOrder.ToArray();
        Array.Reverse(reversed);
        return Hex.Encode(reversed);
    }

    internal static byte[] DoubleSha256(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));

    /// <summary>BIP141 witness serialization: item count, then each item with its length.</summary>
    internal static void WriteWitness(BitcoinWriter writer, IReadOnlyList<ReadOnlyMemory<byte>> witness)
    {
        writer.WriteCompactSize((ulong)witness.Count);
        foreach (var item in witness)
        {
            writer.WriteVarBytes(item.Span);
        }
    }

    internal static bool TryReadWitness(ref BitcoinReader reader, string field, out ReadOnlyMemory<byte>[] witness)
    {
        witness = [];
        if (!reader.TryReadCount($"{field} item count", 1, out var count))
        {
            return false;
        }

        var items = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadVarBytes($"{field} item {i}", BitcoinReader.MaxCompactSize, out var item))
            {
                return false;
            }

            items[i] = item.ToArray();
        }

        witness = items;
        return true;
    }

    private static bool TryRead(ref BitcoinReader reader, out BitcoinTransaction? transaction)
    {
        transaction = null;
        if (!reader.TryReadUInt32("version", out var version))
        {
            return false;
        }

        var segwit = reader.TryPeekByte(out var marker) && marker == 0x00;
        if (segwit)
        {
            reader.TryReadByte("segwit marker", out _);
            if (!reader.TryReadByte("segwit flag", out var flag))
            {
                return false;
            }

            if (flag != 0x01)
            {
                return reader.Fail($"segwit flag is 0x{flag:x2}, BIP144 requires 0x01 (or the transaction has no inputs)");
            }
        }

        if (!TryReadInputs(ref reader, out var inputs) || !TryReadOutputs(ref reader, out var outputs))
        {
            return false;
        }

        if (segwit)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                if (!TryReadWitness(ref reader, $"input {i} witness", out var witness))
                {
                    return false;
                }

                inputs[i] = inputs[i] with { Witness = witness };
            }

            if (inputs.All(input => input.Witness.Count == 0))
            {
                return reader.Fail("the segwit marker is set but every witness is empty (superfluous witness data)");
            }
        }

        if (!reader.TryReadUInt32("locktime", out var lockTime))
        {
            return false;
        }

        transaction = new BitcoinTransaction((int)version, inputs, outputs, lockTime);
        return true;
    }

    private static bool TryReadInputs(ref BitcoinReader reader, out TxInput[] inputs)
    {
        inputs = [];
        if (!reader.TryReadCount("input count", MinInputLength, out var count))
        {
            return false;
        }

        if (count == 0)
        {
            return reader.Fail("the transaction has no inputs");
        }

        var read = new TxInput[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadBytes(OutPoint.TxidLength, $"input {i} previous txid", out var txid)
                || !reader.TryReadUInt32($"input {i} previous index", out var index)
                || !reader.TryReadVarBytes($"input {i} scriptSig", BitcoinReader.MaxCompactSize, out var scriptSig)
                || !reader.TryReadUInt32($"input {i} sequence", out var sequence))
            {
                return false;
            }

            read[i] = new TxInput(new OutPoint(txid.ToArray(), index), scriptSig.ToArray(), sequence, []);
        }

        inputs = read;
        return true;
    }

    private static bool TryReadOutputs(ref BitcoinReader reader, out TxOutput[] outputs)
    {
        outputs = [];
        if (!reader.TryReadCount("output count", MinOutputLength, out var count))
        {
            return false;
        }

        if (count == 0)
        {
            return reader.Fail("the transaction has no outputs");
        }

        var read = new TxOutput[count];
        for (var i = 0; i < count; i++)
        {
            if (!TxOutput.TryRead(ref reader, $"output {i}", out var output))
            {
                return false;
            }

            read[i] = output!;
        }

        outputs = read;
        return true;
    }
}
