using System.Text.Json;
using Arcanum.Chains.Cosmos;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;
using Arcanum.Coordinator.Policy;

namespace Arcanum.Coordinator.Transactions;

/// <summary>A Cosmos SDK SIGN_MODE_DIRECT sign doc (as cosmjs' <c>SignDoc</c>): the key signs SHA-256 of its bytes.</summary>
internal sealed class CosmosTransactionPlan : SingleSignaturePlan
{
    private static readonly string[] Fields = ["bodyBytes", "authInfoBytes", "chainId", "accountNumber"];

    private static readonly string[] IntegerFields = ["accountNumber"];

    private readonly CosmosDirectSigning _signing;

    private CosmosTransactionPlan(CosmosDirectSigning signing)
        : base(new PlannedSignature(signing.Item.Payload.ToArray())) => _signing = signing;

    public static CosmosTransactionPlan Create(Secp256k1Point publicKey, JsonElement transaction)
    {
        var fields = TransactionFields.Read(transaction, Fields, IntegerFields);
        var request = new CosmosSignRequest(
            fields.GetValueOrDefault("bodyBytes"), fields.GetValueOrDefault("authInfoBytes"), fields.GetValueOrDefault("chainId"), fields.GetValueOrDefault("accountNumber"));
        return CosmosDirectSigning.TryCreate(request, publicKey, out var signing, out var error)
            ? new CosmosTransactionPlan(signing)
            : throw TransactionProblems.Invalid("transaction", error);
    }

    public override TransactionFacts Facts(string chain) => FromSummary([chain], _signing.Summarize());

    protected override object Complete(ProducedSignature signature) =>
        _signing.TryComplete(signature.Bytes, out var signed, out var error)
            ? new CosmosTransactionResponse(signed.Signature, signed.TxRaw)
            : throw Rejected(error);
}
