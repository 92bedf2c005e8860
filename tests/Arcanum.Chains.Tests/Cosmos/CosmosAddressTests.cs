using Arcanum.Chains.Cosmos;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Cosmos;

public sealed class CosmosAddressTests
{
    private static readonly CosmosVectors File = CosmosVectors.Load();

    private static Secp256k1Point FaucetKey =>
        Secp256k1Point.TryDecode(File.PublicKey, out var point) ? point : throw new InvalidOperationException("bad vector key");

    [Fact]
    public void TryEncode_CosmjsFaucet_MatchesVectorAddress()
    {
        Assert.True(CosmosAddress.TryEncode("cosmos", FaucetKey, out var address, out var error), error);
        Assert.Equal(File.Address, address);
    }

    [Fact]
    public void TryEncode_OtherPrefix_SameHashUnderThatPrefix()
    {
        Assert.True(CosmosAddress.TryEncode("osmo", FaucetKey, out var address, out _));
        Assert.True(Bech32.TryDecode(address, out var decoded, out _));
        Assert.True(Bech32.TryDecode(File.Address, out var cosmos, out _));

        Assert.Equal("osmo", decoded.Hrp);
        Assert.Equal(cosmos.Data.ToArray(), decoded.Data.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Cosmos")]
    [InlineData("cos mos")]
    [InlineData("cosmosé")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void TryEncode_InvalidPrefix_Rejected(string? prefix)
    {
        Assert.False(CosmosAddress.TryEncode(prefix, FaucetKey, out var address, out var error));
        Assert.Null(address);
        Assert.Contains("prefix", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryEncode_LongestPrefix_IsNinetyCharacters()
    {
        var prefix = new string('a', CosmosAddress.MaxPrefixLength);

        Assert.True(CosmosAddress.TryEncode(prefix, FaucetKey, out var address, out _));
        Assert.Equal(Bech32.MaxLength, address.Length);
    }
}
