using Arcanum.Chains.Solana;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Solana;

public sealed class SolanaAddressTests
{
    [Fact]
    public void Encode_AllZeroKey_IsTheSystemProgramAddress()
    {
        Assert.Equal("11111111111111111111111111111111", SolanaAddress.Encode(new byte[32]));
    }

    /// <summary>RFC 8032 §7.1 TEST 1 public key; the text was computed with an independent Base58 implementation.</summary>
    [Fact]
    public void Encode_Rfc8032TestOneKey_MatchesIndependentBase58()
    {
        var key = Hex.Decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

        var text = SolanaAddress.Encode(key);

        Assert.Equal("FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z", text);
        Assert.True(SolanaAddress.TryParse(text, out var parsed, out _));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData("", "Base58")]
    [InlineData(null, "Base58")]
    [InlineData("FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96O", "Base58")]
    [InlineData("1111111111111111111111111111111", "not 31")]
    [InlineData("FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z1", "not 33")]
    public void TryParse_Invalid_Rejected(string? text, string expected)
    {
        Assert.False(SolanaAddress.TryParse(text, out var key, out var error));
        Assert.Null(key);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
