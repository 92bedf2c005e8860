using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// The BIP143 signature hash for segwit version 0 inputs ("Specification": the double SHA-256 of
/// nVersion, hashPrevouts, hashSequence, outpoint, scriptCode, amount, nSequence, hashOutputs,
/// nLockTime, nHashType), for every sighash type.
/// </summary>
public static class Bip143Sighash
{
    /// <summary>
    /// BIP143's scriptCode for a P2WPKH input with key hash <paramref name="pubkeyHash"/>:
    /// OP_DUP OP_HASH160 &lt;20 bytes&gt; OP_EQUALVERIFY OP_CHECKSIG.
    /// </summary>
    public static byte[] P2wpkhScriptCode(ReadOnlySpan<byte> pubkeyHash)
    {
        if (pubkeyHash.Length != Hash160.HashSizeInBytes)
        {
            throw new ArgumentException("A P2WPKH key hash is 20 bytes.", nameof(pubkeyHash));
        }

        return [0x76, 0xA9, 0x14, .. pubkeyHash, 0x88, 0xAC];
    }

    /// <summary>
    /// The 32-byte BIP143 hash for input <paramref name="inputIndex"/> spending <paramref name="amount"/>
    /// with <paramref name="scriptCode"/>; false if the index is out of range.
    /// </summary>
    public static bool TryCompute(BitcoinTransaction transaction, int inputIndex, ReadOnlySpan<byte> scriptCode, long amount,
        uint sighashType, out byte[] sighash, out string error)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        sighash = [];
        if (inputIndex < 0 || inputIndex >= transaction.Inputs.Count)
        {
            error = $"Input index {inputIndex} is out of range: the transaction has {transaction.Inputs.Count} inputs.";
            return false;
        }

        var anyoneCanPay = SighashType.IsAnyoneCanPay(sighashType);
        var mode = SighashType.OutputMode(sighashType);
        var input = transaction.Inputs[inputIndex];
        var zero = new byte[32];

        var writer = new BitcoinWriter();
        writer.WriteUInt32((uint)transaction.Version);
        writer.WriteBytes(anyoneCanPay ? zero : BitcoinTransaction.DoubleSha256(SighashParts.Prevouts(transaction)));
        writer.WriteBytes(anyoneCanPay || mode is SighashType.None or SighashType.Single
            ? zero
            : BitcoinTransaction.DoubleSha256(SighashParts.Sequences(transaction)));
        writer.WriteBytes(input.PreviousOutput.TxidBytes.Span);
        writer.WriteUInt32(input.PreviousOutput.Index);
        writer.WriteVarBytes(scriptCode);
        writer.WriteUInt64((ulong)amount);
        writer.WriteUInt32(input.Sequence);
        writer.WriteBytes(mode switch
        {
            SighashType.None => zero,
            SighashType.Single when inputIndex >= transaction.Outputs.Count => zero,
            SighashType.Single => BitcoinTransaction.DoubleSha256(transaction.Outputs[inputIndex].Serialize()),
            _ => BitcoinTransaction.DoubleSha256(SighashParts.Outputs(transaction.Outputs)),
        });
        writer.WriteUInt32(transaction.LockTime);
        writer.WriteUInt32(sighashType);
        sighash = BitcoinTransaction.DoubleSha256(writer.ToArray());
        error = "";
        return true;
    }
}
