using System.Text.Json;
using Arcanum.Chains.Solana;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Signatures;
using Arcanum.Coordinator.Policy;

namespace Arcanum.Coordinator.Transactions;

/// <summary>A serialized Solana transaction (legacy or v0) that the Ed25519 key must sign as one of its required signers.</summary>
internal sealed class SolanaTransactionPlan : SingleSignaturePlan
{
    private static readonly string[] Fields = ["serialized"];

    private readonly SolanaSigning _signing;

    private SolanaTransactionPlan(SolanaSigning signing)
        : base(new PlannedSignature(signing.Item.Payload.ToArray())) => _signing = signing;

    public static SolanaTransactionPlan Create(Ed25519PublicKey publicKey, JsonElement transaction)
    {
        var fields = TransactionFields.Read(transaction, Fields);
        return SolanaSigning.TryCreate(new SolanaSignRequest(fields.GetValueOrDefault("serialized")), publicKey, out var signing, out var error)
            ? new SolanaTransactionPlan(signing)
            : throw TransactionProblems.Invalid("transaction.serialized", error);
    }

    public override TransactionFacts Facts(string chain) => FromSummary([chain], _signing.Summarize());

    protected override object Complete(ProducedSignature signature) =>
        _signing.TryComplete(signature.Bytes, out var signed, out var error)
            ? new SolanaTransactionResponse(signed.SignedTransaction, signed.Signature)
            : throw Rejected(error);
}
