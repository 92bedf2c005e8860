using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Chains.Cosmos;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tron;

/// <summary>
/// Signing of one Tron transaction: the transaction id is SHA-256 of the <c>raw_data</c> bytes, and the key
/// signs that id with ECDSA (java-tron <c>TransactionCapsule.sign</c>). The signature is written r ‖ s ‖ v with
/// v the bare recovery id 0/1, as TronWeb's <c>ECKeySign</c> writes it; java-tron also accepts 27/28 and
/// normalises v below 27 by adding 27 before recovering.
/// </summary>
public sealed class TronSigning
{
    /// <summary>java-tron refuses transactions above 500 KiB (TRANSACTION_MAX_BYTE_SIZE).</summary>
    public const int MaxRawDataBytes = 500 * 1024;

    /// <summary>The length of the signature: r ‖ s ‖ v.</summary>
    public const int SignatureLength = Secp256k1Ecdsa.SignatureLength + 1;

    private readonly Secp256k1Point _publicKey;

    private TronSigning(byte[] rawData, Secp256k1Point publicKey)
    {
        RawData = rawData;
        TxId = SHA256.HashData(rawData);
        _publicKey = publicKey;
        Item = new SigningItem(TxId, SignatureKind.EcdsaSecp256k1);
    }

    /// <summary>The raw_data protobuf bytes.</summary>
    public ReadOnlyMemory<byte> RawData { get; }

    /// <summary>The transaction id, SHA-256(raw_data).</summary>
    public ReadOnlyMemory<byte> TxId { get; }

    /// <summary>The one item to sign: the transaction id.</summary>
    public SigningItem Item { get; }

    /// <summary>
    /// Checks <paramref name="request"/> — strict hex without "0x", 1 byte to 500 KiB, well-formed protobuf —
    /// and prepares the item for <paramref name="publicKey"/>. False with an error naming the field; never throws.
    /// </summary>
    public static bool TryCreate(TronSignRequest request, Secp256k1Point publicKey, [NotNullWhen(true)] out TronSigning? signing, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        signing = null;
        var hex = request.RawDataHex;
        if (string.IsNullOrEmpty(hex))
        {
            error = "rawDataHex is missing or empty.";
            return false;
        }

        if (hex.Length > 2 * MaxRawDataBytes)
        {
            error = $"rawDataHex is longer than the {MaxRawDataBytes} bytes a Tron transaction may have.";
            return false;
        }

        if (!Hex.TryDecode(hex, out var rawData))
        {
            error = "rawDataHex is not an even number of hexadecimal digits (no 0x prefix, no whitespace).";
            return false;
        }

        if (!ProtobufWire.TryValidate(rawData, "rawDataHex", out error))
        {
            return false;
        }

        signing = new TronSigning(rawData, publicKey);
        return true;
    }

    /// <summary>
    /// What the transaction moves, for the transaction policy: a TransferContract moves <c>amount</c> sun of TRX
    /// (asset native) to <c>to_address</c>; a TriggerSmartContract whose data is a TRC-20
    /// <c>transfer(address,uint256)</c> moves the token at <c>contract_address</c> (asset = its T… address) to the
    /// recipient (0x41 and the ABI address, T…). Any other contract, other call data, TRX or TRC-10 value attached
    /// to a call, or more than one contract make the amount unknown. Never throws.
    /// </summary>
    public TransactionSummary Summarize() => TronTransferSummary.Summarize(RawData);

    /// <summary>
    /// Assembles the 65-byte signature from r ‖ s and the recovery id, after checking that it is low-S and that
    /// the recovery id recovers the key from it over the transaction id. False with an error otherwise.
    /// </summary>
    public bool TryComplete(ReadOnlySpan<byte> signature, int recoveryId, [NotNullWhen(true)] out TronSignedTransaction? signed, out string error)
    {
        signed = null;
        if (signature.Length != Secp256k1Ecdsa.SignatureLength)
        {
            error = $"The signature is {signature.Length} bytes; expected 64 bytes r ‖ s.";
            return false;
        }

        if (recoveryId is not (0 or 1))
        {
            error = $"Recovery id {recoveryId} is not 0 or 1.";
            return false;
        }

        if (!Secp256k1Ecdsa.TryRecover(TxId.Span, signature, recoveryId, out var recovered, EcdsaHighSPolicy.Reject) || recovered != _publicKey)
        {
            error = "The signature and recovery id do not recover the key over the transaction id.";
            return false;
        }

        Span<byte> full = stackalloc byte[SignatureLength];
        signature.CopyTo(full);
        full[^1] = (byte)recoveryId;
        signed = new TronSignedTransaction(Hex.Encode(full), Hex.Encode(TxId.Span));
        error = string.Empty;
        return true;
    }
}
