using System.Text.Json;
using System.Text.Json.Nodes;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>EIP-712 hashing: the EIP's own Mail example, the v4 arrays example, and malformed requests.</summary>
public sealed class TypedDataTests
{
    /// <summary>EIP-712 §Test Cases (assets/eip-712/Example.js): the Mail example.</summary>
    private const string MailExample = """
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

    /// <summary>EIP-712 Example.js: domainSeparator, hashStruct(mail) and the digest signed.</summary>
    private const string MailDomainSeparator = "f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f";
    private const string MailMessageHash = "c52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e";
    private const string MailDigest = "be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2";

    /// <summary>EIP-712 Example.js: the signature by the key keccak256("cow").</summary>
    private const string MailSignatureR = "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d";
    private const string MailSignatureS = "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562";
    private const int MailSignatureV = 28;

    /// <summary>
    /// The eth_signTypedData_v4 arrays example (MetaMask eth-sig-util's v4 test data): Person with an
    /// address[] and Mail with a Person[]; an unreferenced Group type must not enter encodeType.
    /// </summary>
    private const string ArraysExample = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallets", "type": "address[]" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person[]" }, { "name": "contents", "type": "string" } ],
            "Group": [ { "name": "name", "type": "string" }, { "name": "members", "type": "Person[]" } ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xcccccccccccccccccccccccccccccccccccccccc" },
          "message": {
            "from": { "name": "Cow", "wallets": [ "0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826", "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef" ] },
            "to": [ { "name": "Bob", "wallets": [
              "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "0xb0bdabea57b0bdabea57b0bdabea57b0bdabea57", "0xb0b0b0b0b0b0b000000000000000000000000000" ] } ],
            "contents": "Hello, Bob!"
          }
        }
        """;

    private const string ArraysMessageHash = "eb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8";
    private const string ArraysDigest = "a85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2";

    [Fact]
    public void TryHash_Eip712MailExample_MatchesTheEip()
    {
        Assert.True(TypedData.TryHash(Parse(MailExample), out var hash, out var error), error);
        Assert.Equal(MailDomainSeparator, Hex.Encode(hash.DomainSeparator));
        Assert.Equal(MailMessageHash, Hex.Encode(hash.MessageHash));
        Assert.Equal(MailDigest, Hex.Encode(hash.Digest));
        Assert.Equal(hash.Digest, hash.SigningItem().Payload.ToArray());
    }

    [Fact]
    public void TryHash_Eip712MailExample_SignedByCowGivesTheEipSignature()
    {
        Assert.True(TypedData.TryHash(Parse(MailExample), out var hash, out _));
        using var cow = Secp256k1PrivateKey.Import(Keccak256.Hash("cow"u8));
        var signature = new byte[64];
        var recoveryId = cow.SignEcdsa(hash.Digest, signature);

        var encoded = EthereumSignature.Encode(signature, recoveryId);
        Assert.Equal(MailSignatureR + MailSignatureS, Hex.Encode(encoded.AsSpan(0, 64)));
        Assert.Equal(MailSignatureV, encoded[64]);
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", EthereumAddress.FromPublicKey(cow.PublicKey).ToString());
    }

    [Fact]
    public void TryHash_V4ArraysExample_MatchesReference()
    {
        Assert.True(TypedData.TryHash(Parse(ArraysExample), out var hash, out var error), error);
        Assert.Equal(MailDomainSeparator, Hex.Encode(hash.DomainSeparator));
        Assert.Equal(ArraysMessageHash, Hex.Encode(hash.MessageHash));
        Assert.Equal(ArraysDigest, Hex.Encode(hash.Digest));
    }

    [Fact]
    public void TryHash_PrimaryTypeIsDomain_DigestCoversDomainOnly()
    {
        var json = JsonNode.Parse(MailExample)!;
        json["primaryType"] = TypedData.DomainType;
        json.AsObject().Remove("message");

        Assert.True(TypedData.TryHash(Parse(json.ToJsonString()), out var hash, out var error), error);
        Assert.Null(hash.MessageHash);
        Assert.Equal(Keccak256.Hash([0x19, 0x01, .. Hex.Decode(MailDomainSeparator)]), hash.Digest);
    }

    [Theory]
    [InlineData("intN extremes", "int8", "-128", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80")]
    [InlineData("intN extremes", "int8", "127", "000000000000000000000000000000000000000000000000000000000000007f")]
    [InlineData("uint256 max", "uint256", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("bytesN right-padded", "bytes2", "0xabcd", "abcd000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("bool", "bool", "true", "0000000000000000000000000000000000000000000000000000000000000001")]
    public void TryHash_AtomicValue_EncodesAsAbiWord(string scenario, string type, string value, string word)
    {
        var valueJson = type == "bool" ? value : JsonSerializer.Serialize(value);
        Assert.True(TypedData.TryHash(Parse(SingleField(type, valueJson)), out var hash, out var error), $"{scenario}: {error}");
        var typeHash = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes($"T({type} v)"));
        Assert.Equal(Keccak256.Hash([.. typeHash, .. Hex.Decode(word)]), hash.MessageHash);
    }

    [Theory]
    [InlineData("uint8", "256", "outside")]
    [InlineData("uint8", "\"-1\"", "outside")]
    [InlineData("int8", "\"-129\"", "outside")]
    [InlineData("uint256", "1.5", "integer")]
    [InlineData("uint256", "9007199254740993", "integer")]
    [InlineData("bytes2", "\"0xabcdef\"", "longer than 2 bytes")]
    [InlineData("bytes2", "\"abcd\"", "0x")]
    [InlineData("bytes", "\"0xabc\"", "odd")]
    [InlineData("bool", "1", "true or false")]
    [InlineData("address", "\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827\"", "checksum")]
    [InlineData("string", "null", "string")]
    [InlineData("uint256[2]", "[1]", "exactly 2")]
    [InlineData("uint", "1", "neither")]
    [InlineData("bytes33", "\"0x00\"", "neither")]
    [InlineData("uint7", "1", "neither")]
    [InlineData("Missing", "{}", "neither")]
    public void TryHash_BadValueOrType_FailsNamingTheField(string type, string valueJson, string expected)
    {
        Assert.False(TypedData.TryHash(Parse(SingleField(type, valueJson)), out var hash, out var error));
        Assert.Null(hash);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(".v", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message.from.extra", "unknown field")]
    [InlineData("-message.from.wallet", "required")]
    [InlineData("-domain", "domain: required")]
    [InlineData("-types.EIP712Domain", "EIP712Domain: required")]
    [InlineData("primaryType=Nobody", "not a type declared")]
    [InlineData("extra", "unknown field")]
    public void TryHash_MailExampleMutated_FailsWithClearError(string mutation, string expected)
    {
        var json = JsonNode.Parse(MailExample)!.AsObject();
        if (mutation.StartsWith("primaryType=", StringComparison.Ordinal))
        {
            json["primaryType"] = mutation["primaryType=".Length..];
        }
        else
        {
            var remove = mutation.StartsWith('-');
            var path = (remove ? mutation[1..] : mutation).Split('.');
            var parent = path[..^1].Aggregate((JsonNode)json, (node, name) => node[name]!).AsObject();
            if (remove)
            {
                parent.Remove(path[^1]);
            }
            else
            {
                parent[path[^1]] = "x";
            }
        }

        Assert.False(TypedData.TryHash(Parse(json.ToJsonString()), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryHash_RecursiveStructNestedTooDeep_FailsWithoutThrowing()
    {
        var value = "{\"next\":[]}";
        for (var i = 0; i < TypedDataDepth; i++)
        {
            value = $"{{\"next\":[{value}]}}";
        }

        var json = $$"""
            { "types": { "EIP712Domain": [], "Node": [ { "name": "next", "type": "Node[]" } ] },
              "primaryType": "Node", "domain": {}, "message": {{value}} }
            """;
        Assert.False(TypedData.TryHash(JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }).RootElement, out _, out var error));
        Assert.Contains("nested deeper", error, StringComparison.Ordinal);
    }

    private const int TypedDataDepth = 40;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string SingleField(string type, string valueJson) => $$"""
        { "types": { "EIP712Domain": [], "T": [ { "name": "v", "type": "{{type}}" } ] },
          "primaryType": "T", "domain": {}, "message": { "v": {{valueJson}} } }
        """;
}
