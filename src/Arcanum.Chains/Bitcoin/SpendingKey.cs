using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Bitcoin;

/// <summary>How one kind of output is signed for: its scriptPubKey, its sighash, and the PSBT entry of its signature.</summary>
internal abstract class SpendingKey
{
    public abstract string Description { get; }

    public abstract ReadOnlySpan<byte> ScriptPubKey { get; }

    public abstract bool TryCreateItem(Psbt psbt, int index, IReadOnlyList<TxOutput> spent, out BitcoinSigningItem? item, out string error);

    /// <summary>Checks <paramref name="signature"/> against the item and returns the PSBT entry that records it.</summary>
    public abstract bool TryRecord(BitcoinSigningItem item, ReadOnlySpan<byte> signature, out PsbtEntry? entry, out string error);
}

/// <summary>P2WPKH (BIP141): BIP143 sighash, low-S ECDSA, partial_sig.</summary>
internal sealed class P2wpkhKey : SpendingKey
{
    private readonly Secp256k1Point _publicKey;
    private readonly byte[] _compressed = new byte[Secp256k1Point.CompressedLength];
    private readonly byte[] _scriptPubKey;
    private readonly byte[] _scriptCode;

    public P2wpkhKey(Secp256k1Point publicKey)
    {
        _publicKey = publicKey;
        publicKey.Encode(_compressed);
        var keyHash = BitcoinScripts.KeyHash(publicKey);
        _scriptPubKey = BitcoinScripts.P2wpkh(publicKey);
        _scriptCode = Bip143Sighash.P2wpkhScriptCode(keyHash);
    }

    public override string Description => "P2WPKH";

    public override ReadOnlySpan<byte> ScriptPubKey => _scriptPubKey;

    public override bool TryCreateItem(Psbt psbt, int index, IReadOnlyList<TxOutput> spent, out BitcoinSigningItem? item, out string error)
    {
        item = null;
        var requested = psbt.Inputs[index].SighashType ?? SighashType.All;
        if (requested != SighashType.All)
        {
            error = $"sighash type 0x{requested:x2} is not supported for P2WPKH; only SIGHASH_ALL (0x01) is signed";
            return false;
        }

        if (!Bip143Sighash.TryCompute(psbt.UnsignedTransaction, index, _scriptCode, spent[index].Amount, requested, out var sighash, out error))
        {
            return false;
        }

        item = new BitcoinSigningItem(index, new SigningItem(sighash, SignatureKind.EcdsaSecp256k1), SighashType.All, ReadOnlyMemory<byte>.Empty);
        return true;
    }

    public override bool TryRecord(BitcoinSigningItem item, ReadOnlySpan<byte> signature, out PsbtEntry? entry, out string error)
    {
        entry = null;
        // The threshold ECDSA output is r ‖ s, optionally followed by the recovery id, which Bitcoin does not use.
        if (signature.Length is not (Secp256k1Ecdsa.SignatureLength or Secp256k1Ecdsa.SignatureLength + 1))
        {
            error = $"an ECDSA signature is 64 bytes (r ‖ s) or 65 with a recovery id, not {signature.Length}";
            return false;
        }

        var compact = signature[..Secp256k1Ecdsa.SignatureLength];
        if (!Secp256k1Ecdsa.Verify(_publicKey, item.Item.Payload.Span, compact))
        {
            error = "the ECDSA signature does not verify under the key for this input's BIP143 sighash (or its s is high, BIP146 LOW_S)";
            return false;
        }

        Span<byte> der = stackalloc byte[Secp256k1Ecdsa.MaxDerSignatureLength];
        Secp256k1Ecdsa.TryConvertCompactToDer(compact, der, out var length);
        entry = PsbtEntry.Create(PsbtInput.PartialSigType, _compressed, [.. der[..length], item.SighashType]);
        error = "";
        return true;
    }
}

/// <summary>P2TR key path (BIP341, BIP86): BIP341 sighash, BIP340 under Q, tap_key_sig.</summary>
internal sealed class TaprootKey : SpendingKey
{
    private readonly byte[] _internalKey = new byte[Secp256k1XOnlyPublicKey.Length];
    private readonly TaprootOutputKey _outputKey;
    private readonly byte[] _scriptPubKey;

    public TaprootKey(Secp256k1XOnlyPublicKey internalKey, TaprootOutputKey outputKey)
    {
        internalKey.Encode(_internalKey);
        _outputKey = outputKey;
        _scriptPubKey = BitcoinScripts.P2tr(outputKey.OutputKey);
    }

    public override string Description => "P2TR (BIP86)";

    public override ReadOnlySpan<byte> ScriptPubKey => _scriptPubKey;

    public override bool TryCreateItem(Psbt psbt, int index, IReadOnlyList<TxOutput> spent, out BitcoinSigningItem? item, out string error)
    {
        item = null;
        var input = psbt.Inputs[index];
        if (input.TapInternalKey is { } declared && !declared.Span.SequenceEqual(_internalKey))
        {
            error = "tap_internal_key is not this key's internal key";
            return false;
        }

        var requested = input.SighashType ?? SighashType.Default;
        if (requested is not (SighashType.Default or SighashType.All))
        {
            error = $"sighash type 0x{requested:x2} is not supported for P2TR; only SIGHASH_DEFAULT (0x00) and SIGHASH_ALL (0x01) are signed";
            return false;
        }

        if (!Bip341Sighash.TryCompute(psbt.UnsignedTransaction, index, spent, (byte)requested, out var sighash, out error))
        {
            return false;
        }

        item = new BitcoinSigningItem(index, new SigningItem(sighash, SignatureKind.Bip340Taproot), (byte)requested, _outputKey.Tweak);
        return true;
    }

    public override bool TryRecord(BitcoinSigningItem item, ReadOnlySpan<byte> signature, out PsbtEntry? entry, out string error)
    {
        entry = null;
        if (!_outputKey.OutputKey.Verify(item.Item.Payload.Span, signature))
        {
            error = "the BIP340 signature does not verify under the tweaked output key for this input's BIP341 sighash";
            return false;
        }

        // BIP341: a 64-byte signature means SIGHASH_DEFAULT; any other type is appended as a 65th byte.
        entry = PsbtEntry.Create(PsbtInput.TapKeySigType, default,
            item.SighashType == SighashType.Default ? signature : [.. signature, item.SighashType]);
        error = "";
        return true;
    }
}
