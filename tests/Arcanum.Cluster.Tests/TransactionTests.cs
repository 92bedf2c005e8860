using System.Text.Json;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Transactions of every family built by the ecosystem's own libraries (tests/verifiers; the taproot output key
/// is bitcoinjs-lib's BIP86 tweak of the internal key the API reports), signed by 2-of-3
/// cluster keys through POST /v1/keys/{id}/transactions with and without a derivation path, and accepted by
/// the independent verifiers (ethers, bitcoinjs-lib + tiny-secp256k1, @noble/curves, cosmjs-types); a copy
/// with one byte changed is rejected. Inputs the adapters refuse are 400s naming the field.
/// </summary>
[Collection(FiveNodeCollection.Name)]
public sealed class TransactionTests(FiveNodeCluster fixture)
{
    /// <summary>The payment output of the verifier's PSBT builder, little-endian as in the unsigned transaction.</summary>
    private static readonly byte[] PaymentAmount = BitConverter.GetBytes(60_000L);

    private static readonly string?[] Paths = [null, "m/0/3"];

    private ArcanumClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Bitcoin_P2wpkhAndP2trPsbts_AreValidInBitcoinjs()
    {
        var ecdsa = await CreateKeyAsync("tx-btc-ecdsa", KeySchemes.EcdsaSecp256k1);
        var taproot = await CreateKeyAsync("tx-btc-taproot", KeySchemes.FrostTaproot);
        foreach (var path in Paths)
        {
            var p2wpkh = new { type = "p2wpkh", publicKey = (await Client.GetAddressAsync(ecdsa.Id, "bitcoin", path)).PublicKey };
            var p2tr = new { type = "p2tr", internalKey = (await Client.GetAddressAsync(taproot.Id, "bitcoin", path)).PublicKey };
            var foreign = new { type = "p2wpkh-foreign" };
            var built = await ChainVerifiers.RunAsync(
            [
                BuildPsbt("bitcoin", p2wpkh, p2wpkh), BuildPsbt("testnet", p2tr, p2tr), BuildPsbt("regtest", p2wpkh, foreign),
            ]);
            var psbts = built.Select(b => b.GetProperty("psbt").GetString()!).ToArray();

            var segwit = await SignAsync(ecdsa.Id, "bitcoin", path, new { psbt = psbts[0] });
            var tapKey = await SignAsync(taproot.Id, "bitcoin-testnet", path, new { psbt = psbts[1] });
            var partial = await SignAsync(ecdsa.Id, "bitcoin-regtest", path, new { psbt = psbts[2] });
            Assert.False(partial.TryGetProperty("signedTransaction", out _), "a PSBT with a foreign input is returned unfinalized");
            Assert.Equal(64, segwit.GetProperty("txid").GetString()!.Length);

            var verdicts = await ChainVerifiers.VerifyAllAsync(
            [
                VerifyPsbt("bitcoin", segwit, [0, 1]),
                VerifyPsbt("testnet", tapKey, [0, 1]),
                VerifyPsbt("regtest", partial, [0]),
                VerifyPsbt("bitcoin", segwit, [0, 1], tamper: true),
                VerifyPsbt("testnet", tapKey, [0, 1], tamper: true),
            ]);
            AssertVerdicts(verdicts, valid: 3, path);
        }
    }

    [Fact]
    public async Task Ethereum_TransactionsAndMessages_RecoverToTheKeysAddressInEthers()
    {
        var key = await CreateKeyAsync("tx-evm", KeySchemes.EcdsaSecp256k1);
        var legacy = Json("""{"type":"0x0","chainId":"56","nonce":"7","to":"0x000000000000000000000000000000000000dEaD","value":"1000000000000000","data":"0x","gas":"21000","gasPrice":"5000000000"}""");
        var dynamicFee = Json("""{"type":"0x2","chainId":"0x89","nonce":"0","to":"0x000000000000000000000000000000000000dEaD","value":"0","data":"0xa9059cbb","gas":"60000","maxFeePerGas":"30000000000","maxPriorityFeePerGas":"1000000000","accessList":[]}""");
        var typedData = Json("""
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],
                      "Mail":[{"name":"to","type":"address"},{"name":"contents","type":"string"}]},
             "primaryType":"Mail","domain":{"name":"Arcanum","chainId":1},
             "message":{"to":"0x000000000000000000000000000000000000dEaD","contents":"hello"}}
            """);
        foreach (var path in Paths)
        {
            var address = (await Client.GetAddressAsync(key.Id, "ethereum", path)).Address;
            var signedLegacy = (await SignAsync(key.Id, "ethereum", path, legacy)).GetProperty("signedTransaction").GetString()!;
            var signedDynamic = (await SignAsync(key.Id, "ethereum", path, dynamicFee)).GetProperty("signedTransaction").GetString()!;
            var personal = await Client.SignTransactionAsync(key.Id, new TransactionRequest("ethereum", path, PersonalSign: "0x68656c6c6f"));
            var typed = await Client.SignTransactionAsync(key.Id, new TransactionRequest("ethereum", path, TypedData: typedData));

            var verdicts = await ChainVerifiers.VerifyAllAsync(
            [
                new { op = "verify", family = "evm", signedTransaction = signedLegacy, address, chainId = "56" },
                new { op = "verify", family = "evm", signedTransaction = signedDynamic, address, chainId = "137" },
                new { op = "verify", family = "evm-personal", message = "0x68656c6c6f", signature = personal.GetProperty("signature").GetString(), address },
                new { op = "verify", family = "evm-typed", typedData, signature = typed.GetProperty("signature").GetString(), address },
                new { op = "verify", family = "evm", signedTransaction = FlipHex(signedLegacy, fromEnd: 3), address, chainId = "56" },
                new { op = "verify", family = "evm", signedTransaction = signedDynamic, address, chainId = "1" },
            ]);
            AssertVerdicts(verdicts, valid: 4, path);
        }
    }

    [Fact]
    public async Task SolanaCosmosAndTron_Transactions_VerifyIndependently()
    {
        var ed25519 = await CreateKeyAsync("tx-solana", KeySchemes.FrostEd25519);
        var ecdsa = await CreateKeyAsync("tx-cosmos-tron", KeySchemes.EcdsaSecp256k1);
        foreach (var path in Paths)
        {
            var feePayer = (await Client.GetAddressAsync(ed25519.Id, "solana", path)).Address;
            var cosmosKey = (await Client.GetAddressAsync(ecdsa.Id, "cosmos", path)).PublicKey;
            var tronAddress = (await Client.GetAddressAsync(ecdsa.Id, "tron", path)).Address;
            var built = await ChainVerifiers.RunAsync(
            [
                new { op = "build", family = "solana", feePayer, version = "legacy" },
                new { op = "build", family = "solana", feePayer, version = "v0" },
                new { op = "build", family = "cosmos", publicKey = cosmosKey, chainId = "cosmoshub-4", accountNumber = "42", sequence = "3" },
                new { op = "build", family = "tron", address = tronAddress },
            ]);

            var legacy = (await SignAsync(ed25519.Id, "solana", path, built[0])).GetProperty("signedTransaction").GetString()!;
            var v0 = (await SignAsync(ed25519.Id, "solana", path, built[1])).GetProperty("signedTransaction").GetString()!;
            var txRaw = (await SignAsync(ecdsa.Id, "cosmos", path, built[2])).GetProperty("txRaw").GetString()!;
            var tron = await SignAsync(ecdsa.Id, "tron", path, built[3]);
            var rawDataHex = built[3].GetProperty("rawDataHex").GetString();
            var tronSignature = tron.GetProperty("signature").GetString()!;

            var verdicts = await ChainVerifiers.VerifyAllAsync(
            [
                new { op = "verify", family = "solana", signedTransaction = legacy, signer = feePayer },
                new { op = "verify", family = "solana", signedTransaction = v0, signer = feePayer },
                new { op = "verify", family = "cosmos", txRaw, chainId = "cosmoshub-4", accountNumber = "42", publicKey = cosmosKey },
                new { op = "verify", family = "tron", rawDataHex, signature = tronSignature, txID = tron.GetProperty("txID").GetString(), address = tronAddress },
                new { op = "verify", family = "solana", signedTransaction = FlipBase64(legacy, at: 10), signer = feePayer },
                new { op = "verify", family = "cosmos", txRaw = FlipBase64(txRaw, at: ^2), chainId = "cosmoshub-4", accountNumber = "42", publicKey = cosmosKey },
                new { op = "verify", family = "tron", rawDataHex, signature = FlipHex(tronSignature, fromEnd: 2), txID = tron.GetProperty("txID").GetString(), address = tronAddress },
            ]);
            AssertVerdicts(verdicts, valid: 4, path);
        }
    }

    [Fact]
    public async Task UnsignableInputs_Are400sNamingTheField()
    {
        var ecdsa = await CreateKeyAsync("tx-refusals", KeySchemes.EcdsaSecp256k1);
        var ed25519 = await CreateKeyAsync("tx-refusals-ed", KeySchemes.FrostEd25519);
        var foreign = new { type = "p2wpkh-foreign" };
        var stranger = "11111111111111111111111111111112";
        var built = await ChainVerifiers.RunAsync(
        [
            BuildPsbt("bitcoin", foreign), new { op = "build", family = "solana", feePayer = stranger, version = "legacy" },
        ]);

        await AssertRefusedAsync(ecdsa.Id, "bitcoin", built[0], "transaction.psbt", "No unsigned input");
        await AssertRefusedAsync(ecdsa.Id, "bitcoin", new { psbt = "not base64!" }, "transaction.psbt", "");
        await AssertRefusedAsync(ed25519.Id, "solana", built[1], "transaction.serialized", "not among the transaction's");
        await AssertRefusedAsync(ecdsa.Id, "ethereum", Json("""{"type":"0x2","nonce":"0","to":null,"value":"0","data":"0x","gas":"60000","maxFeePerGas":"1","maxPriorityFeePerGas":"1"}"""), "transaction", "chainId");
        await AssertRefusedAsync(ecdsa.Id, "cosmos", new { bodyBytes = "AA==", authInfoBytes = "", chainId = "c", accountNumber = "1" }, "transaction", "");
        await AssertRefusedAsync(ecdsa.Id, "tron", new { rawDataHex = "zz" }, "transaction.rawDataHex", "hexadecimal");
        await AssertRefusedAsync(ed25519.Id, "bitcoin", new { psbt = "cHNidP8=" }, "chain", "frost-taproot");
    }

    [Fact]
    public async Task Cli_TxSign_SignsTheTransactionInTheFile()
    {
        var cluster = fixture.Cluster;
        var key = await CreateKeyAsync("tx-cli", KeySchemes.EcdsaSecp256k1);
        var file = Path.Combine(cluster.DataDirectory, "tx-cli.json");
        await File.WriteAllTextAsync(file, """{"type":"0x2","chainId":"1","nonce":"1","to":"0x000000000000000000000000000000000000dEaD","value":"5","data":"0x","gas":"21000","maxFeePerGas":"2","maxPriorityFeePerGas":"1"}""");
        var environment = new Dictionary<string, string> { ["ARCANUM_ADDR"] = cluster.Address.ToString(), ["ARCANUM_TOKEN"] = DevClusterProcess.Token };

        using var process = DevClusterProcess.StartArcanum(["tx", "sign", "--key", key.Id, "--chain", "ethereum", "--path", "m/9", "--file", file, "--json"], environment);
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output + errors);

        var signed = Json(output).GetProperty("signedTransaction").GetString();
        var address = (await Client.GetAddressAsync(key.Id, "ethereum", "m/9")).Address;
        var verdicts = await ChainVerifiers.VerifyAllAsync([new { op = "verify", family = "evm", signedTransaction = signed, address, chainId = "1" }]);
        Assert.True(verdicts[0].Ok, verdicts[0].Reason);
    }

    private async Task<KeyInfo> CreateKeyAsync(string name, string scheme) => await Client.CreateKeyAsync(new CreateKeyRequest(name, scheme, 2, 3));

    private async Task<JsonElement> SignAsync(string keyId, string chain, string? path, object transaction) =>
        await Client.SignTransactionAsync(keyId, new TransactionRequest(chain, path, transaction as JsonElement? ?? JsonSerializer.SerializeToElement(transaction)));

    private async Task AssertRefusedAsync(string keyId, string chain, object transaction, string field, string detail)
    {
        var refused = await Assert.ThrowsAsync<ArcanumApiException>(() => SignAsync(keyId, chain, null, transaction));
        Assert.Equal(400, refused.Status);
        Assert.Equal(field, refused.Problem.Field);
        Assert.Contains(detail, refused.Problem.Detail, StringComparison.Ordinal);
    }

    /// <summary>The first <paramref name="valid"/> verdicts accept; every later one (a tampered copy) rejects.</summary>
    private static void AssertVerdicts(IReadOnlyList<VerifierVerdict> verdicts, int valid, string? path)
    {
        for (var i = 0; i < verdicts.Count; i++)
        {
            Assert.True(verdicts[i].Ok == i < valid, $"path {path ?? "m"}, request {i}: ok = {verdicts[i].Ok}, reason: {verdicts[i].Reason}");
        }
    }

    private static object BuildPsbt(string network, params object[] inputs) => new { op = "build", family = "bitcoin", network, inputs };

    /// <summary>Checks the signed PSBT and its transaction; tampered, the PSBT's payment output is one satoshi lower, so no signature covers it.</summary>
    private static object VerifyPsbt(string network, JsonElement signed, int[] expectSigned, bool tamper = false)
    {
        var psbt = Convert.FromBase64String(signed.GetProperty("psbt").GetString()!);
        if (tamper)
        {
            var at = psbt.AsSpan().IndexOf(PaymentAmount);
            Assert.True(at >= 0 && at == psbt.AsSpan().LastIndexOf(PaymentAmount));
            BitConverter.GetBytes(59_999L).CopyTo(psbt, at);
        }

        var signedTransaction = !tamper && signed.TryGetProperty("signedTransaction", out var hex) ? hex.GetString() : null;
        return new { op = "verify", family = "bitcoin", psbt = Convert.ToBase64String(psbt), signedTransaction, network, expectSigned };
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string FlipHex(string hex, int fromEnd)
    {
        var prefixed = hex.StartsWith("0x", StringComparison.Ordinal);
        var bytes = Convert.FromHexString(prefixed ? hex[2..] : hex);
        bytes[^fromEnd] ^= 0x01;
        return (prefixed ? "0x" : "") + Convert.ToHexStringLower(bytes);
    }

    private static string FlipBase64(string base64, Index at)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[at] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
