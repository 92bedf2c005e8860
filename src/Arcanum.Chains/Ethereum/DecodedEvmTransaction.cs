using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// A signed transaction decoded from its raw bytes (legacy, with or without EIP-155, or EIP-1559 type 2):
/// its fields, its signature, its hash, and the sender recovered from the signature.
/// </summary>
public sealed class DecodedEvmTransaction
{
    private const int MaxQuantityBytes = 32;
    private const int MaxUInt64Bytes = 8;
    private const int LegacyFieldCount = 9;
    private const int DynamicFeeFieldCount = 12;

    private DecodedEvmTransaction(EvmTransaction transaction, byte[] signature, int recoveryId, byte[] hash)
    {
        Transaction = transaction;
        Signature = signature;
        RecoveryId = recoveryId;
        Hash = hash;
    }

    /// <summary>The transaction that was signed.</summary>
    public EvmTransaction Transaction { get; }

    /// <summary>The 64-byte r ‖ s.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The recovery id (0 or 1) taken from v or yParity.</summary>
    public int RecoveryId { get; }

    /// <summary>The transaction hash, Keccak-256 of the raw bytes.</summary>
    public ReadOnlyMemory<byte> Hash { get; }

    /// <summary>
    /// Decodes a raw signed transaction; false with an error naming the field for malformed or
    /// non-canonical RLP, a wrong field count, out-of-range values, an unsupported type byte or a bad v.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> raw, [NotNullWhen(true)] out DecodedEvmTransaction? decoded, out string? error)
    {
        decoded = null;
        if (raw.IsEmpty)
        {
            error = "transaction: empty";
            return false;
        }

        var first = raw.Span[0];
        var isLegacy = first >= 0xc0;
        if (!isLegacy && first != (byte)EvmTransactionType.DynamicFee)
        {
            error = $"transaction: type 0x{first:x2} is not supported (legacy or 0x02)";
            return false;
        }

        if (!Rlp.TryDecode(isLegacy ? raw : raw[1..], out var item, out error))
        {
            return false;
        }

        var expected = isLegacy ? LegacyFieldCount : DynamicFeeFieldCount;
        if (!item.IsList || item.Items.Count != expected)
        {
            error = $"transaction: expected a list of {expected} fields";
            return false;
        }

        var reader = new FieldReader(item.Items);
        var parsed = isLegacy ? ReadLegacy(reader) : ReadDynamicFee(reader);
        if (parsed is null || !reader.TrySignature(out var signature))
        {
            error = reader.Error;
            return false;
        }

        decoded = new DecodedEvmTransaction(parsed.Value.Transaction, signature, parsed.Value.RecoveryId, Keccak256.Hash(raw.Span));
        return true;
    }

    /// <summary>
    /// Recovers the sender from the signature over <see cref="EvmTransaction.SigningHash"/>; false when no
    /// key recovers or s is in the high half (EIP-2).
    /// </summary>
    public bool TryRecoverSender([NotNullWhen(true)] out EthereumAddress? sender)
    {
        sender = Secp256k1Ecdsa.TryRecover(Transaction.SigningHash(), Signature.Span, RecoveryId, out var key)
            ? EthereumAddress.FromPublicKey(key)
            : null;
        return sender is not null;
    }

    private static (EvmTransaction Transaction, int RecoveryId)? ReadLegacy(FieldReader reader)
    {
        var nonce = reader.UInt64("nonce");
        var gasPrice = reader.Integer("gasPrice", MaxQuantityBytes);
        var common = reader.Common();
        var v = reader.Integer("v", MaxUInt64Bytes + 1);
        if (reader.Error is not null || common is null)
        {
            return null;
        }

        ulong? chainId = null;
        int recoveryId;
        if (v == 27 || v == 28)
        {
            recoveryId = (int)v - 27;
        }
        else if (v >= 37 && (v - 35) / 2 <= ulong.MaxValue)
        {
            chainId = (ulong)((v - 35) / 2);
            recoveryId = (int)((v - 35) % 2);
        }
        else
        {
            reader.Fail($"v: {v} is neither 27/28 nor chainId·2 + 35/36 with a chain id from 1 to 2^64 − 1 (EIP-155)");
            return null;
        }

        var (gas, to, value, data) = common.Value;
        return (new EvmTransaction
        {
            Type = EvmTransactionType.Legacy, ChainId = chainId, Nonce = nonce, GasPrice = gasPrice,
            GasLimit = gas, To = to, Value = value, Data = data,
        }, recoveryId);
    }

    private static (EvmTransaction Transaction, int RecoveryId)? ReadDynamicFee(FieldReader reader)
    {
        var chainId = reader.UInt64("chainId");
        var nonce = reader.UInt64("nonce");
        var priority = reader.Integer("maxPriorityFeePerGas", MaxQuantityBytes);
        var maxFee = reader.Integer("maxFeePerGas", MaxQuantityBytes);
        var common = reader.Common();
        var accessList = reader.AccessList();
        var yParity = reader.Integer("yParity", 1);
        if (reader.Error is not null || common is null || accessList is null)
        {
            return null;
        }

        if (yParity > 1)
        {
            reader.Fail($"yParity: {yParity} is not 0 or 1");
            return null;
        }

        var (gas, to, value, data) = common.Value;
        return (new EvmTransaction
        {
            Type = EvmTransactionType.DynamicFee, ChainId = chainId, Nonce = nonce, MaxPriorityFeePerGas = priority,
            MaxFeePerGas = maxFee, GasLimit = gas, To = to, Value = value, Data = data, AccessList = accessList,
        }, (int)yParity);
    }

    /// <summary>Reads the fields of a transaction list in order, keeping the first error.</summary>
    private sealed class FieldReader(IReadOnlyList<RlpItem> items)
    {
        private int _next;

        public string? Error { get; private set; }

        public void Fail(string error) => Error ??= error;

        public BigInteger Integer(string field, int maxBytes)
        {
            var item = items[_next++];
            if (Error is not null)
            {
                return BigInteger.Zero;
            }

            if (!item.TryGetInteger(field, maxBytes, out var value, out var error))
            {
                Fail(error!);
            }

            return value;
        }

        public ulong UInt64(string field) => (ulong)Integer(field, MaxUInt64Bytes);

        public (ulong Gas, EthereumAddress? To, BigInteger Value, ReadOnlyMemory<byte> Data)? Common()
        {
            var gas = UInt64("gas");
            var to = Recipient();
            var value = Integer("value", MaxQuantityBytes);
            var data = items[_next++];
            if (data.IsList)
            {
                Fail("data: expected a byte string, found a list");
            }

            return Error is null ? (gas, to, value, data.Bytes) : null;
        }

        public List<AccessListEntry>? AccessList()
        {
            var list = items[_next++];
            if (Error is not null || !list.IsList)
            {
                Fail("accessList: expected a list");
                return null;
            }

            var entries = new List<AccessListEntry>(list.Items.Count);
            foreach (var entry in list.Items)
            {
                var field = $"accessList[{entries.Count}]";
                if (!entry.IsList || entry.Items.Count != 2 || !entry.Items[1].IsList
                    || entry.Items[0].IsList || entry.Items[0].Bytes.Length != EthereumAddress.Length
                    || entry.Items[1].Items.Any(key => key.IsList || key.Bytes.Length != AccessListEntry.StorageKeyLength))
                {
                    Fail($"{field}: expected [20-byte address, [32-byte storage keys…]]");
                    return null;
                }

                entries.Add(new AccessListEntry(
                    EthereumAddress.FromBytes(entry.Items[0].Bytes.Span), [.. entry.Items[1].Items.Select(key => key.Bytes)]));
            }

            return entries;
        }

        public bool TrySignature(out byte[] signature)
        {
            signature = new byte[64];
            var r = Integer("r", MaxQuantityBytes);
            var s = Integer("s", MaxQuantityBytes);
            if (Error is not null)
            {
                return false;
            }

            WriteRightAligned(r, signature.AsSpan(0, 32));
            WriteRightAligned(s, signature.AsSpan(32));
            return true;
        }

        private static void WriteRightAligned(BigInteger value, Span<byte> word) =>
            value.TryWriteBytes(word[(word.Length - value.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);

        private EthereumAddress? Recipient()
        {
            var item = items[_next++];
            if (Error is not null)
            {
                return null;
            }

            if (item.IsList || (item.Bytes.Length != EthereumAddress.Length && !item.Bytes.IsEmpty))
            {
                Fail("to: expected a 20-byte address, or empty for contract creation");
                return null;
            }

            return item.Bytes.IsEmpty ? null : EthereumAddress.FromBytes(item.Bytes.Span);
        }
    }
}
