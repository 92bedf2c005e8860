using Arcanum.Chains.Bitcoin;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Api;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Coordinator.Transactions;

/// <summary>
/// Picks the chain adapter for a request and a key: first whether the key's scheme can sign for the chain
/// (an Ed25519 key cannot spend bitcoin), then the adapter's own checks of the input. Throws
/// <see cref="ApiProblemException"/> (400, naming the field) for anything that cannot be signed.
/// </summary>
internal static class TransactionPlanner
{
    /// <param name="scheme">The key's scheme.</param>
    /// <param name="publicKey">The (derived) public key in the API's encoding for the scheme (<see cref="Sessions.SchemeVerifier.DerivedPublicKey"/>).</param>
    /// <param name="body">The checked request body.</param>
    public static TransactionPlan Plan(string scheme, byte[] publicKey, TransactionRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var chain = body.Chain;
        if (Networks.TryGet(chain, out _))
        {
            return scheme is KeySchemes.EcdsaSecp256k1 or KeySchemes.FrostTaproot
                ? BitcoinTransactionPlan.Create(scheme, publicKey, body.Transaction!.Value)
                : throw TransactionProblems.Unsupported(chain, scheme, "ecdsa-secp256k1 (P2WPKH) or frost-taproot (P2TR)");
        }

        switch (chain)
        {
            case "ethereum" or "cosmos" or "tron" when scheme != KeySchemes.EcdsaSecp256k1:
                throw TransactionProblems.Unsupported(chain, scheme, KeySchemes.EcdsaSecp256k1);
            case "solana" when scheme != KeySchemes.FrostEd25519:
                throw TransactionProblems.Unsupported(chain, scheme, KeySchemes.FrostEd25519);
            case "ethereum" when body.PersonalSign is { } message:
                return EvmMessagePlan.PersonalSign(Secp256k1(publicKey), message);
            case "ethereum" when body.TypedData is { } typedData:
                return EvmMessagePlan.TypedData(Secp256k1(publicKey), typedData);
            case "ethereum":
                return EvmTransactionPlan.Create(Secp256k1(publicKey), body.Transaction!.Value);
            case "cosmos":
                return CosmosTransactionPlan.Create(Secp256k1(publicKey), body.Transaction!.Value);
            case "tron":
                return TronTransactionPlan.Create(Secp256k1(publicKey), body.Transaction!.Value);
            case "solana":
                return SolanaTransactionPlan.Create(Ed25519PublicKey.FromBytes(publicKey), body.Transaction!.Value);
            default:
                throw new ApiProblemException(400, "unsupported-chain", "Unknown chain", $"chain must be one of {SupportedChains.Names}.", "chain");
        }
    }

    private static Secp256k1Point Secp256k1(byte[] publicKey) =>
        Secp256k1Point.TryDecode(publicKey, out var point) ? point : throw new InvalidOperationException("The stored secp256k1 public key does not decode.");
}
