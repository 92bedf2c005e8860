using System.Text.Json;
using Arcanum.Chains.Tron;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;
using Arcanum.Coordinator.Policy;

namespace Arcanum.Coordinator.Transactions;

/// <summary>A Tron transaction's raw_data (hex): the key signs its SHA-256, the transaction id.</summary>
internal sealed class TronTransactionPlan : SingleSignaturePlan
{
    private static readonly string[] Fields = ["rawDataHex"];

    private readonly TronSigning _signing;

    private TronTransactionPlan(TronSigning signing)
        : base(new PlannedSignature(signing.Item.Payload.ToArray())) => _signing = signing;

    public static TronTransactionPlan Create(Secp256k1Point publicKey, JsonElement transaction)
    {
        var fields = TransactionFields.Read(transaction, Fields);
        return TronSigning.TryCreate(new TronSignRequest(fields.GetValueOrDefault("rawDataHex")), publicKey, out var signing, out var error)
            ? new TronTransactionPlan(signing)
            : throw TransactionProblems.Invalid("transaction.rawDataHex", error);
    }

    public override TransactionFacts Facts(string chain) => FromSummary([chain], _signing.Summarize());

    protected override object Complete(ProducedSignature signature) =>
        _signing.TryComplete(signature.Bytes, signature.RecoveryId, out var signed, out var error)
            ? new TronTransactionResponse(signed.Signature, signed.TxId)
            : throw Rejected(error);
}
