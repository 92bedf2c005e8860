using System.Text.Json;
using Arcanum.Chains.Ethereum;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// An EIP-191 personal_sign message or EIP-712 v4 typed data: the key signs the digest, and the answer is
/// r ‖ s ‖ (27 + recovery id) after checking that it recovers to the key.
/// </summary>
internal sealed class EvmMessagePlan : SingleSignaturePlan
{
    private readonly byte[] _digest;
    private readonly Secp256k1Point _publicKey;

    private EvmMessagePlan(byte[] digest, Secp256k1Point publicKey)
        : base(new PlannedSignature(digest))
    {
        _digest = digest;
        _publicKey = publicKey;
    }

    /// <summary>personal_sign of the 0x-hex message.</summary>
    public static EvmMessagePlan PersonalSign(Secp256k1Point publicKey, JsonElement message) =>
        Chains.Ethereum.PersonalSign.TryParseMessage(message, out var bytes, out var error)
            ? new EvmMessagePlan(Chains.Ethereum.PersonalSign.Hash(bytes), publicKey)
            : throw TransactionProblems.Invalid("personalSign", error!);

    /// <summary>eth_signTypedData_v4 of <c>{types, primaryType, domain, message}</c>.</summary>
    public static EvmMessagePlan TypedData(Secp256k1Point publicKey, JsonElement typedData) =>
        Chains.Ethereum.TypedData.TryHash(typedData, out var hash, out var error)
            ? new EvmMessagePlan(hash.Digest, publicKey)
            : throw TransactionProblems.Invalid("typedData", error!);

    protected override object Complete(ProducedSignature signature)
    {
        if (!Secp256k1Ecdsa.TryRecover(_digest, signature.Bytes, signature.RecoveryId, out var recovered, EcdsaHighSPolicy.Reject) || recovered != _publicKey)
        {
            throw Rejected("the signature and recovery id do not recover the key over the digest");
        }

        return new EvmSignatureResponse("0x" + Convert.ToHexStringLower(EthereumSignature.Encode(signature.Bytes, signature.RecoveryId)));
    }
}
