using System.Globalization;
using System.Numerics;
using Arcanum.Chains.Cosmos;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.TestKit.Verifiers;
using static Arcanum.Chains.Tests.ProtobufBytes;

namespace Arcanum.Chains.Tests.Cosmos;

/// <summary>CosmosDirectSigning.Summarize: MsgSend coins per denom, other messages, and strict decoding of every level.</summary>
public sealed class CosmosSummaryTests
{
    private const string MsgSend = "/cosmos.bank.v1beta1.MsgSend";
    private const string From = "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6";
    private const string To = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu";

    /// <summary>A second account: twenty 0x11 bytes under the cosmos prefix.</summary>
    private static readonly string To2 = Bech32.Encode("cosmos", Bech32.ToFiveBitGroups(Enumerable.Repeat((byte)0x11, 20).ToArray()), Bech32Variant.Bech32);

    private static readonly CosmosVectors File = CosmosVectors.Load();

    private static readonly BigInteger MaxInt = (BigInteger.One << 256) - 1;

    private static Secp256k1Point Key => Secp256k1Point.TryDecode(File.PublicKey, out var point) ? point : throw new InvalidOperationException("bad vector key");

    [Fact]
    public void Summarize_CosmjsVectors_UcosmToTheRecipient()
    {
        Assert.All(File.Vectors, vector =>
        {
            var summary = Summarize(vector.BodyBytes);
            Assert.Equal("ucosm", summary.Asset);
            Assert.Equal([To], summary.Destinations);
            Assert.Equal(new BigInteger(1_234_567), summary.Amount);
        });
    }

    [Fact]
    public async Task Summarize_MsgSendBuiltByCosmjsTypes_UatomWithMemoIgnored()
    {
        var built = await ChainVerifiers.RunAsync([new
        {
            op = "build", family = "cosmos", publicKey = Convert.ToHexStringLower(File.PublicKey), chainId = "cosmoshub-4", accountNumber = "7", sequence = "0",
        }]);
        var request = new CosmosSignRequest(
            built[0].GetProperty("bodyBytes").GetString(), built[0].GetProperty("authInfoBytes").GetString(),
            built[0].GetProperty("chainId").GetString(), built[0].GetProperty("accountNumber").GetString());
        Assert.True(CosmosDirectSigning.TryCreate(request, Key, out var signing, out var error), error);

        var summary = signing.Summarize();

        Assert.Equal("uatom", summary.Asset);
        Assert.StartsWith("cosmos1", Assert.Single(summary.Destinations), StringComparison.Ordinal);
        Assert.Equal(new BigInteger(1_234_567), summary.Amount);
    }

    [Fact]
    public void Summarize_TwoMsgSendsOneDenom_SumsAboveUInt256()
    {
        var summary = Summarize(Body(Send(To, Coin("uatom", MaxInt)), Send(To2, Coin("uatom", MaxInt), Coin("uatom", 1))));
        Assert.Equal("uatom", summary.Asset);
        Assert.Equal([To, To2], summary.Destinations);
        Assert.Equal((MaxInt * 2) + 1, summary.Amount);
    }

    [Fact]
    public void Summarize_SeveralDenoms_AssetAndAmountUnknown()
    {
        var summary = Summarize(Body(Send(To, Coin("uatom", 1), Coin("uosmo", 2))));
        Assert.Equal((null, (BigInteger?)null), (summary.Asset, summary.Amount));
        Assert.Equal([To], summary.Destinations);
    }

    [Fact]
    public void Summarize_OtherMessageBesideMsgSend_DenomKeptAmountUnknown()
    {
        var delegation = Any("/cosmos.staking.v1beta1.MsgDelegate", Message(String(1, From), String(2, "cosmosvaloper1xyz"), Bytes(3, Coin("uatom", 5))));
        var summary = Summarize(Body(Send(To, Coin("uatom", 1)), delegation));
        Assert.Equal(("uatom", (BigInteger?)null), (summary.Asset, summary.Amount));
        Assert.Equal([To], summary.Destinations);
    }

    [Fact]
    public void Summarize_OnlyOtherMessages_Unknown()
    {
        var summary = Summarize(Body(Any("/cosmos.gov.v1beta1.MsgVote", Message(Varint(1, 3), String(2, From), Varint(3, 1)))));
        Assert.Equal((null, 0, (BigInteger?)null), (summary.Asset, summary.Destinations.Count, summary.Amount));
    }

    public static TheoryData<string, byte[]> MalformedSends => new()
    {
        { "amount with a leading zero", Send(To, Coin("uatom", "0123")) },
        { "negative amount", Send(To, Coin("uatom", "-5")) },
        { "decimal amount", Send(To, Coin("uatom", "1.5")) },
        { "empty amount", Send(To, Coin("uatom", "")) },
        { "amount of 2^256", Send(To, Coin("uatom", (MaxInt + 1).ToString(CultureInfo.InvariantCulture))) },
        { "empty denom", Send(To, Coin("", 5)) },
        { "denom not UTF-8", Any(MsgSend, Message(String(1, From), String(2, To), Bytes(3, Message(Bytes(1, [0xff, 0xfe]), String(2, "5"))))) },
        { "unknown field in Coin", Any(MsgSend, Message(String(1, From), String(2, To), Bytes(3, Message(Coin("uatom", 5), Varint(3, 1))))) },
        { "unknown field in MsgSend", Any(MsgSend, Message(String(1, From), String(2, To), Bytes(3, Coin("uatom", 5)), Varint(4, 1))) },
        { "to_address twice", Any(MsgSend, Message(String(1, From), String(2, To2), String(2, To), Bytes(3, Coin("uatom", 5)))) },
        { "to_address in upper case", Send(To.ToUpperInvariant(), Coin("uatom", 5)) },
        { "to_address with a bad checksum", Send(To[..^1] + "q", Coin("uatom", 5)) },
        { "to_address in bech32m", Send(Bech32.Encode("cosmos", Bech32.ToFiveBitGroups(new byte[20]), Bech32Variant.Bech32m), Coin("uatom", 5)) },
        { "to_address missing", Any(MsgSend, Message(String(1, From), Bytes(3, Coin("uatom", 5)))) },
        { "amount as a varint", Any(MsgSend, Message(String(1, From), String(2, To), Varint(3, 5))) },
        { "type URL with a prefix", Any("type.googleapis.com" + MsgSend, Message(String(1, From), String(2, To), Bytes(3, Coin("uatom", 5)))) },
        { "Any with an extra field", Message(Any(MsgSend, Message(String(1, From), String(2, To), Bytes(3, Coin("uatom", 5)))), Varint(3, 1)) },
        { "truncated MsgSend", Any(MsgSend, Message(String(1, From), String(2, To), Bytes(3, Coin("uatom", 5)))[..30]) },
    };

    [Theory]
    [MemberData(nameof(MalformedSends))]
    public void Summarize_MsgSendNotStrictlyDecodable_AmountUnknown(string name, byte[] message)
    {
        var summary = Summarize(Body(Send(To2, Coin("uatom", 1)), message));
        Assert.True(summary.Amount is null, name);
        Assert.Equal("uatom", summary.Asset);
        Assert.Equal([To2], summary.Destinations);
    }

    [Fact]
    public void Summarize_MsgSendWithoutCoins_DestinationListedAmountUnknown()
    {
        var summary = Summarize(Body(Send(To)));
        Assert.Equal((null, (BigInteger?)null), (summary.Asset, summary.Amount));
        Assert.Equal([To], summary.Destinations);
    }

    [Fact]
    public void Summarize_MessagesFieldAsVarint_Unknown()
    {
        var summary = Summarize(Message(Varint(1, 5), String(2, "memo")));
        Assert.Same(TransactionSummary.Unknown, summary);
    }

    private static TransactionSummary Summarize(byte[] body)
    {
        var request = new CosmosSignRequest(Convert.ToBase64String(body), Convert.ToBase64String(File.Vectors[0].AuthInfoBytes), File.ChainId, "1");
        Assert.True(CosmosDirectSigning.TryCreate(request, Key, out var signing, out var error), error);
        return signing.Summarize();
    }

    /// <summary>TxBody with the messages (1) and a memo (2).</summary>
    private static byte[] Body(params byte[][] messages) => Message([.. messages.Select(m => Bytes(1, m)), String(2, "policy")]);

    private static byte[] Send(string to, params byte[][] coins) =>
        Any(MsgSend, Message([String(1, From), String(2, to), .. coins.Select(c => Bytes(3, c))]));

    private static byte[] Coin(string denom, BigInteger amount) => Coin(denom, amount.ToString(CultureInfo.InvariantCulture));

    private static byte[] Coin(string denom, string amount) => Message(String(1, denom), String(2, amount));
}
