using System.Text.Json;
using System.Text.Json.Nodes;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>
/// ethers.js testcases/transaction.json.gz: 896 transactions with their unsigned and signed legacy
/// (pre-EIP-155), EIP-155 and London (EIP-1559) serializations, signed with RFC 6979.
/// </summary>
public sealed class EthersTransactionVectorTests
{
    private const int EntryCount = 896;

    private static readonly JsonElement Entries = EthereumVectors.ReadGzipJson("ethers-testcases", "transaction.json.gz");

    [Fact]
    public void TryParse_EthersEntriesWithChainId_SerializeHashAndSignAsEthers()
    {
        var (matched, rejected) = (0, 0);
        foreach (var entry in Entries.EnumerateArray())
        {
            var fields = entry.GetProperty("transaction");
            var key = entry.GetProperty("privateKey").GetString()!;
            var hasChainId = fields.TryGetProperty("chainId", out var chainId) && chainId.GetString() != "0x";
            foreach (var (type, unsignedName, signedName) in new[] { (0, "unsignedEip155", "signedEip155"), (2, "unsignedLondon", "signedLondon") })
            {
                var json = JsonRpcForm(fields, type);
                var parsed = EvmTransaction.TryParse(json, out var transaction, out var error);
                if (!hasChainId)
                {
                    Assert.False(parsed);
                    Assert.StartsWith("chainId: ", error, StringComparison.Ordinal);
                    rejected++;
                    continue;
                }

                Assert.True(parsed, $"{entry.GetProperty("name")}: {error}");
                Assert.NotNull(transaction);
                var unsigned = EthereumVectors.HexBytes(entry.GetProperty(unsignedName).GetString()!);
                Assert.Equal(unsigned, transaction.EncodeUnsigned());
                Assert.Equal(Keccak256.Hash(unsigned), transaction.SigningItem().Payload.ToArray());
                var (signature, recoveryId) = EthereumVectors.Sign(key, transaction.SigningHash());
                var signed = transaction.Sign(signature, recoveryId);
                Assert.Equal(entry.GetProperty(signedName).GetString(), "0x" + Hex.Encode(signed.Raw));
                Assert.Equal(Keccak256.Hash(signed.Raw), signed.Hash);
                matched++;
            }
        }

        Assert.Equal(EntryCount, Entries.GetArrayLength());
        Assert.Equal(2 * 495, matched);
        Assert.Equal(2 * (EntryCount - 495), rejected);
    }

    [Theory]
    [InlineData("unsignedLegacy", "signedLegacy", EntryCount)]
    [InlineData("unsignedEip155", "signedEip155", 495)]
    [InlineData("unsignedLondon", "signedLondon", EntryCount)]
    public void TryDecode_EthersSignedTransactions_RecoverSenderAndReSignIdentically(string unsignedName, string signedName, int expected)
    {
        var count = 0;
        foreach (var entry in Entries.EnumerateArray())
        {
            var signedHex = entry.GetProperty(signedName).GetString()!;
            var raw = EthereumVectors.HexBytes(signedHex);
            if (!DecodedEvmTransaction.TryDecode(raw, out var decoded, out var error))
            {
                // EIP-155 with chain id 0 (v = 35/36) is refused; ethers writes it only for entries without a chain id.
                Assert.Equal("signedEip155", signedName);
                Assert.StartsWith("v: ", error, StringComparison.Ordinal);
                continue;
            }

            var key = entry.GetProperty("privateKey").GetString()!;
            using var privateKey = EthereumVectors.Key(key);
            Assert.Equal(EthereumVectors.HexBytes(entry.GetProperty(unsignedName).GetString()!), decoded.Transaction.EncodeUnsigned());
            Assert.True(decoded.TryRecoverSender(out var sender));
            Assert.Equal(EthereumAddress.FromPublicKey(privateKey.PublicKey), sender);
            Assert.Equal(Keccak256.Hash(raw), decoded.Hash.ToArray());
            var (signature, recoveryId) = EthereumVectors.Sign(key, decoded.Transaction.SigningHash());
            Assert.Equal(signedHex, "0x" + Hex.Encode(decoded.Transaction.Sign(signature, recoveryId).Raw));
            count++;
        }

        Assert.Equal(expected, count);
    }

    /// <summary>
    /// The fixture's fields in JSON-RPC form for one type: the fee fields of that type only, absent
    /// quantities as 0 (ethers' default) and the fixture's empty byte string "0x" for zero written "0x0".
    /// </summary>
    private static JsonElement JsonRpcForm(JsonElement fields, int type)
    {
        var allowed = type == 0
            ? new[] { "chainId", "nonce", "gasLimit", "gasPrice", "to", "value", "data" }
            : ["chainId", "nonce", "gasLimit", "maxFeePerGas", "maxPriorityFeePerGas", "to", "value", "data", "accessList"];
        var json = new JsonObject { ["type"] = type };
        foreach (var name in allowed)
        {
            if (fields.TryGetProperty(name, out var value))
            {
                json[name] = value.ValueKind == JsonValueKind.String && value.GetString() == "0x" && name != "data"
                    ? "0x0" : JsonNode.Parse(value.GetRawText());
            }
            else if (name is not "to" and not "data" and not "accessList" and not "chainId")
            {
                json[name] = 0;
            }
        }

        return JsonSerializer.SerializeToElement(json);
    }
}
