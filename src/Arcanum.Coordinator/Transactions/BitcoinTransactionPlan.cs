using System.Text.Json;
using Arcanum.Chains;
using Arcanum.Chains.Bitcoin;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Frost;
using Arcanum.Coordinator.Policy;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// A PSBT (BIP174) to sign: P2WPKH inputs with an ecdsa-secp256k1 key (BIP143 sighash), P2TR key-path inputs
/// with a frost-taproot key (BIP341 sighash under the BIP86 output key). One session per input of ours;
/// <see cref="BitcoinSigner"/> checks everything else first (witness_utxo on every input, amounts, sighash types,
/// signatures already present).
/// </summary>
internal sealed class BitcoinTransactionPlan : TransactionPlan
{
    private static readonly string[] Fields = ["psbt"];

    private readonly BitcoinSigningPlan _plan;

    private BitcoinTransactionPlan(BitcoinSigningPlan plan)
    {
        _plan = plan;
        Signatures = [.. plan.Items.Select(item => new PlannedSignature(
            item.Item.Payload.ToArray(),
            item.Item.Kind == SignatureKind.Bip340Taproot ? TaprootTweak.KeyPathOnly : null))];
    }

    public override IReadOnlyList<PlannedSignature> Signatures { get; }

    /// <summary>Plans <c>{"psbt": base64}</c> for the (derived) key: compressed secp256k1 for ECDSA, x-only for taproot.</summary>
    public static BitcoinTransactionPlan Create(string scheme, byte[] publicKey, JsonElement transaction)
    {
        var fields = TransactionFields.Read(transaction, Fields);
        if (!fields.TryGetValue("psbt", out var base64))
        {
            throw TransactionProblems.Invalid("transaction.psbt", "required: the unsigned PSBT in base64");
        }

        if (!Psbt.TryParseBase64(base64, out var psbt, out var error))
        {
            throw TransactionProblems.Invalid("transaction.psbt", error);
        }

        BitcoinSigningPlan? plan;
        var planned = scheme == KeySchemes.FrostTaproot
            ? BitcoinSigner.TryPlanP2tr(psbt!, Secp256k1XOnlyPublicKey.TryDecode(publicKey, out var internalKey) ? internalKey : throw KeyMismatch(scheme), out plan, out error)
            : BitcoinSigner.TryPlanP2wpkh(psbt!, Secp256k1Point.TryDecode(publicKey, out var point) ? point : throw KeyMismatch(scheme), out plan, out error);
        return planned ? new BitcoinTransactionPlan(plan!) : throw TransactionProblems.Invalid("transaction.psbt", error);
    }

    public override TransactionFacts Facts(string chain) =>
        Networks.TryGet(chain, out var network) ? FromSummary([chain], _plan.Summarize(network!)) : base.Facts(chain);

    public override object Complete(IReadOnlyList<ProducedSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        if (!_plan.TryComplete([.. signatures.Select(s => (ReadOnlyMemory<byte>)s.Bytes)], out var result, out var error))
        {
            throw Rejected(error);
        }

        return new BitcoinTransactionResponse(result!.PsbtBase64, result.SignedTransactionHex, result.Txid);
    }

    private static InvalidOperationException KeyMismatch(string scheme) => new($"The stored {scheme} public key does not decode.");
}
