using System.Text.Json;
using System.Text.Json.Nodes;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>The unsigned-transaction JSON: accepted spellings, and each kind of bad input refused with the field named.</summary>
public sealed class EvmTransactionJsonTests
{
    private const string Legacy = """
        { "type": "0x0", "chainId": 1, "nonce": 9, "gasPrice": "20000000000", "gas": "0x5208",
          "to": "0x3535353535353535353535353535353535353535", "value": "1000000000000000000", "data": "0x" }
        """;

    private const string DynamicFee = """
        { "type": 2, "chainId": "0x89", "nonce": "0", "maxFeePerGas": "100", "maxPriorityFeePerGas": "2", "gasLimit": 100000,
          "to": null, "value": "0", "input": "0x6000",
          "accessList": [ { "address": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826",
                            "storageKeys": [ "0x0000000000000000000000000000000000000000000000000000000000000001" ] } ] }
        """;

    [Fact]
    public void TryParse_Eip155ExampleWithEquivalentSpellings_SignsTheSameHash()
    {
        Assert.True(EvmTransaction.TryParse(Parse(Legacy), out var transaction, out var error), error);
        Assert.Equal("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Hex.Encode(transaction.SigningHash()));
        Assert.Equal(SignatureKind.EcdsaSecp256k1, transaction.SigningItem().Kind);
    }

    [Fact]
    public void TryParse_DynamicFeeContractCreation_ReadsEveryField()
    {
        Assert.True(EvmTransaction.TryParse(Parse(DynamicFee), out var transaction, out var error), error);
        Assert.Equal(EvmTransactionType.DynamicFee, transaction.Type);
        Assert.Equal(137UL, transaction.ChainId);
        Assert.Null(transaction.To);
        Assert.Equal(100000UL, transaction.GasLimit);
        Assert.Equal(new byte[] { 0x60, 0x00 }, transaction.Data.ToArray());
        Assert.Single(transaction.AccessList[0].StorageKeys);
        Assert.Equal(0x02, transaction.EncodeUnsigned()[0]);

        var signed = transaction.Sign(new byte[64].Select((_, i) => (byte)(i + 1)).ToArray(), 1);
        Assert.True(DecodedEvmTransaction.TryDecode(signed.Raw, out var decoded, out var decodeError), decodeError);
        Assert.Equal(transaction.EncodeUnsigned(), decoded.Transaction.EncodeUnsigned());
        Assert.Equal(1, decoded.RecoveryId);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("18446744073709551615", 0)]
    [InlineData("18446744073709551615", 1)]
    public void Sign_LegacyChainIdUpTo64Bits_DecodesBackToTheSameChainAndRecoveryId(string chainId, int recoveryId)
    {
        var json = JsonNode.Parse(Legacy)!.AsObject();
        json["chainId"] = chainId;
        Assert.True(EvmTransaction.TryParse(Parse(json.ToJsonString()), out var transaction, out _));

        var signed = transaction.Sign(Enumerable.Repeat((byte)0x11, 64).ToArray(), recoveryId);
        Assert.True(DecodedEvmTransaction.TryDecode(signed.Raw, out var decoded, out var error), error);
        Assert.Equal(ulong.Parse(chainId, System.Globalization.CultureInfo.InvariantCulture), decoded.Transaction.ChainId);
        Assert.Equal(recoveryId, decoded.RecoveryId);
        Assert.Equal(transaction.SigningHash(), decoded.Transaction.SigningHash());
    }

    [Theory]
    [InlineData(Legacy, "-chainId", "chainId: required")]
    [InlineData(Legacy, "chainId=0", "chainId: must be at least 1")]
    [InlineData(Legacy, "chainId=\"18446744073709551616\"", "chainId: 18446744073709551616 exceeds")]
    [InlineData(Legacy, "-nonce", "nonce: required")]
    [InlineData(Legacy, "nonce=-1", "nonce: a JSON number")]
    [InlineData(Legacy, "nonce=\"-1\"", "nonce: '-1' is not")]
    [InlineData(Legacy, "nonce=1.5", "nonce: a JSON number")]
    [InlineData(Legacy, "nonce=9007199254740992", "nonce: a JSON number")]
    [InlineData(Legacy, "nonce=\"09\"", "nonce: decimal quantity has a leading zero")]
    [InlineData(Legacy, "nonce=\"0x\"", "nonce: hex quantity")]
    [InlineData(Legacy, "nonce=\"0xg\"", "nonce: '0xg' is not")]
    [InlineData(Legacy, "nonce=true", "nonce: expected a quantity")]
    [InlineData(Legacy, "value=\"0x10000000000000000000000000000000000000000000000000000000000000000\"", "value: hex quantity")]
    [InlineData(Legacy, "value=\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"", "value: 1157")]
    [InlineData(Legacy, "-gas", "gas: required")]
    [InlineData(Legacy, "gasLimit=1", "gas: given both")]
    [InlineData(Legacy, "-gasPrice", "gasPrice: required")]
    [InlineData(Legacy, "-type;-gasPrice", "type: absent")]
    [InlineData(Legacy, "-type;maxFeePerGas=1", "type: absent")]
    [InlineData(Legacy, "maxFeePerGas=1", "maxFeePerGas: not allowed in a type 0")]
    [InlineData(Legacy, "accessList=[]", "accessList: not allowed")]
    [InlineData(Legacy, "type=1", "type: 1 is not supported")]
    [InlineData(Legacy, "type=\"0x100\"", "type: 256 exceeds")]
    [InlineData(Legacy, "to=\"0x35353535353535353535353535353535353535\"", "to: expected 0x")]
    [InlineData(Legacy, "to=\"0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"", "to: mixed-case")]
    [InlineData(Legacy, "to=\"\"", "to: expected 0x")]
    [InlineData(Legacy, "to=5", "to: expected an address string")]
    [InlineData(Legacy, "data=\"0x123\"", "data: odd number")]
    [InlineData(Legacy, "data=\"1234\"", "data: hex data must start with 0x")]
    [InlineData(Legacy, "data=\"0xzz\"", "data: contains")]
    [InlineData(Legacy, "input=\"0x\"", "data: given both")]
    [InlineData(Legacy, "from=\"0x3535353535353535353535353535353535353535\"", "from: unknown field")]
    [InlineData(DynamicFee, "maxPriorityFeePerGas=\"101\"", "maxPriorityFeePerGas: 101 exceeds maxFeePerGas 100")]
    [InlineData(DynamicFee, "-maxFeePerGas", "maxFeePerGas: required")]
    [InlineData(DynamicFee, "gasPrice=1", "gasPrice: not allowed in a type 2")]
    [InlineData(DynamicFee, "accessList={}", "accessList: expected an array")]
    [InlineData(DynamicFee, "accessList=[{\"address\":\"0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826\"}]", "accessList[0].storageKeys: required")]
    [InlineData(DynamicFee, "accessList=[{\"address\":\"0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826\",\"storageKeys\":[\"0x01\"]}]", "accessList[0].storageKeys[0]: a storage key is 32 bytes")]
    [InlineData(DynamicFee, "accessList=[{\"address\":\"0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826\",\"storageKeys\":[],\"x\":1}]", "accessList[0].x: unknown field")]
    public void TryParse_Mutated_FailsNamingTheField(string baseline, string mutation, string expected)
    {
        var json = JsonNode.Parse(baseline)!.AsObject();
        foreach (var step in mutation.Split(';'))
        {
            if (step.StartsWith('-'))
            {
                json.Remove(step[1..]);
            }
            else
            {
                var separator = step.IndexOf('=', StringComparison.Ordinal);
                json[step[..separator]] = JsonNode.Parse(step[(separator + 1)..]);
            }
        }

        Assert.False(EvmTransaction.TryParse(Parse(json.ToJsonString()), out var transaction, out var error));
        Assert.Null(transaction);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"0x02\"")]
    [InlineData("null")]
    public void TryParse_NotAnObject_Fails(string json)
    {
        Assert.False(EvmTransaction.TryParse(Parse(json), out _, out var error));
        Assert.Contains("expected a JSON object", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Sign_RecoveryIdOutOfRange_Throws(int recoveryId)
    {
        Assert.True(EvmTransaction.TryParse(Parse(Legacy), out var transaction, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => transaction.Sign(new byte[64], recoveryId));
        Assert.Throws<ArgumentException>(() => transaction.Sign(new byte[63], 0));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
