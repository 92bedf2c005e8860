using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// The single-SHA-256 digests BIP341 "Common signature message" shares between inputs: sha_prevouts,
/// sha_amounts, sha_scriptpubkeys, sha_sequences and sha_outputs.
/// </summary>
public sealed record Bip341SharedHashes(byte[] Prevouts, byte[] Amounts, byte[] ScriptPubKeys, byte[] Sequences, byte[] Outputs);

/// <summary>
/// The BIP341 signature hash for a taproot key-path spend: hash_TapSighash(0x00 ‖ SigMsg(hash_type, 0))
/// with no annex (ext_flag 0, spend_type 0), for every hash type BIP341 defines.
/// </summary>
public static class Bip341Sighash
{
    /// <summary>The shared digests over every input (<paramref name="spentOutputs"/> in input order) and every output.</summary>
    public static Bip341SharedHashes ComputeSharedHashes(BitcoinTransaction transaction, IReadOnlyList<TxOutput> spentOutputs)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new Bip341SharedHashes(
            SHA256.HashData(SighashParts.Prevouts(transaction)),
            SHA256.HashData(SighashParts.Amounts(spentOutputs)),
            SHA256.HashData(SighashParts.ScriptPubKeys(spentOutputs)),
            SHA256.HashData(SighashParts.Sequences(transaction)),
            SHA256.HashData(SighashParts.Outputs(transaction.Outputs)));
    }

    /// <summary>
    /// SigMsg(hash_type, ext_flag = 0) of BIP341 "Common signature message" for input <paramref name="inputIndex"/>;
    /// false for an undefined hash type, a wrong number of spent outputs, or SIGHASH_SINGLE without a matching output.
    /// </summary>
    public static bool TryComputeSigMsg(BitcoinTransaction transaction, int inputIndex, IReadOnlyList<TxOutput> spentOutputs,
        byte hashType, out byte[] sigMsg, out string error)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        sigMsg = [];
        error = Check(transaction, inputIndex, spentOutputs, hashType);
        if (error.Length > 0)
        {
            return false;
        }

        var anyoneCanPay = SighashType.IsAnyoneCanPay(hashType);
        var mode = SighashType.OutputMode(hashType);
        var shared = ComputeSharedHashes(transaction, spentOutputs);
        var writer = new BitcoinWriter();
        writer.WriteByte(hashType);
        writer.WriteUInt32((uint)transaction.Version);
        writer.WriteUInt32(transaction.LockTime);
        if (!anyoneCanPay)
        {
            writer.WriteBytes(shared.Prevouts);
            writer.WriteBytes(shared.Amounts);
            writer.WriteBytes(shared.ScriptPubKeys);
            writer.WriteBytes(shared.Sequences);
        }

        if (mode is not (SighashType.None or SighashType.Single))
        {
            writer.WriteBytes(shared.Outputs);
        }

        writer.WriteByte(0x00); // spend_type = ext_flag·2 + annex_present = 0
        var input = transaction.Inputs[inputIndex];
        if (anyoneCanPay)
        {
            writer.WriteBytes(input.PreviousOutput.TxidBytes.Span);
            writer.WriteUInt32(input.PreviousOutput.Index);
            spentOutputs[inputIndex].Write(writer);
            writer.WriteUInt32(input.Sequence);
        }
        else
        {
            writer.WriteUInt32((uint)inputIndex);
        }

        if (mode == SighashType.Single)
        {
            writer.WriteBytes(SHA256.HashData(transaction.Outputs[inputIndex].Serialize()));
        }

        sigMsg = writer.ToArray();
        return true;
    }

    /// <summary>The 32-byte sighash hash_TapSighash(0x00 ‖ SigMsg) that a BIP340 signature signs.</summary>
    public static bool TryCompute(BitcoinTransaction transaction, int inputIndex, IReadOnlyList<TxOutput> spentOutputs,
        byte hashType, out byte[] sighash, out string error)
    {
        sighash = [];
        if (!TryComputeSigMsg(transaction, inputIndex, spentOutputs, hashType, out var sigMsg, out error))
        {
            return false;
        }

        sighash = TaggedHash.TapSighash.Hash([0x00, .. sigMsg]);
        return true;
    }

    private static string Check(BitcoinTransaction transaction, int inputIndex, IReadOnlyList<TxOutput> spentOutputs, byte hashType)
    {
        if (hashType is not (0x00 or 0x01 or 0x02 or 0x03 or 0x81 or 0x82 or 0x83))
        {
            return $"Hash type 0x{hashType:x2} is not defined by BIP341.";
        }

        if (spentOutputs.Count != transaction.Inputs.Count)
        {
            return $"BIP341 needs the spent output of every input: {spentOutputs.Count} given for {transaction.Inputs.Count} inputs.";
        }

        if (inputIndex < 0 || inputIndex >= transaction.Inputs.Count)
        {
            return $"Input index {inputIndex} is out of range: the transaction has {transaction.Inputs.Count} inputs.";
        }

        return SighashType.OutputMode(hashType) == SighashType.Single && inputIndex >= transaction.Outputs.Count
            ? $"SIGHASH_SINGLE on input {inputIndex} has no output at that index (BIP341 forbids it)."
            : "";
    }
}
