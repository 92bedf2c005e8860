using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text.Json;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// An unsigned EVM transaction — legacy with EIP-155 replay protection or EIP-1559 (type 2) — with the
/// exact bytes its signature covers and the assembly of the signed transaction from r ‖ s and the recovery id.
/// </summary>
public sealed class EvmTransaction
{
    /// <summary>The largest value a 256-bit quantity (value, gas prices) may take: 2^256 − 1.</summary>
    public static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    /// <summary>Only <see cref="TryParse"/> and <see cref="DecodedEvmTransaction.TryDecode"/> build transactions, so every instance is valid.</summary>
    internal EvmTransaction()
    {
    }

    /// <summary>The envelope type.</summary>
    public EvmTransactionType Type { get; internal init; }

    /// <summary>The EIP-155 chain id; null only for a decoded pre-EIP-155 legacy transaction.</summary>
    public ulong? ChainId { get; internal init; }

    /// <summary>The sender's nonce (EIP-2681 bounds it to 64 bits).</summary>
    public ulong Nonce { get; internal init; }

    /// <summary>The gas price of a legacy transaction; zero for type 2.</summary>
    public BigInteger GasPrice { get; internal init; }

    /// <summary>EIP-1559 max_priority_fee_per_gas; zero for legacy.</summary>
    public BigInteger MaxPriorityFeePerGas { get; internal init; }

    /// <summary>EIP-1559 max_fee_per_gas; zero for legacy.</summary>
    public BigInteger MaxFeePerGas { get; internal init; }

    /// <summary>The gas limit.</summary>
    public ulong GasLimit { get; internal init; }

    /// <summary>The recipient, or null for contract creation.</summary>
    public EthereumAddress? To { get; internal init; }

    /// <summary>The value in wei.</summary>
    public BigInteger Value { get; internal init; }

    /// <summary>The call data (or init code for contract creation).</summary>
    public ReadOnlyMemory<byte> Data { get; internal init; }

    /// <summary>The EIP-2930 access list; always empty for legacy.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; internal init; } = [];

    /// <summary>
    /// Parses an unsigned transaction in JSON-RPC form; false with an error naming the field when it is
    /// missing, malformed, out of range or not allowed for the type. See <see cref="EvmTransactionJson"/>.
    /// </summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out EvmTransaction? transaction, out string? error) =>
        EvmTransactionJson.TryParse(json, out transaction, out error);

    /// <summary>
    /// The bytes whose Keccak-256 is signed: for legacy rlp([nonce, gasPrice, gas, to, value, data,
    /// chainId, 0, 0]) (EIP-155; without the last three for a pre-155 transaction), for type 2
    /// 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, accessList]) (EIP-1559).
    /// </summary>
    public byte[] EncodeUnsigned() => Type == EvmTransactionType.Legacy
        ? Rlp.EncodeList(ChainId is { } chainId
            ? [.. FieldsRlp(), Rlp.EncodeInteger(chainId), Rlp.EncodeInteger(0), Rlp.EncodeInteger(0)]
            : FieldsRlp())
        : [(byte)EvmTransactionType.DynamicFee, .. Rlp.EncodeList(FieldsRlp())];

    /// <summary>The 32-byte digest to sign: Keccak-256 of <see cref="EncodeUnsigned"/>.</summary>
    public byte[] SigningHash() => Keccak256.Hash(EncodeUnsigned());

    /// <summary>What the threshold key signs for this transaction.</summary>
    public SigningItem SigningItem() => new(SigningHash(), SignatureKind.EcdsaSecp256k1);

    /// <summary>
    /// Assembles the signed transaction from a 64-byte r ‖ s (low s) and the recovery id (0 or 1):
    /// legacy appends v = chainId·2 + 35 + recoveryId (EIP-155; 27 + recoveryId before it), r, s;
    /// type 2 appends yParity = recoveryId, r, s (EIP-1559).
    /// </summary>
    public EvmSignedTransaction Sign(ReadOnlySpan<byte> rs64, int recoveryId)
    {
        if (rs64.Length != 64)
        {
            throw new ArgumentException("The signature must be 64 bytes r ‖ s.", nameof(rs64));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(recoveryId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recoveryId, 1);
        var v = Type == EvmTransactionType.DynamicFee ? recoveryId
            : ChainId is { } chainId ? (new BigInteger(chainId) * 2) + 35 + recoveryId
            : 27 + recoveryId;
        var r = new BigInteger(rs64[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(rs64[32..], isUnsigned: true, isBigEndian: true);
        var list = Rlp.EncodeList([.. FieldsRlp(), Rlp.EncodeInteger(v), Rlp.EncodeInteger(r), Rlp.EncodeInteger(s)]);
        byte[] raw = Type == EvmTransactionType.Legacy ? list : [(byte)EvmTransactionType.DynamicFee, .. list];
        return new EvmSignedTransaction(raw, Keccak256.Hash(raw));
    }

    /// <summary>
    /// What the transaction moves, for the transaction policy. A call of <c>transfer</c>, <c>transferFrom</c> or
    /// <c>approve</c> with exactly ABI-encoded arguments (<see cref="Erc20Call"/>) moves the token at <see cref="To"/>
    /// (asset = the contract's EIP-55 address) to the recipient or spender, by the amount or allowance; with a
    /// non-zero <see cref="Value"/> as well it moves two assets, so asset and amount are unknown. A plain transfer
    /// moves <see cref="Value"/> wei of the native coin to <see cref="To"/>; a call with any other data moves an
    /// unknown amount (destination <see cref="To"/>); a contract creation has no destination and an unknown amount.
    /// </summary>
    public TransactionSummary Summarize()
    {
        if (To is null)
        {
            return new TransactionSummary(TransactionSummary.NativeAsset, [], null);
        }

        var summary = new SummaryBuilder(TransactionSummary.NativeAsset);
        if (Erc20Call.TryDecode(Data.Span, out var call))
        {
            summary.AddTransfer(To.ToString(), EthereumAddress.FromBytes(call!.Destination.Span).ToString(), call.Amount);
            if (Value.IsZero)
            {
                return summary.Build();
            }
        }
        else if (!Data.IsEmpty)
        {
            summary.MarkAmountUnknown();
        }

        summary.AddTransfer(TransactionSummary.NativeAsset, To.ToString(), Value);
        return summary.Build();
    }

    private List<byte[]> FieldsRlp()
    {
        var common = new List<byte[]>
        {
            Rlp.EncodeInteger(GasLimit),
            Rlp.EncodeBytes(To is null ? [] : To.Bytes),
            Rlp.EncodeInteger(Value),
            Rlp.EncodeBytes(Data.Span),
        };
        if (Type == EvmTransactionType.Legacy)
        {
            return [Rlp.EncodeInteger(Nonce), Rlp.EncodeInteger(GasPrice), .. common];
        }

        return
        [
            Rlp.EncodeInteger(ChainId ?? 0), Rlp.EncodeInteger(Nonce), Rlp.EncodeInteger(MaxPriorityFeePerGas),
            Rlp.EncodeInteger(MaxFeePerGas), .. common, Rlp.EncodeList(AccessList.Select(entry => entry.EncodeRlp())),
        ];
    }
}
