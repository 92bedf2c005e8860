using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// BIP174 Input Finalizer for the single-key output types signed here: P2WPKH (BIP141 witness
/// [signature, compressed pubkey], from the partial_sig whose key hashes to the witness program) and
/// P2TR key path (BIP341 witness [tap_key_sig]). Signatures already in a PSBT, made by other signers,
/// are verified before anything is signed (<see cref="CheckExistingSignatures"/>).
/// </summary>
internal static class PsbtFinalizer
{
    /// <summary>The input's final witness: its existing one, the one its signatures complete, or null if it is not signed.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>>? FinalWitness(PsbtInput input)
    {
        if (input.IsFinalized)
        {
            return input.FinalScriptWitness ?? [];
        }

        if (P2wpkhSignature(input) is { } signature)
        {
            return [signature.Signature, signature.PublicKey];
        }

        return IsP2tr(Script(input)) && input.TapKeySignature is { } tapSignature ? [tapSignature] : null;
    }

    /// <summary>
    /// Verifies every signature a finalizer would use on a non-finalized input (BIP143 for a P2WPKH
    /// partial_sig, BIP341 for a tap_key_sig) so an invalid one is refused before we add ours.
    /// </summary>
    public static string CheckExistingSignatures(Psbt psbt, IReadOnlyList<TxOutput> spent)
    {
        for (var index = 0; index < psbt.Inputs.Count; index++)
        {
            var error = CheckInput(psbt, index, spent);
            if (error.Length > 0)
            {
                return $"input {index}: {error}";
            }
        }

        return "";
    }

    private static string CheckInput(Psbt psbt, int index, IReadOnlyList<TxOutput> spent)
    {
        var input = psbt.Inputs[index];
        var script = Script(input);
        if (input.IsFinalized)
        {
            return "";
        }

        if (P2wpkhSignature(input) is { } partial)
        {
            var signature = partial.Signature.Span;
            var valid = Secp256k1Point.TryDecode(partial.PublicKey.Span, out var publicKey)
                && Bip143Sighash.TryCompute(psbt.UnsignedTransaction, index, Bip143Sighash.P2wpkhScriptCode(script[2..]),
                    spent[index].Amount, signature[^1], out var sighash, out _)
                && Secp256k1Ecdsa.VerifyDer(publicKey, sighash, signature[..^1]);
            return valid ? "" : "its partial_sig does not verify (BIP143 sighash, low S)";
        }

        if (IsP2tr(script) && input.TapKeySignature is { } tapSignature)
        {
            // BIP341: 64 bytes means SIGHASH_DEFAULT; a 65th byte names the type and must not be 0x00.
            var signature = tapSignature.Span;
            var hashType = signature.Length == Secp256k1XOnlyPublicKey.SignatureLength ? SighashType.Default : signature[^1];
            var valid = (signature.Length == Secp256k1XOnlyPublicKey.SignatureLength || hashType != SighashType.Default)
                && Secp256k1XOnlyPublicKey.TryDecode(script[2..], out var outputKey)
                && Bip341Sighash.TryCompute(psbt.UnsignedTransaction, index, spent, hashType, out var sighash, out _)
                && outputKey.Verify(sighash, signature[..Secp256k1XOnlyPublicKey.SignatureLength]);
            return valid ? "" : "its tap_key_sig does not verify (BIP341 sighash under the output key)";
        }

        return "";
    }

    private static PsbtPartialSignature? P2wpkhSignature(PsbtInput input)
    {
        var script = Script(input);
        if (script.Length != 22 || script[0] != 0x00 || script[1] != 0x14)
        {
            return null;
        }

        var program = script[2..].ToArray();
        return input.PartialSignatures.FirstOrDefault(s =>
            s.PublicKey.Length == Secp256k1Point.CompressedLength && Hash160.Hash(s.PublicKey.Span).AsSpan().SequenceEqual(program));
    }

    private static ReadOnlySpan<byte> Script(PsbtInput input) => input.WitnessUtxo is { } spent ? spent.ScriptPubKey.Span : default;

    private static bool IsP2tr(ReadOnlySpan<byte> script) => script.Length == 34 && script[0] == 0x51 && script[1] == 0x20;
}
