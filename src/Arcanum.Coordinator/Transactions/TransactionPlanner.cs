using Arcanum.Chains.Bitcoin;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Api;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Coordinator.Transactions;

/// <summary>The transaction formats, each with the key schemes that can sign it.</summary>
internal enum ChainFamily
{
    Bitcoin,
    Ethereum,
    Solana,
    Cosmos,
    Tron,
}

/// <summary>
/// Picks the chain adapter for a request and a key: first whether the key's scheme can sign for the chain
/// (<see cref="Family"/>: an Ed25519 key cannot spend bitcoin), then the adapter's own checks of the input
/// (<see cref="Plan"/>). Both throw <see cref="ApiProblemException"/> (400, naming the field) for anything
/// that cannot be signed.
/// </summary>
internal static class TransactionPlanner
{
    /// <summary>The family of <paramref name="chain"/>, after checking that a <paramref name="scheme"/> key signs for it.</summary>
    public static ChainFamily Family(string scheme, string chain)
    {
        var (family, needs) = Networks.TryGet(chain, out _)
            ? (ChainFamily.Bitcoin, "ecdsa-secp256k1 (P2WPKH) or frost-taproot (P2TR)")
            : chain switch
            {
                "ethereum" => (ChainFamily.Ethereum, KeySchemes.EcdsaSecp256k1),
                "cosmos" => (ChainFamily.Cosmos, KeySchemes.EcdsaSecp256k1),
                "tron" => (ChainFamily.Tron, KeySchemes.EcdsaSecp256k1),
                "solana" => (ChainFamily.Solana, KeySchemes.FrostEd25519),
                _ => throw new ApiProblemException(400, "unsupported-chain", "Unknown chain", $"Unknown chain '{ApiProblems.Truncate(chain)}'; chain must be one of {SupportedChains.Names}.", "chain"),
            };
        var supported = family switch
        {
            ChainFamily.Bitcoin => scheme is KeySchemes.EcdsaSecp256k1 or KeySchemes.FrostTaproot,
            ChainFamily.Solana => scheme == KeySchemes.FrostEd25519,
            _ => scheme == KeySchemes.EcdsaSecp256k1,
        };
        return supported ? family : throw TransactionProblems.Unsupported(chain, scheme, needs);
    }

    /// <param name="family">From <see cref="Family"/> for the key's scheme.</param>
    /// <param name="scheme">The key's scheme.</param>
    /// <param name="publicKey">The (derived) public key in the API's encoding for the scheme (<see cref="Sessions.SchemeVerifier.DerivedPublicKey"/>).</param>
    /// <param name="body">The checked request body.</param>
    public static TransactionPlan Plan(ChainFamily family, string scheme, byte[] publicKey, TransactionRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return family switch
        {
            ChainFamily.Bitcoin => BitcoinTransactionPlan.Create(scheme, publicKey, body.Transaction!.Value),
            ChainFamily.Ethereum when body.PersonalSign is { } message => EvmMessagePlan.PersonalSign(Secp256k1(publicKey), message),
            ChainFamily.Ethereum when body.TypedData is { } typedData => EvmMessagePlan.TypedData(Secp256k1(publicKey), typedData),
            ChainFamily.Ethereum => EvmTransactionPlan.Create(Secp256k1(publicKey), body.Transaction!.Value),
            ChainFamily.Cosmos => CosmosTransactionPlan.Create(Secp256k1(publicKey), body.Transaction!.Value),
            ChainFamily.Tron => TronTransactionPlan.Create(Secp256k1(publicKey), body.Transaction!.Value),
            _ => SolanaTransactionPlan.Create(Ed25519PublicKey.FromBytes(publicKey), body.Transaction!.Value),
        };
    }

    private static Secp256k1Point Secp256k1(byte[] publicKey) =>
        Secp256k1Point.TryDecode(publicKey, out var point) ? point : throw new InvalidOperationException("The stored secp256k1 public key does not decode.");
}
