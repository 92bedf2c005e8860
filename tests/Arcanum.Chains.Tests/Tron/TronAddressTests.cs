using System.IO.Compression;
using System.Text.Json;
using Arcanum.Chains.Tron;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;

namespace Arcanum.Chains.Tests.Tron;

public sealed class TronAddressTests
{
    /// <summary>
    /// Private key 1: its Ethereum address 0x7E5F…5Bdf (ethers accounts vectors) behind 0x41, Base58Check-encoded by
    /// an independent implementation (Python hashlib SHA-256 and integer base conversion).
    /// </summary>
    private const string KeyOneAddress = "TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC";

    private static byte[] KeyOne => Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001");

    [Fact]
    public void Encode_PrivateKeyOne_MatchesIndependentComputation()
    {
        using var key = Secp256k1PrivateKey.Import(KeyOne);

        Assert.Equal(KeyOneAddress, TronAddress.Encode(key.PublicKey));
    }

    /// <summary>
    /// ethers accounts vectors (private key → Ethereum address = keccak256(X ‖ Y)[12..]): for all 259, the Tron
    /// address is 0x41 followed by the same 20 bytes, and its text parses back to them.
    /// </summary>
    [Fact]
    public void Encode_EthersAccounts_SameHashAsEthereumAddress()
    {
        using var stream = new GZipStream(System.IO.File.OpenRead(VectorFiles.Path("ethereum", "ethers-testcases", "accounts.json.gz")), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(stream);
        var count = 0;
        foreach (var account in document.RootElement.EnumerateArray())
        {
            using var key = Secp256k1PrivateKey.Import(Hex.Decode(account.GetProperty("privateKey").GetString().AsSpan(2)));
            var ethereum = Hex.Decode(account.GetProperty("address").GetString().AsSpan(2));

            var text = TronAddress.Encode(key.PublicKey);

            Assert.True(TronAddress.TryParse(text, out var parsed, out var error), error);
            Assert.Equal([TronAddress.Prefix, .. ethereum], parsed);
            Assert.StartsWith("T", text, StringComparison.Ordinal);
            count++;
        }

        Assert.Equal(259, count);
    }

    [Fact]
    public void TryParse_WrongPrefix_RejectedNamingIt()
    {
        var text = Base58Check.Encode([0x00, .. new byte[20]]);

        Assert.False(TronAddress.TryParse(text, out _, out var error));
        Assert.Contains("0x41", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(22)]
    public void TryParse_WrongLength_RejectedNamingIt(int length)
    {
        var payload = new byte[length];
        payload[0] = TronAddress.Prefix;

        Assert.False(TronAddress.TryParse(Base58Check.Encode(payload), out _, out var error));
        Assert.Contains("21 bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HD")]
    [InlineData("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2H")]
    [InlineData("0MVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC")]
    [InlineData(" TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC")]
    public void TryParse_NotBase58Check_Rejected(string? text)
    {
        Assert.False(TronAddress.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Contains("Base58Check", error, StringComparison.Ordinal);
    }
}
