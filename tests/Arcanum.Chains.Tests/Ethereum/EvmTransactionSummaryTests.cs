using System.Numerics;
using System.Text.Json;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>EvmTransaction.Summarize: native transfers, ERC-20 transfer/transferFrom/approve, unknown calls, contract creation.</summary>
public sealed class EvmTransactionSummaryTests
{
    /// <summary>USDT's mainnet contract (EIP-55), the token every ERC-20 case below calls.</summary>
    private const string Token = "0xdAC17F958D2ee523a2206206994597C13D831ec7";

    private const string Recipient = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private const string Owner = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";

    private static readonly JsonElement Entries = EthereumVectors.ReadGzipJson("ethers-testcases", "transaction.json.gz");

    [Fact]
    public void Summarize_EthersSignedTransactions_PlainTransfersMoveValueAndCallsAreUnknown()
    {
        var (transfers, calls) = (0, 0);
        foreach (var entry in Entries.EnumerateArray())
        {
            Assert.True(DecodedEvmTransaction.TryDecode(EthereumVectors.HexBytes(entry.GetProperty("signedLondon").GetString()!), out var decoded, out var error), error);
            var transaction = decoded.Transaction;
            var summary = transaction.Summarize();
            Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
            if (transaction.To is null)
            {
                Assert.Empty(summary.Destinations);
                Assert.Null(summary.Amount);
                continue;
            }

            Assert.Equal([transaction.To.ToString()], summary.Destinations);
            if (transaction.Data.IsEmpty)
            {
                Assert.Equal(transaction.Value, summary.Amount);
                transfers++;
            }
            else
            {
                Assert.Null(summary.Amount);
                calls++;
            }
        }

        Assert.True(transfers > 100 && calls > 100, $"{transfers} transfers, {calls} calls");
    }

    [Fact]
    public void Summarize_Eip155Example_NativeOneEtherToTheRecipient()
    {
        var summary = Parse("0x3535353535353535353535353535353535353535", "1000000000000000000", "0x").Summarize();
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal(["0x3535353535353535353535353535353535353535"], summary.Destinations);
        Assert.Equal(BigInteger.Pow(10, 18), summary.Amount);
    }

    [Fact]
    public void Summarize_Erc20Transfer_TokenToRecipient()
    {
        var summary = Parse(Token.ToLowerInvariant(), "0", Call("a9059cbb", Word(Recipient), Word(1_500_000))).Summarize();
        Assert.Equal(Token, summary.Asset);
        Assert.Equal([Recipient], summary.Destinations);
        Assert.Equal(new BigInteger(1_500_000), summary.Amount);
    }

    [Fact]
    public void Summarize_Erc20TransferFrom_DestinationIsTheSecondAddress()
    {
        var summary = Parse(Token, "0", Call("23b872dd", Word(Owner), Word(Recipient), Word(7))).Summarize();
        Assert.Equal(Token, summary.Asset);
        Assert.Equal([Recipient], summary.Destinations);
        Assert.Equal(new BigInteger(7), summary.Amount);
    }

    [Fact]
    public void Summarize_Erc20ApproveOfMaxUint256_SpenderAndAllowance()
    {
        var summary = Parse(Token, "0", Call("095ea7b3", Word(Owner), new string('f', 64))).Summarize();
        Assert.Equal(Token, summary.Asset);
        Assert.Equal([Owner], summary.Destinations);
        Assert.Equal(EvmTransaction.MaxUInt256, summary.Amount);
    }

    [Fact]
    public void Summarize_Erc20TransferWithEtherAttached_TwoAssetsSoAssetAndAmountUnknown()
    {
        var summary = Parse(Token, "1", Call("a9059cbb", Word(Recipient), Word(5))).Summarize();
        Assert.Null(summary.Asset);
        Assert.Null(summary.Amount);
        Assert.Equal([Recipient, Token], summary.Destinations);
    }

    public static TheoryData<string> NotExactlyAbiEncoded => new()
    {
        Call("a9059cbb", Word(Recipient)),                                     // one word short
        Call("a9059cbb", Word(Recipient), Word(5))[..^2],                      // truncated last word
        Call("a9059cbb", Word(Recipient), Word(5), Word(0)),                   // an extra word
        Call("a9059cbb", "01" + Word(Recipient)[2..], Word(5)),                // non-zero address padding
        Call("23b872dd", Word(Owner), "00000000000000000000ff" + Word(Recipient)[22..], Word(5)),
        Call("a9059cbc", Word(Recipient), Word(5)),                            // unknown selector
        "0xa9059c",                                                            // shorter than a selector
    };

    [Theory]
    [MemberData(nameof(NotExactlyAbiEncoded))]
    public void Summarize_CallDataNotAnExactErc20Call_NativeToContractWithUnknownAmount(string data)
    {
        var summary = Parse(Token, "0", data).Summarize();
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal([Token], summary.Destinations);
        Assert.Null(summary.Amount);
    }

    [Fact]
    public void Summarize_ContractCreationWithValue_NoDestinationsAndUnknownAmount()
    {
        var summary = Parse(null, "5", "0x6000").Summarize();
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Empty(summary.Destinations);
        Assert.Null(summary.Amount);
    }

    [Theory]
    [InlineData("a9059cbb", Erc20Function.Transfer, 0)]
    [InlineData("095ea7b3", Erc20Function.Approve, 0)]
    [InlineData("23b872dd", Erc20Function.TransferFrom, 1)]
    public void TryDecode_EachFunction_ReadsDestinationWordAndAmount(string selector, Erc20Function function, int destinationWord)
    {
        string[] words = function == Erc20Function.TransferFrom ? [Word(Owner), Word(Recipient), Word(42)] : [Word(Recipient), Word(42)];
        Assert.True(Erc20Call.TryDecode(Hex.Decode(Call(selector, words).AsSpan(2)), out var call));
        Assert.Equal(function, call!.Function);
        Assert.Equal(Hex.Decode(words[destinationWord].AsSpan(24)), call.Destination.ToArray());
        Assert.Equal(new BigInteger(42), call.Amount);
    }

    private static EvmTransaction Parse(string? to, string value, string data)
    {
        var json = JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["type"] = 2, ["chainId"] = 1, ["nonce"] = 0, ["maxFeePerGas"] = "100", ["maxPriorityFeePerGas"] = "2",
            ["gas"] = 100000, ["to"] = to, ["value"] = value, ["data"] = data,
        });
        Assert.True(EvmTransaction.TryParse(json, out var transaction, out var error), error);
        return transaction;
    }

    private static string Call(string selector, params string[] words) => "0x" + selector + string.Concat(words);

    private static string Word(string address) => new string('0', 24) + address[2..].ToLowerInvariant();

    private static string Word(BigInteger amount) => amount.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..];
}
