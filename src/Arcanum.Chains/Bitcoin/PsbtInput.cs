using System.Buffers.Binary;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// One BIP174 per-input map. The fields signing uses are checked and decoded (witness_utxo 0x01,
/// partial_sig 0x02, sighash_type 0x03, bip32_derivation 0x06, final_scriptSig 0x07,
/// final_scriptwitness 0x08, tap_key_sig 0x13, tap_bip32_derivation 0x16, tap_internal_key 0x17,
/// and non_witness_utxo 0x00, which must be the transaction the input spends); every entry,
/// known or not, is kept in wire order.
/// </summary>
public sealed class PsbtInput
{
    /// <summary>Key types of this map (BIP174 "Per-input types").</summary>
    public const byte NonWitnessUtxoType = 0x00, WitnessUtxoType = 0x01, PartialSigType = 0x02, SighashTypeType = 0x03,
        Bip32DerivationType = 0x06, FinalScriptSigType = 0x07, FinalScriptWitnessType = 0x08, TapKeySigType = 0x13,
        TapBip32DerivationType = 0x16, TapInternalKeyType = 0x17;

    // BIP174 Input Finalizer: "All other data except the UTXO and unknown fields in the input key-value
    // map should be cleared from the PSBT." These are the known signing-data types (BIP174, BIP371, BIP373).
    private static readonly byte[] ClearedOnFinalize =
        [0x02, 0x03, 0x04, 0x05, 0x06, 0x0A, 0x0B, 0x0C, 0x0D, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B];

    private readonly List<PsbtPartialSignature> _partialSignatures = [];
    private readonly List<(ReadOnlyMemory<byte> PublicKey, PsbtKeyOrigin Origin)> _bip32 = [];
    private readonly List<(ReadOnlyMemory<byte> XOnlyKey, PsbtKeyOrigin Origin)> _tapBip32 = [];

    private PsbtInput(IReadOnlyList<PsbtEntry> entries) => Entries = entries;

    /// <summary>Every entry of the map, in wire order.</summary>
    public IReadOnlyList<PsbtEntry> Entries { get; }

    /// <summary>PSBT_IN_WITNESS_UTXO: the output this input spends (amount and scriptPubKey).</summary>
    public TxOutput? WitnessUtxo { get; private set; }

    /// <summary>PSBT_IN_NON_WITNESS_UTXO: the whole transaction this input spends.</summary>
    public BitcoinTransaction? NonWitnessUtxo { get; private set; }

    /// <summary>PSBT_IN_PARTIAL_SIG entries.</summary>
    public IReadOnlyList<PsbtPartialSignature> PartialSignatures => _partialSignatures;

    /// <summary>PSBT_IN_SIGHASH_TYPE, if the creator asked for one.</summary>
    public uint? SighashType { get; private set; }

    /// <summary>PSBT_IN_BIP32_DERIVATION entries: public key → key origin.</summary>
    public IReadOnlyList<(ReadOnlyMemory<byte> PublicKey, PsbtKeyOrigin Origin)> Bip32Derivations => _bip32;

    /// <summary>PSBT_IN_FINAL_SCRIPTSIG.</summary>
    public ReadOnlyMemory<byte>? FinalScriptSig { get; private set; }

    /// <summary>PSBT_IN_FINAL_SCRIPTWITNESS as a witness stack.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? FinalScriptWitness { get; private set; }

    /// <summary>PSBT_IN_TAP_KEY_SIG: a 64-byte BIP340 signature, or 65 with a non-default sighash byte.</summary>
    public ReadOnlyMemory<byte>? TapKeySignature { get; private set; }

    /// <summary>PSBT_IN_TAP_INTERNAL_KEY: the 32-byte x-only internal key.</summary>
    public ReadOnlyMemory<byte>? TapInternalKey { get; private set; }

    /// <summary>PSBT_IN_TAP_BIP32_DERIVATION entries: x-only key → key origin (leaf hashes checked, not kept).</summary>
    public IReadOnlyList<(ReadOnlyMemory<byte> XOnlyKey, PsbtKeyOrigin Origin)> TapBip32Derivations => _tapBip32;

    /// <summary>True once a finalizer has set final_scriptSig or final_scriptwitness.</summary>
    public bool IsFinalized => FinalScriptSig is not null || FinalScriptWitness is not null;

    /// <summary>Checks every known field of the map for input <paramref name="index"/> of <paramref name="transaction"/>.</summary>
    public static bool TryCreate(IReadOnlyList<PsbtEntry> entries, BitcoinTransaction transaction, int index, out PsbtInput? input, out string error)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(transaction);
        var created = new PsbtInput(entries);
        foreach (var entry in entries)
        {
            error = created.Read(entry);
            if (error.Length > 0)
            {
                input = null;
                error = $"input {index}: {error}";
                return false;
            }
        }

        error = created.CheckUtxoConsistency(transaction.Inputs[index].PreviousOutput);
        if (error.Length > 0)
        {
            input = null;
            error = $"input {index}: {error}";
            return false;
        }

        input = created;
        return true;
    }

    /// <summary>This map with <paramref name="entry"/> added, or replacing the entry with the same key.</summary>
    internal IReadOnlyList<PsbtEntry> With(PsbtEntry entry) =>
        [.. Entries.Where(e => !e.Key.Span.SequenceEqual(entry.Key.Span)), entry];

    /// <summary>The map after BIP174 finalization with <paramref name="witness"/> as final_scriptwitness.</summary>
    internal IReadOnlyList<PsbtEntry> Finalized(IReadOnlyList<ReadOnlyMemory<byte>> witness)
    {
        var writer = new BitcoinWriter();
        BitcoinTransaction.WriteWitness(writer, witness);
        return [.. Entries.Where(e => !ClearedOnFinalize.Contains(e.Type) && e.Type != FinalScriptWitnessType),
            PsbtEntry.Create(FinalScriptWitnessType, default, writer.ToArray())];
    }

    private string Read(PsbtEntry entry) => entry.Type switch
    {
        NonWitnessUtxoType => ReadSingle(entry, "non_witness_utxo", ReadNonWitnessUtxo),
        WitnessUtxoType => ReadSingle(entry, "witness_utxo", ReadWitnessUtxo),
        PartialSigType => ReadPartialSig(entry),
        SighashTypeType => ReadSingle(entry, "sighash_type", ReadSighashType),
        Bip32DerivationType => ReadBip32(entry),
        FinalScriptSigType => ReadSingle(entry, "final_scriptSig", e => { FinalScriptSig = e.Value.ToArray(); return ""; }),
        FinalScriptWitnessType => ReadSingle(entry, "final_scriptwitness", ReadFinalWitness),
        TapKeySigType => ReadSingle(entry, "tap_key_sig", ReadTapKeySig),
        TapBip32DerivationType => ReadTapBip32(entry),
        TapInternalKeyType => ReadSingle(entry, "tap_internal_key", ReadTapInternalKey),
        >= 0x0E and <= 0x12 => $"key type 0x{entry.Type:x2} exists only in PSBT version 2 (BIP370), not in version 0",
        _ => "",
    };

    private static string ReadSingle(PsbtEntry entry, string field, Func<PsbtEntry, string> read)
    {
        var error = PsbtFieldReader.RequireKeyDataLength(entry, field, 0);
        return error.Length > 0 ? error : read(entry);
    }

    private string ReadNonWitnessUtxo(PsbtEntry entry)
    {
        if (!BitcoinTransaction.TryParse(entry.Value.Span, out var transaction, out var error))
        {
            return $"non_witness_utxo: {error}";
        }

        NonWitnessUtxo = transaction;
        return "";
    }

    private string ReadWitnessUtxo(PsbtEntry entry)
    {
        if (!TxOutput.TryParse(entry.Value.Span, out var output, out var error))
        {
            return $"witness_utxo: {error}";
        }

        WitnessUtxo = output;
        return "";
    }

    private string ReadPartialSig(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireKeyDataLength(entry, "partial_sig", Secp256k1Point.CompressedLength, Secp256k1Point.UncompressedLength);
        if (error.Length > 0)
        {
            return error;
        }

        if (!Secp256k1Point.TryDecodeAny(entry.KeyData, out _))
        {
            return "partial_sig key is not a valid secp256k1 public key";
        }

        // DER (8–72 bytes, BIP66) followed by the sighash byte.
        if (entry.Value.Length is < 9 or > Secp256k1Ecdsa.MaxDerSignatureLength + 1)
        {
            return $"partial_sig value is {entry.Value.Length} bytes, expected a DER signature and a sighash byte (9–73)";
        }

        _partialSignatures.Add(new PsbtPartialSignature(entry.KeyData.ToArray(), entry.Value));
        return "";
    }

    private string ReadSighashType(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireValueLength(entry, "sighash_type", 4);
        if (error.Length == 0)
        {
            SighashType = BinaryPrimitives.ReadUInt32LittleEndian(entry.Value.Span);
        }

        return error;
    }

    private string ReadBip32(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireKeyDataLength(entry, "bip32_derivation", Secp256k1Point.CompressedLength, Secp256k1Point.UncompressedLength);
        if (error.Length > 0)
        {
            return error;
        }

        if (!Secp256k1Point.TryDecodeAny(entry.KeyData, out _))
        {
            return "bip32_derivation key is not a valid secp256k1 public key";
        }

        if (!PsbtFieldReader.TryReadKeyOrigin(entry.Value.Span, "bip32_derivation", out var origin, out error))
        {
            return error;
        }

        _bip32.Add((entry.KeyData.ToArray(), origin!));
        return "";
    }

    private string ReadFinalWitness(PsbtEntry entry)
    {
        if (!PsbtFieldReader.TryReadWitness(entry.Value.Span, "final_scriptwitness", out var witness, out var error))
        {
            return error;
        }

        FinalScriptWitness = witness;
        return "";
    }

    private string ReadTapKeySig(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireValueLength(entry, "tap_key_sig", 64, 65);
        if (error.Length == 0)
        {
            TapKeySignature = entry.Value;
        }

        return error;
    }

    private string ReadTapBip32(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireKeyDataLength(entry, "tap_bip32_derivation", Secp256k1XOnlyPublicKey.Length);
        if (error.Length > 0)
        {
            return error;
        }

        if (!PsbtFieldReader.TryReadTapKeyOrigin(entry.Value.Span, "tap_bip32_derivation", out var origin, out error))
        {
            return error;
        }

        _tapBip32.Add((entry.KeyData.ToArray(), origin!));
        return "";
    }

    private string ReadTapInternalKey(PsbtEntry entry)
    {
        var error = PsbtFieldReader.RequireValueLength(entry, "tap_internal_key", Secp256k1XOnlyPublicKey.Length);
        if (error.Length > 0)
        {
            return error;
        }

        if (!Secp256k1XOnlyPublicKey.TryDecode(entry.Value.Span, out _))
        {
            return "tap_internal_key is not the x coordinate of a curve point";
        }

        TapInternalKey = entry.Value;
        return "";
    }

    /// <summary>
    /// non_witness_utxo must be the transaction the input spends, and when witness_utxo is also present
    /// it must be that transaction's output — otherwise the amounts a signer commits to could be a lie.
    /// </summary>
    private string CheckUtxoConsistency(OutPoint previousOutput)
    {
        if (NonWitnessUtxo is null)
        {
            return "";
        }

        if (!NonWitnessUtxo.ComputeTxid().AsSpan().SequenceEqual(previousOutput.TxidBytes.Span))
        {
            return $"non_witness_utxo has txid {NonWitnessUtxo.TxidHex}, but the input spends {previousOutput.TxidHex}";
        }

        if (previousOutput.Index >= NonWitnessUtxo.Outputs.Count)
        {
            return $"non_witness_utxo has no output {previousOutput.Index}";
        }

        var spent = NonWitnessUtxo.Outputs[(int)previousOutput.Index];
        return WitnessUtxo is not null
            && (WitnessUtxo.Amount != spent.Amount || !WitnessUtxo.ScriptPubKey.Span.SequenceEqual(spent.ScriptPubKey.Span))
            ? "witness_utxo differs from the output of non_witness_utxo it claims to be"
            : "";
    }
}
