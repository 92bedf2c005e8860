using System.Text.Json;
using Arcanum.Chains.Ethereum;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Policy;
using Arcanum.Crypto.Curves;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// An unsigned EVM transaction (legacy EIP-155 or EIP-1559) in JSON-RPC form. After signing, the raw
/// transaction is decoded again and its sender recovered: it must be the key's address.
/// </summary>
internal sealed class EvmTransactionPlan : SingleSignaturePlan
{
    private readonly EvmTransaction _transaction;
    private readonly EthereumAddress _address;

    private EvmTransactionPlan(EvmTransaction transaction, EthereumAddress address)
        : base(new PlannedSignature(transaction.SigningHash()))
    {
        _transaction = transaction;
        _address = address;
    }

    public static EvmTransactionPlan Create(Secp256k1Point publicKey, JsonElement transaction) =>
        EvmTransaction.TryParse(transaction, out var parsed, out var error)
            ? new EvmTransactionPlan(parsed, EthereumAddress.FromPublicKey(publicKey))
            : throw TransactionProblems.Invalid("transaction", error!);

    public override TransactionFacts Facts(string chain) => FromSummary([chain, $"eip155:{_transaction.ChainId}"], _transaction.Summarize());

    protected override object Complete(ProducedSignature signature)
    {
        var signed = _transaction.Sign(signature.Bytes, signature.RecoveryId);
        if (!DecodedEvmTransaction.TryDecode(signed.Raw, out var decoded, out var error))
        {
            throw Rejected(error!);
        }

        if (!decoded.TryRecoverSender(out var sender) || !sender.Equals(_address))
        {
            throw Rejected($"the sender recovered from the signed transaction is not {_address}");
        }

        return new EvmTransactionResponse("0x" + Convert.ToHexStringLower(signed.Raw), "0x" + Convert.ToHexStringLower(signed.Hash));
    }
}
