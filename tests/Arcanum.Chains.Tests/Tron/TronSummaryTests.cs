using System.Numerics;
using Arcanum.Chains.Tron;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit.Verifiers;
using static Arcanum.Chains.Tests.ProtobufBytes;

namespace Arcanum.Chains.Tests.Tron;

/// <summary>TronSigning.Summarize: TransferContract, TRC-20 transfer through TriggerSmartContract, and what it refuses to summarise.</summary>
public sealed class TronSummaryTests : IDisposable
{
    /// <summary>USDT's TRC-20 contract on mainnet, and its 21 bytes.</summary>
    private const string UsdtContract = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    private const string UsdtContractHex = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c";
    private const string TypeUrlPrefix = "type.googleapis.com/protocol.";

    private static readonly byte[] Owner = Hex.Decode("41d1e7a6bc354106cb410e65ff8b181c600ff14292");
    private static readonly byte[] RecipientAbi = Hex.Decode("7e5f4552091a69125d5dfcb7b8c2659029395bdf");

    private readonly Secp256k1PrivateKey _key = Secp256k1PrivateKey.Import(Enumerable.Repeat((byte)0x54, 32).ToArray());

    private static string Recipient => Base58Check.Encode([0x41, .. RecipientAbi]);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Summarize_SigningFixtureTransferContract_ThousandSunToRecipient()
    {
        var summary = Summarize(TronSigningTests.RawDataHex);
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.Equal([Recipient], summary.Destinations);
        Assert.Equal(new BigInteger(1000), summary.Amount);
    }

    [Fact]
    public async Task Summarize_TransferBuiltInNode_NativeMillionSun()
    {
        var built = await ChainVerifiers.RunAsync([new { op = "build", family = "tron", address = TronAddress.Encode(_key.PublicKey) }]);
        var summary = Summarize(built[0].GetProperty("rawDataHex").GetString()!);
        Assert.Equal(TransactionSummary.NativeAsset, summary.Asset);
        Assert.True(TronAddress.TryParse(Assert.Single(summary.Destinations), out _, out var error), error);
        Assert.Equal(new BigInteger(1_000_000), summary.Amount);
    }

    [Fact]
    public void Summarize_Trc20Transfer_ContractAssetRecipientAndAmount()
    {
        Assert.Equal(UsdtContract, Base58Check.Encode(Hex.Decode(UsdtContractHex)));
        var amount = (BigInteger.One << 255) + 3;
        var summary = Summarize(Raw(Trigger(Trc20Transfer(RecipientAbi, amount))));
        Assert.Equal(UsdtContract, summary.Asset);
        Assert.Equal([Recipient], summary.Destinations);
        Assert.Equal(amount, summary.Amount);
    }

    public static TheoryData<string, string> UnknownCalls => new()
    {
        { "TRX attached (call_value)", Raw(Trigger(Trc20Transfer(RecipientAbi, 5), Varint(3, 1))) },
        { "TRC-10 attached (call_token_value)", Raw(Trigger(Trc20Transfer(RecipientAbi, 5), Varint(5, 1), Varint(6, 1000001))) },
        { "approve, not transfer", Raw(Trigger([.. Hex.Decode("095ea7b3"), .. Trc20Transfer(RecipientAbi, 5)[4..]])) },
        { "truncated amount word", Raw(Trigger(Trc20Transfer(RecipientAbi, 5)[..^1])) },
        { "non-zero address padding", Raw(Trigger([.. Trc20Transfer(RecipientAbi, 5)[..4], 0x41, .. Trc20Transfer(RecipientAbi, 5)[5..]])) },
        { "no data", Raw(Trigger([])) },
    };

    [Theory]
    [MemberData(nameof(UnknownCalls))]
    public void Summarize_TriggerSmartContractNotAPlainTrc20Transfer_ContractListedAmountUnknown(string name, string rawDataHex)
    {
        var summary = Summarize(rawDataHex);
        Assert.Equal((null, (BigInteger?)null), (summary.Asset, summary.Amount));
        Assert.True(summary.Destinations.SequenceEqual([UsdtContract]), name);
    }

    public static TheoryData<string, string> Unknown => new()
    {
        { "two contracts", Raw(TransferParameter(5), TransferParameter(6)) },
        { "no contract", Hex.Encode(Varint(8, 1_700_000_000_000)) },
        { "TransferAssetContract (TRC-10)", Hex.Encode(Bytes(11, Message(Varint(1, 2), Bytes(2, Any(TypeUrlPrefix + "TransferAssetContract", []))))) },
        { "type 1 with another type URL", Hex.Encode(Bytes(11, Message(Varint(1, 1), Bytes(2, Any(TypeUrlPrefix + "TriggerSmartContract", Transfer(Owner, 5)))))) },
        { "zero amount", Raw(TransferParameter(0)) },
        { "negative amount (int64 −1)", Raw(TransferParameter(ulong.MaxValue)) },
        { "to_address without the 0x41 prefix", Raw(Contract(1, "TransferContract", Message(Bytes(1, Owner), Bytes(2, RecipientAbi), Varint(3, 5)))) },
        { "to_address twice", Raw(Contract(1, "TransferContract", Message(Bytes(2, Owner), Transfer(Owner, 5)))) },
        { "unknown field in TransferContract", Raw(Contract(1, "TransferContract", Message(Transfer(Owner, 5), Varint(9, 1)))) },
        { "amount as length-delimited", Raw(Contract(1, "TransferContract", Message(Bytes(1, Owner), Bytes(2, Owner), Bytes(3, [5])))) },
        { "contract as a varint", Hex.Encode(Varint(11, 1)) },
        { "trigger with a 20-byte contract address", Raw(Contract(31, "TriggerSmartContract", Message(Bytes(1, Owner), Bytes(2, RecipientAbi)))) },
    };

    [Theory]
    [MemberData(nameof(Unknown))]
    public void Summarize_NotASingleUnderstoodContract_Unknown(string name, string rawDataHex)
    {
        var summary = Summarize(rawDataHex);
        Assert.True(summary is { Asset: null, Destinations.Count: 0, Amount: null }, name);
    }

    private TransactionSummary Summarize(string rawDataHex)
    {
        Assert.True(TronSigning.TryCreate(new TronSignRequest(rawDataHex), _key.PublicKey, out var signing, out var error), error);
        return signing.Summarize();
    }

    /// <summary>raw_data with ref_block_bytes (1), expiration (8), the contracts (11) and timestamp (14), as TronWeb writes it.</summary>
    private static string Raw(params byte[][] contracts) => Hex.Encode(Message(
        [Bytes(1, [0x02, 0xa2]), Varint(8, 1_700_000_060_000), .. contracts.Select(c => Bytes(11, c)), Varint(14, 1_700_000_000_000)]));

    private static byte[] Contract(ulong type, string name, byte[] parameter) =>
        Message(Varint(1, type), Bytes(2, Any(TypeUrlPrefix + name, parameter)));

    private static byte[] Transfer(byte[] to, ulong amount) => Message(Bytes(1, Owner), Bytes(2, to), Varint(3, amount));

    private static byte[] TransferParameter(ulong amount) => Contract(1, "TransferContract", Transfer([0x41, .. RecipientAbi], amount));

    private static byte[] Trigger(byte[] data, params byte[][] extra) =>
        Contract(31, "TriggerSmartContract", Message([Bytes(1, Owner), Bytes(2, Hex.Decode(UsdtContractHex)), .. extra, Bytes(4, data)]));

    private static byte[] Trc20Transfer(byte[] to, BigInteger amount)
    {
        var word = amount.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. Hex.Decode("a9059cbb"), .. new byte[12], .. to, .. new byte[32 - word.Length], .. word];
    }
}
