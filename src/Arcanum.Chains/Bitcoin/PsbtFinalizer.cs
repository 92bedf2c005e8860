using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// BIP174 Input Finalizer for the single-key output types signed here: P2WPKH (BIP141 witness
/// [signature, compressed pubkey], from the partial_sig whose key hashes to the witness program) and
/// P2TR key path (BIP341 witness [tap_key_sig]). Signatures made by other signers are placed as given;
/// the network checks them.
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

        var script = input.WitnessUtxo is { } spent ? spent.ScriptPubKey.Span : default;
        if (script.Length == 22 && script[0] == 0x00 && script[1] == 0x14)
        {
            var program = script[2..].ToArray();
            var signature = input.PartialSignatures.FirstOrDefault(s =>
                s.PublicKey.Length == Secp256k1Point.CompressedLength && Hash160.Hash(s.PublicKey.Span).AsSpan().SequenceEqual(program));
            return signature is null ? null : [signature.Signature, signature.PublicKey];
        }

        return script.Length == 34 && script[0] == 0x51 && script[1] == 0x20 && input.TapKeySignature is { } tapSignature
            ? [tapSignature]
            : null;
    }
}
