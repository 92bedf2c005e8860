using System.Numerics;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Cosmos;

/// <summary>
/// Reads what a Cosmos SDK transaction body moves for the transaction policy (see
/// <see cref="CosmosDirectSigning.Summarize"/>): cosmos.tx.v1beta1.TxBody.messages (field 1, repeated Any) and, in
/// each, cosmos.bank.v1beta1.MsgSend (from_address = 1, to_address = 2, amount = 3 repeated Coin) with
/// cosmos.base.v1beta1.Coin (denom = 1, amount = 2, a decimal string of an sdk.Int, at most 256 bits).
/// </summary>
internal static class CosmosTransferSummary
{
    /// <summary>The Any type URL of MsgSend.</summary>
    public const string MsgSendTypeUrl = "/cosmos.bank.v1beta1.MsgSend";

    /// <summary>An sdk.Int holds at most 256 bits (math.MaxBitLen), so at most 78 decimal digits.</summary>
    private const int MaxAmountDigits = 78;

    private static readonly BigInteger MaxAmount = (BigInteger.One << 256) - 1;

    private static readonly ProtobufField[] BodyFields = [new(1, ProtobufWire.LengthDelimited, Repeated: true)];

    private static readonly ProtobufField[] MsgSendFields =
    [
        new(1, ProtobufWire.LengthDelimited), new(2, ProtobufWire.LengthDelimited), new(3, ProtobufWire.LengthDelimited, Repeated: true),
    ];

    private static readonly ProtobufField[] CoinFields = [new(1, ProtobufWire.LengthDelimited), new(2, ProtobufWire.LengthDelimited)];

    /// <summary>
    /// Summarises <paramref name="body"/>. The body's other fields (memo, timeouts, extension options) move nothing and
    /// are not read; a body that is not well-formed protobuf, or whose field 1 is not length-delimited, is
    /// <see cref="TransactionSummary.Unknown"/>.
    /// </summary>
    public static TransactionSummary Summarize(ReadOnlyMemory<byte> body)
    {
        if (!ProtobufMessage.TryParse(body, BodyFields, allowUnknownFields: true, out var parsed))
        {
            return TransactionSummary.Unknown;
        }

        var summary = new SummaryBuilder(assetWhenNothingMoves: null);
        foreach (var message in parsed.Repeated(1))
        {
            if (!TryAddMsgSend(summary, message))
            {
                summary.MarkAmountUnknown();
            }
        }

        return summary.Build();
    }

    private static bool TryAddMsgSend(SummaryBuilder summary, ReadOnlyMemory<byte> any)
    {
        if (!ProtobufMessage.TryParseAny(any, out var typeUrl, out var value)
            || !string.Equals(typeUrl, MsgSendTypeUrl, StringComparison.Ordinal)
            || !ProtobufMessage.TryParse(value, MsgSendFields, allowUnknownFields: false, out var send)
            || !send.TryString(2, out var to) || !IsCanonicalAddress(to))
        {
            return false;
        }

        var coins = new List<(string Denom, BigInteger Amount)>();
        foreach (var coin in send.Repeated(3))
        {
            if (!TryReadCoin(coin, out var denom, out var amount))
            {
                return false;
            }

            coins.Add((denom, amount));
        }

        if (coins.Count == 0)
        {
            summary.AddUnknownTransfer(to);
            return true;
        }

        foreach (var (denom, amount) in coins)
        {
            summary.AddTransfer(denom, to, amount);
        }

        return true;
    }

    /// <summary>
    /// A Bech32 (BIP173, not Bech32m) account address in lower case, the form the SDK writes. An upper-case
    /// spelling decodes to the same account, so it is refused rather than let it slip past an address list.
    /// </summary>
    private static bool IsCanonicalAddress(string address) =>
        !address.AsSpan().ContainsAnyInRange('A', 'Z')
        && Bech32.TryDecode(address, out var decoded, out _)
        && decoded.Variant == Bech32Variant.Bech32
        && Bech32.TryFromFiveBitGroups(decoded.Data.Span, out var bytes)
        && bytes.Length > 0;

    /// <summary>A Coin with a non-empty denom and a canonical non-negative decimal amount below 2^256.</summary>
    private static bool TryReadCoin(ReadOnlyMemory<byte> bytes, out string denom, out BigInteger amount)
    {
        amount = BigInteger.Zero;
        denom = string.Empty;
        if (!ProtobufMessage.TryParse(bytes, CoinFields, allowUnknownFields: false, out var coin)
            || !coin.TryString(1, out var name) || name.Length == 0
            || !coin.TryString(2, out var digits))
        {
            return false;
        }

        var canonical = digits.Length is > 0 and <= MaxAmountDigits && digits.All(char.IsAsciiDigit) && (digits.Length == 1 || digits[0] != '0');
        if (!canonical || !BigInteger.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out amount) || amount > MaxAmount)
        {
            return false;
        }

        denom = name;
        return true;
    }
}
