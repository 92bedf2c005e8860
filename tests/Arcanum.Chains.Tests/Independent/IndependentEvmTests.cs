using System.Text.Json;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>EVM: transactions, personal_sign and typed data signed through our adapters, recovered by ethers v6.</summary>
public sealed class IndependentEvmTests : IDisposable
{
    private const string Legacy = """
        { "type": "0x0", "chainId": "56", "nonce": "9", "gasPrice": "20000000000", "gas": "21000",
          "to": "0x3535353535353535353535353535353535353535", "value": "1000000000000000000", "data": "0x" }
        """;

    private const string DynamicFee = """
        { "type": "0x2", "chainId": "137", "nonce": "0", "maxFeePerGas": "100000000000", "maxPriorityFeePerGas": "2000000000",
          "gas": "100000", "to": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "value": "5", "data": "0xa9059cbb",
          "accessList": [ { "address": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826",
                            "storageKeys": [ "0x0000000000000000000000000000000000000000000000000000000000000001" ] } ] }
        """;

    /// <summary>EIP-712's Mail example.</summary>
    private const string Mail = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    private readonly Secp256k1PrivateKey _key = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x45, 32).ToArray());

    private string Address => EthereumAddress.FromPublicKey(_key.PublicKey).ToString();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task EvmAdapters_LegacyDynamicFeePersonalAndTypedData_RecoverInEthersAndTamperingIsRejected()
    {
        var legacy = SignTransaction(Legacy);
        var dynamicFee = SignTransaction(DynamicFee);
        var message = "0x" + Hex.Encode("Arcanum signs this message"u8);
        var personal = Sign(PersonalSign.SigningItem(Hex.Decode(message.AsSpan(2))));
        var typedData = JsonDocument.Parse(Mail).RootElement;
        Assert.True(TypedData.TryHash(typedData, out var typedHash, out var error), error);
        var typed = Sign(typedHash.SigningItem());
        var otherMail = JsonDocument.Parse(Mail.Replace("Hello, Bob!", "Hello, Eve!", StringComparison.Ordinal)).RootElement;
        var stranger = EthereumAddress.FromBytes(Enumerable.Repeat((byte)0x77, 20).ToArray()).ToString();

        var verdicts = await ChainVerifiers.VerifyAllAsync(
        [
            Transaction(legacy, Address, "56"),
            Transaction(dynamicFee, Address, "137"),
            new { op = "verify", family = "evm-personal", message, signature = personal, address = Address },
            new { op = "verify", family = "evm-typed", typedData, signature = typed, address = Address },
            Transaction(legacy, Address, "1"),
            Transaction(Hex.Encode(Verdicts.Flip(Hex.Decode(dynamicFee.AsSpan(2)), ^1)).Insert(0, "0x"), Address, "137"),
            Transaction(dynamicFee, stranger, "137"),
            new { op = "verify", family = "evm-personal", message = message + "00", signature = personal, address = Address },
            new { op = "verify", family = "evm-typed", typedData = otherMail, signature = typed, address = Address },
        ]);

        Verdicts.AllOk(verdicts[..4]);
        Verdicts.Rejected(verdicts[4], "is for chain id 56, not 1");
        Verdicts.Rejected(verdicts[5], $"not {Address}");
        Verdicts.Rejected(verdicts[6], $"not {stranger}");
        Verdicts.Rejected(verdicts[7], $"not {Address}");
        Verdicts.Rejected(verdicts[8], $"not {Address}");
    }

    private static object Transaction(string signedTransaction, string address, string chainId) =>
        new { op = "verify", family = "evm", signedTransaction, address, chainId };

    private string SignTransaction(string json)
    {
        Assert.True(EvmTransaction.TryParse(JsonDocument.Parse(json).RootElement, out var transaction, out var error), error);
        var signature = new byte[64];
        var recoveryId = _key.SignEcdsa(transaction.SigningHash(), signature);
        return "0x" + Hex.Encode(transaction.Sign(signature, recoveryId).Raw);
    }

    /// <summary>The 65-byte r ‖ s ‖ v (27/28) signature of an item, as the API returns it.</summary>
    private string Sign(SigningItem item)
    {
        var signature = new byte[64];
        var recoveryId = _key.SignEcdsa(item.Payload.Span, signature);
        return "0x" + Hex.Encode(EthereumSignature.Encode(signature, recoveryId));
    }
}
