using Arcanum.Chains.Cosmos;
using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tron;

/// <summary>
/// Reads what a Tron transaction moves for the transaction policy (see <see cref="TronSigning.Summarize"/>), from
/// java-tron's protobuf (protocol/core/Tron.proto, contract/*.proto): Transaction.raw.contract (field 11, repeated
/// Contract {type = 1, parameter = 2 Any, provider = 3, ContractName = 4, Permission_id = 5});
/// TransferContract {owner_address = 1, to_address = 2, amount = 3 int64}; TriggerSmartContract {owner_address = 1,
/// contract_address = 2, call_value = 3, data = 4, call_token_value = 5, token_id = 6}.
/// </summary>
internal static class TronTransferSummary
{
    private const ulong TransferContractType = 1;
    private const ulong TriggerSmartContractType = 31;
    private const string TypeUrlPrefix = "type.googleapis.com/protocol.";

    private static readonly ProtobufField[] RawFields = [new(11, ProtobufWire.LengthDelimited, Repeated: true)];

    private static readonly ProtobufField[] ContractFields =
    [
        new(1, ProtobufWire.Varint), new(2, ProtobufWire.LengthDelimited), new(3, ProtobufWire.LengthDelimited),
        new(4, ProtobufWire.LengthDelimited), new(5, ProtobufWire.Varint),
    ];

    private static readonly ProtobufField[] TransferFields =
    [
        new(1, ProtobufWire.LengthDelimited), new(2, ProtobufWire.LengthDelimited), new(3, ProtobufWire.Varint),
    ];

    private static readonly ProtobufField[] TriggerFields =
    [
        new(1, ProtobufWire.LengthDelimited), new(2, ProtobufWire.LengthDelimited), new(3, ProtobufWire.Varint),
        new(4, ProtobufWire.LengthDelimited), new(5, ProtobufWire.Varint), new(6, ProtobufWire.Varint),
    ];

    /// <summary>
    /// Summarises <paramref name="rawData"/>: exactly one contract, a TransferContract (native TRX in sun) or a
    /// TriggerSmartContract calling TRC-20 <c>transfer(address,uint256)</c> without TRX or TRC-10 value attached.
    /// Anything else is <see cref="TransactionSummary.Unknown"/>, except that a lone TriggerSmartContract still names
    /// its contract as a destination.
    /// </summary>
    public static TransactionSummary Summarize(ReadOnlyMemory<byte> rawData)
    {
        if (!ProtobufMessage.TryParse(rawData, RawFields, allowUnknownFields: true, out var raw)
            || raw.Repeated(11).Take(2).ToList() is not [var only]
            || !ProtobufMessage.TryParse(only, ContractFields, allowUnknownFields: false, out var contract)
            || !ProtobufMessage.TryParseAny(contract.Bytes(2), out var typeUrl, out var parameter))
        {
            return TransactionSummary.Unknown;
        }

        return (contract.Scalar(1), typeUrl) switch
        {
            (TransferContractType, TypeUrlPrefix + "TransferContract") => SummarizeTransfer(parameter),
            (TriggerSmartContractType, TypeUrlPrefix + "TriggerSmartContract") => SummarizeTrigger(parameter),
            _ => TransactionSummary.Unknown,
        };
    }

    private static TransactionSummary SummarizeTransfer(ReadOnlyMemory<byte> parameter)
    {
        // java-tron's TransferActuator refuses amount ≤ 0; int64 −1 … arrives as a varint above long.MaxValue.
        if (!ProtobufMessage.TryParse(parameter, TransferFields, allowUnknownFields: false, out var transfer)
            || !TryAddress(transfer.Bytes(2), out var to)
            || transfer.Scalar(3) is 0 or > long.MaxValue)
        {
            return TransactionSummary.Unknown;
        }

        return new TransactionSummary(TransactionSummary.NativeAsset, [to], transfer.Scalar(3));
    }

    private static TransactionSummary SummarizeTrigger(ReadOnlyMemory<byte> parameter)
    {
        if (!ProtobufMessage.TryParse(parameter, TriggerFields, allowUnknownFields: false, out var trigger)
            || !TryAddress(trigger.Bytes(2), out var contract))
        {
            return TransactionSummary.Unknown;
        }

        var isTrc20Transfer = Erc20Call.TryDecode(trigger.Bytes(4).Span, out var call) && call!.Function == Erc20Function.Transfer;
        if (!isTrc20Transfer || trigger.Scalar(3) != 0 || trigger.Scalar(5) != 0)
        {
            return new TransactionSummary(null, [contract], null);
        }

        var recipient = Base58Check.Encode([TronAddress.Prefix, .. call!.Destination.Span]);
        return new TransactionSummary(contract, [recipient], call.Amount);
    }

    /// <summary>A 21-byte address with the 0x41 prefix, as Base58Check text.</summary>
    private static bool TryAddress(ReadOnlyMemory<byte> bytes, out string address)
    {
        var valid = bytes.Length == TronAddress.Length && bytes.Span[0] == TronAddress.Prefix;
        address = valid ? Base58Check.Encode(bytes.Span) : string.Empty;
        return valid;
    }
}
