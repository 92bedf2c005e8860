using Arcanum.Chains.Ethereum;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>Addresses from keys and EIP-55 checksums: ethers testcases/accounts.json.gz and the EIP-55 examples.</summary>
public sealed class EthereumAddressTests
{
    private const int AccountCount = 259;

    [Fact]
    public void FromPublicKey_EthersAccounts_GiveTheChecksummedAddress()
    {
        var accounts = EthereumVectors.ReadGzipJson("ethers-testcases", "accounts.json.gz");
        var count = 0;
        foreach (var account in accounts.EnumerateArray())
        {
            using var key = EthereumVectors.Key(account.GetProperty("privateKey").GetString()!);
            var expected = account.GetProperty("address").GetString()!;
            var address = EthereumAddress.FromPublicKey(key.PublicKey);

            Assert.Equal(expected, address.ToString());
            Assert.True(EthereumAddress.TryParse(expected, out var parsed, out _));
            Assert.Equal(address, parsed);
            Assert.True(EthereumAddress.TryParse(expected.ToLowerInvariant(), out var lower, out _));
            Assert.Equal(address, lower);
            count++;
        }

        Assert.Equal(AccountCount, count);
    }

    /// <summary>The four example addresses of EIP-55 §Test Cases.</summary>
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void TryParse_Eip55Examples_RoundTripAndRejectEveryCaseFlip(string text)
    {
        Assert.True(EthereumAddress.TryParse(text, out var address, out _));
        Assert.Equal(text, address.ToString());
        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                continue;
            }

            var chars = text.ToCharArray();
            chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            Assert.False(EthereumAddress.TryParse(new string(chars), out _, out var error));
            Assert.Contains("checksum", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void TryParse_Malformed_FailsWithError(string? text)
    {
        Assert.False(EthereumAddress.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
