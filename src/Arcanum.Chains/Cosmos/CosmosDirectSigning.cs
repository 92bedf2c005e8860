using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Cosmos;

/// <summary>
/// SIGN_MODE_DIRECT signing of one Cosmos SDK transaction (ADR-020): the key signs SHA-256(SignDoc) with
/// low-S ECDSA, and the signature goes into TxRaw.
/// </summary>
public sealed class CosmosDirectSigning
{
    /// <summary>Body and auth-info are each bounded by this many bytes (well above any mempool limit).</summary>
    public const int MaxFieldBytes = 1 << 20;

    /// <summary>CometBFT's limit on a chain id (types.MaxChainIDLen).</summary>
    public const int MaxChainIdLength = 50;

    private readonly Secp256k1Point _publicKey;

    private CosmosDirectSigning(CosmosSignDoc signDoc, Secp256k1Point publicKey)
    {
        SignDoc = signDoc;
        SignBytes = signDoc.Encode();
        _publicKey = publicKey;
        Item = new SigningItem(SHA256.HashData(SignBytes.Span), SignatureKind.EcdsaSecp256k1);
    }

    /// <summary>The document being signed.</summary>
    public CosmosSignDoc SignDoc { get; }

    /// <summary>The SignDoc protobuf bytes.</summary>
    public ReadOnlyMemory<byte> SignBytes { get; }

    /// <summary>The one item to sign: SHA-256 of <see cref="SignBytes"/>.</summary>
    public SigningItem Item { get; }

    /// <summary>
    /// Checks <paramref name="request"/> — canonical Base64, well-formed protobuf body and auth info, a chain id of
    /// 1–50 printable ASCII characters, a canonical decimal uint64 account number — and prepares the item for
    /// <paramref name="publicKey"/>. False with an error naming the field; never throws on bad input.
    /// </summary>
    public static bool TryCreate(CosmosSignRequest request, Secp256k1Point publicKey, [NotNullWhen(true)] out CosmosDirectSigning? signing, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        signing = null;
        if (!CanonicalBase64.TryDecode(request.BodyBytes, "bodyBytes", MaxFieldBytes, out var body, out error)
            || !ProtobufWire.TryValidate(body, "bodyBytes", out error)
            || !CanonicalBase64.TryDecode(request.AuthInfoBytes, "authInfoBytes", MaxFieldBytes, out var authInfo, out error)
            || !ProtobufWire.TryValidate(authInfo, "authInfoBytes", out error)
            || !TryValidateChainId(request.ChainId, out error)
            || !TryParseAccountNumber(request.AccountNumber, out var accountNumber, out error))
        {
            return false;
        }

        if (body.Length == 0)
        {
            error = "bodyBytes is empty: a transaction body has at least one message.";
            return false;
        }

        if (authInfo.Length == 0)
        {
            error = "authInfoBytes is empty: auth info carries the signer and the fee.";
            return false;
        }

        signing = new CosmosDirectSigning(new CosmosSignDoc(body, authInfo, request.ChainId!, accountNumber), publicKey);
        return true;
    }

    /// <summary>
    /// What the transaction moves, for the transaction policy: every /cosmos.bank.v1beta1.MsgSend in the body sends
    /// its coins to its to_address; asset = the denom when all coins of all MsgSends share one, amount = their sum.
    /// Any other message type, or a MsgSend that does not decode strictly, makes the amount unknown; several denoms
    /// make asset and amount unknown. Never throws.
    /// </summary>
    public TransactionSummary Summarize() => CosmosTransferSummary.Summarize(SignDoc.BodyBytes);

    /// <summary>
    /// Assembles the signed transaction from the 64-byte r ‖ s signature, after checking that it is low-S and
    /// valid for the key over <see cref="Item"/>. False with an error otherwise.
    /// </summary>
    public bool TryComplete(ReadOnlySpan<byte> signature, [NotNullWhen(true)] out CosmosSignedTransaction? signed, out string error)
    {
        signed = null;
        if (signature.Length != Secp256k1Ecdsa.SignatureLength)
        {
            error = $"The signature is {signature.Length} bytes; SIGN_MODE_DIRECT takes 64 bytes r ‖ s.";
            return false;
        }

        if (!Secp256k1Ecdsa.Verify(_publicKey, Item.Payload.Span, signature, EcdsaHighSPolicy.Reject))
        {
            error = "The signature does not verify (low-S) for the key over SHA-256(SignDoc).";
            return false;
        }

        signed = new CosmosSignedTransaction(Convert.ToBase64String(signature), Convert.ToBase64String(SignDoc.EncodeTxRaw(signature)));
        error = string.Empty;
        return true;
    }

    private static bool TryValidateChainId(string? chainId, out string error)
    {
        error = chainId switch
        {
            null or "" => "chainId is missing.",
            { Length: > MaxChainIdLength } => $"chainId is longer than {MaxChainIdLength} characters.",
            _ when chainId.AsSpan().ContainsAnyExceptInRange((char)33, (char)126) => "chainId has a character outside printable ASCII.",
            _ => string.Empty,
        };
        return error.Length == 0;
    }

    private static bool TryParseAccountNumber(string? text, out ulong accountNumber, out string error)
    {
        accountNumber = 0;
        var canonical = !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');
        if (!canonical || !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out accountNumber))
        {
            error = "accountNumber is not a decimal integer from 0 to 18446744073709551615 without leading zeros.";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
