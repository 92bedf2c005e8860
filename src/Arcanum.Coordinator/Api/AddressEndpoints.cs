using Arcanum.Chains.Bitcoin;
using Arcanum.Chains.Cosmos;
using Arcanum.Chains.Ethereum;
using Arcanum.Chains.Keys;
using Arcanum.Chains.Solana;
using Arcanum.Chains.Tron;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Sessions;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// /v1/keys/{id}/address and /xpub: where a key (or its non-hardened BIP32-style child) receives
/// funds on each chain, and its extended public key for watch-only wallets. Public data only: no
/// session runs. A key/chain pair that cannot work (an Ed25519 key on Bitcoin) is a 400 naming
/// <c>chain</c>.
/// </summary>
internal static class AddressEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/keys/{id}/address", GetAddressAsync)
            .WithName("GetAddress")
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Auditor)
            .WithSummary("The address of a key, or of its child at a non-hardened path, on a chain (query: chain, path, prefix)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/keys/{id}/xpub", GetXpubAsync)
            .WithName("GetXpub")
            .RequireRoles(Roles.Operator, Roles.Signer, Roles.Auditor)
            .WithSummary("The BIP32 extended public key of a secp256k1 key (query: network = bitcoin | bitcoin-testnet)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<AddressResponse>, ProblemHttpResult>> GetAddressAsync(
        string id, [FromQuery] string? chain, [FromQuery] string? path, [FromQuery] string? prefix, [FromServices] ICoordinatorStore store, CancellationToken cancellationToken)
    {
        if (await KeyEndpoints.LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        var errors = new FieldErrors();
        var indices = KeyRequestRules.Path(path, errors);
        if (indices is null)
        {
            return ApiProblems.Invalid(errors);
        }

        if (SchemeVerifier.DerivedPublicKey(key, indices) is not { } publicKey)
        {
            return ApiProblems.Create(400, "invalid-derivation", "No key at this path", "The path has no valid child key; BIP32 says to use the next index.", "path");
        }

        var address = Encode(key.Scheme, chain ?? "", prefix, publicKey, out var problem);
        return address is null
            ? ApiProblems.Create(400, "unsupported-chain", "Cannot make this address", problem, problem.StartsWith("prefix", StringComparison.Ordinal) ? "prefix" : "chain")
            : TypedResults.Ok(new AddressResponse(address, Convert.ToHexStringLower(publicKey), "m" + string.Concat(indices.Select(i => $"/{i}"))));
    }

    private static async Task<Results<Ok<XpubResponse>, ProblemHttpResult>> GetXpubAsync(
        string id, [FromQuery] string? network, [FromServices] ICoordinatorStore store, CancellationToken cancellationToken)
    {
        if (await KeyEndpoints.LiveKeyAsync(store, id, cancellationToken) is not { } key)
        {
            return ApiProblems.UnknownKey(id);
        }

        Bip32Network? bip32 = network switch
        {
            "bitcoin" => Bip32Network.Mainnet,
            "bitcoin-testnet" => Bip32Network.Testnet,
            _ => null,
        };
        if (bip32 is null)
        {
            return ApiProblems.Create(400, "invalid-request", "Unknown network", "network must be bitcoin or bitcoin-testnet.", "network");
        }

        if (key.Scheme == KeySchemes.FrostEd25519 || !Secp256k1Point.TryDecode(key.PublicKey, out var point))
        {
            return ApiProblems.Create(400, "unsupported-chain", "No extended public key", $"A {key.Scheme} key has no BIP32 extended public key.", "id");
        }

        var xpub = ExtendedPublicKey.Create(bip32.Value, 0, 0, 0, key.ChainCode, point);
        return TypedResults.Ok(new XpubResponse(xpub.ToString(), network!));
    }

    /// <summary>The address of <paramref name="publicKey"/> (the API encoding for <paramref name="scheme"/>) on <paramref name="chain"/>, or null with why not.</summary>
    private static string? Encode(string scheme, string chain, string? prefix, byte[] publicKey, out string problem)
    {
        problem = "";
        if (Networks.TryGet(chain, out var network))
        {
            return scheme switch
            {
                KeySchemes.EcdsaSecp256k1 when Secp256k1Point.TryDecode(publicKey, out var point) => BitcoinScripts.P2wpkhAddress(network!, point),
                KeySchemes.FrostTaproot when Secp256k1XOnlyPublicKey.TryDecode(publicKey, out var internalKey) => BitcoinScripts.P2trAddress(network!, internalKey),
                _ => Unsupported(scheme, chain, "ecdsa-secp256k1 (P2WPKH) or frost-taproot (P2TR)", out problem),
            };
        }

        switch (chain)
        {
            case "ethereum" when scheme == KeySchemes.EcdsaSecp256k1 && Secp256k1Point.TryDecode(publicKey, out var point):
                return EthereumAddress.FromPublicKey(point).ToString();
            case "tron" when scheme == KeySchemes.EcdsaSecp256k1 && Secp256k1Point.TryDecode(publicKey, out var point):
                return TronAddress.Encode(point);
            case "cosmos" when scheme == KeySchemes.EcdsaSecp256k1 && Secp256k1Point.TryDecode(publicKey, out var point):
                if (CosmosAddress.TryEncode(prefix ?? "cosmos", point, out var address, out var error))
                {
                    return address;
                }

                problem = $"prefix: {error}";
                return null;
            case "solana" when scheme == KeySchemes.FrostEd25519:
                return SolanaAddress.Encode(publicKey);
            case "ethereum" or "tron" or "cosmos":
                return Unsupported(scheme, chain, "ecdsa-secp256k1", out problem);
            case "solana":
                return Unsupported(scheme, chain, "frost-ed25519", out problem);
            default:
                problem = $"chain must be one of {SupportedChains.Names}.";
                return null;
        }
    }

    private static string? Unsupported(string scheme, string chain, string needs, out string problem)
    {
        problem = $"{chain} addresses need a {needs} key; this key is {scheme}.";
        return null;
    }
}
