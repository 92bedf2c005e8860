using System.Text.Json;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>EIP-191 personal_sign.</summary>
public sealed class PersonalSignTests
{
    /// <summary>hashMessage("Hello World") as documented by web3.js and ethers (eth_accounts.hashMessage).</summary>
    private const string HelloWorldHash = "a1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2";

    /// <summary>The well-known development key 0xac09…ff80 (Hardhat/Anvil account 0) and its address.</summary>
    private const string DevelopmentKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string DevelopmentAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    [Fact]
    public void Hash_HelloWorld_MatchesWeb3AndEthers()
    {
        Assert.Equal(HelloWorldHash, Hex.Encode(PersonalSign.Hash("Hello World"u8)));
    }

    [Fact]
    public void TryParseMessage_HexMessage_HashesItsBytes()
    {
        var json = JsonSerializer.SerializeToElement("0x" + Hex.Encode("Hello World"u8));
        Assert.True(PersonalSign.TryParseMessage(json, out var message, out var error), error);
        Assert.Equal(HelloWorldHash, Hex.Encode(PersonalSign.SigningItem(message).Payload.Span));
    }

    [Theory]
    [InlineData("\"Hello\"")]
    [InlineData("\"0x123\"")]
    [InlineData("\"0xzz\"")]
    [InlineData("42")]
    public void TryParseMessage_NotHex_Fails(string json)
    {
        Assert.False(PersonalSign.TryParseMessage(JsonDocument.Parse(json).RootElement, out var message, out var error));
        Assert.Null(message);
        Assert.StartsWith("personalSign: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(1000)]
    public void SigningItem_SignedMessage_RecoversToTheSignerWithV27Or28(int length)
    {
        var message = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        using var key = EthereumVectors.Key(DevelopmentKey);
        var digest = PersonalSign.SigningItem(message).Payload.ToArray();
        var signature = new byte[64];
        var encoded = EthereumSignature.Encode(signature, key.SignEcdsa(digest, signature));

        Assert.Equal(EthereumSignature.Length, encoded.Length);
        Assert.InRange(encoded[64], 27, 28);
        Assert.True(Secp256k1Ecdsa.TryRecover(digest, encoded.AsSpan(0, 64), encoded[64] - 27, out var recovered));
        Assert.Equal(DevelopmentAddress, EthereumAddress.FromPublicKey(recovered).ToString());
        Assert.NotEqual(digest, PersonalSign.Hash([.. message, 0]));
    }
}
