using System.CommandLine;
using System.Text.Json;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum tx sign --key ID --chain CHAIN [--path m/0/1] (--file tx.json | --personal-sign HEX | --typed-data FILE)</c>:
/// signs a transaction in its chain's own format through POST /v1/keys/{id}/transactions and prints what the
/// chain needs (signed transaction, signature, txid). The file holds the <c>transaction</c> object of the
/// request (docs/chains.md); <c>-</c> reads it from standard input.
/// </summary>
internal static class TransactionCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var key = new Option<string>("--key") { Description = "The key id.", Required = true };
        var chain = new Option<string>("--chain")
        {
            Description = "bitcoin, bitcoin-testnet, bitcoin-signet, bitcoin-regtest, litecoin, ethereum, solana, cosmos or tron.",
            Required = true,
        };
        var path = new Option<string?>("--path") { Description = "Non-hardened derivation path, for example m/0/1: sign with the child key." };
        var file = new Option<string?>("--file") { Description = "JSON file with the unsigned transaction in the chain's format (- for standard input)." };
        var personalSign = new Option<string?>("--personal-sign") { Description = "ethereum: sign this 0x-hex message with EIP-191 personal_sign instead." };
        var typedData = new Option<string?>("--typed-data") { Description = "ethereum: sign the EIP-712 typed data (v4) in this JSON file instead." };
        var sign = new Command("sign", "Sign a transaction (PSBT, EVM, Solana, Cosmos, Tron) or an Ethereum message with a key.")
        {
            key, chain, path, file, personalSign, typedData,
        };
        ClientAction.Attach(sign, environment, async (invocation, cancellationToken) =>
        {
            var result = invocation.ParseResult;
            var (transactionFile, message, typedDataFile) = (result.GetValue(file), result.GetValue(personalSign), result.GetValue(typedData));
            if (new[] { transactionFile, message, typedDataFile }.Count(v => v is not null) != 1)
            {
                throw new UsageException("Pass exactly one of --file (a transaction), --personal-sign and --typed-data.");
            }

            var request = new TransactionRequest(
                result.GetRequiredValue(chain),
                result.GetValue(path),
                transactionFile is null ? null : await ReadJsonAsync(transactionFile, "--file", cancellationToken).ConfigureAwait(false),
                message,
                typedDataFile is null ? null : await ReadJsonAsync(typedDataFile, "--typed-data", cancellationToken).ConfigureAwait(false));
            var signed = await invocation.Client.SignTransactionAsync(result.GetRequiredValue(key), request, cancellationToken).ConfigureAwait(false);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(signed, ApiJsonContext.Default.JsonElement);
            }
            else
            {
                invocation.Output.WriteFields(signed.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
            }

            return ClientAction.Success;
        });
        return new Command("tx", "Sign chain transactions.") { sign };
    }

    private static async Task<JsonElement> ReadJsonAsync(string source, string option, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = source == "-"
                ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                : await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot read {source}: {e.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UsageException($"{option}: {source} is not JSON: {e.Message}");
        }
    }
}
