using System.CommandLine;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum address --key ID --chain CHAIN [--path m/0/1] [--prefix osmo]</c> and
/// <c>arcanum xpub --key ID [--network bitcoin|bitcoin-testnet]</c>: a key's receiving address on a
/// chain, and its extended public key for watch-only wallets (public data; no session runs).
/// </summary>
internal static class AddressCommand
{
    public static Command CreateAddress(ClientEnvironment environment)
    {
        var key = new Option<string>("--key") { Description = "The key id.", Required = true };
        var chain = new Option<string>("--chain")
        {
            Description = "bitcoin, bitcoin-testnet, bitcoin-signet, bitcoin-regtest, litecoin, ethereum, solana, cosmos or tron.",
            Required = true,
        };
        var path = new Option<string?>("--path") { Description = "Non-hardened derivation path, for example m/0/1: the child key's address." };
        var prefix = new Option<string?>("--prefix") { Description = "Bech32 prefix for cosmos (default cosmos), for example osmo." };
        var command = new Command("address", "Show a key's address on a chain, optionally for a derived child.") { key, chain, path, prefix };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var result = invocation.ParseResult;
            var address = await invocation.Client.GetAddressAsync(
                result.GetRequiredValue(key), result.GetRequiredValue(chain), result.GetValue(path), result.GetValue(prefix), cancellationToken).ConfigureAwait(false);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(address, ApiJsonContext.Default.AddressResponse);
            }
            else
            {
                invocation.Output.WriteFields([("address", address.Address), ("public key", address.PublicKey), ("path", address.Path)]);
            }

            return ClientAction.Success;
        });
        return command;
    }

    public static Command CreateXpub(ClientEnvironment environment)
    {
        var key = new Option<string>("--key") { Description = "The key id.", Required = true };
        var network = new Option<string>("--network") { Description = "bitcoin (xpub) or bitcoin-testnet (tpub).", DefaultValueFactory = _ => "bitcoin" };
        var command = new Command("xpub", "Show a secp256k1 key's BIP32 extended public key (watch-only wallets derive the same child addresses).") { key, network };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var result = invocation.ParseResult;
            var xpub = await invocation.Client.GetXpubAsync(result.GetRequiredValue(key), result.GetRequiredValue(network), cancellationToken).ConfigureAwait(false);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(xpub, ApiJsonContext.Default.XpubResponse);
            }
            else
            {
                invocation.Output.WriteFields([("xpub", xpub.Xpub), ("network", xpub.Network)]);
            }

            return ClientAction.Success;
        });
        return command;
    }
}
