using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Solana;

/// <summary>
/// Signing of one Solana transaction by one of its required signers: the key signs the message bytes with
/// Ed25519, and the signature goes into the slot of the key's position among the first numRequiredSignatures
/// account keys. Other signers' slots are left as they are.
/// </summary>
public sealed class SolanaSigning
{
    private readonly Ed25519PublicKey _publicKey;

    private SolanaSigning(SolanaTransaction transaction, byte[] messageBytes, int signerIndex, Ed25519PublicKey publicKey)
    {
        Transaction = transaction;
        SignerIndex = signerIndex;
        _publicKey = publicKey;
        Item = new SigningItem(messageBytes, SignatureKind.Ed25519);
    }

    /// <summary>The parsed unsigned transaction.</summary>
    public SolanaTransaction Transaction { get; }

    /// <summary>Our key's signature slot (0 when it is the fee payer).</summary>
    public int SignerIndex { get; }

    /// <summary>True when our key pays the fee, so that our signature is the transaction id.</summary>
    public bool IsFeePayer => SignerIndex == 0;

    /// <summary>The one item to sign: the message bytes.</summary>
    public SigningItem Item { get; }

    /// <summary>
    /// Parses <paramref name="request"/> (canonical Base64 of a transaction <see cref="SolanaTransaction.TryParse"/>
    /// accepts) and finds <paramref name="publicKey"/> among its required signers. False with an error naming the
    /// problem — including a transaction whose signers do not include the key, which names the key; never throws.
    /// </summary>
    public static bool TryCreate(SolanaSignRequest request, Ed25519PublicKey publicKey, [NotNullWhen(true)] out SolanaSigning? signing, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(publicKey);
        signing = null;
        if (!CanonicalBase64.TryDecode(request.Serialized, "serialized", SolanaTransaction.MaxSize, out var wire, out error)
            || !SolanaTransaction.TryParse(wire, out var transaction, out var messageOffset, out error))
        {
            return false;
        }

        var signerCount = transaction.Message.Header.NumRequiredSignatures;
        var index = -1;
        for (var i = 0; i < signerCount && index < 0; i++)
        {
            index = transaction.Message.AccountKeys[i].Span.SequenceEqual(publicKey.Bytes) ? i : -1;
        }

        if (index < 0)
        {
            error = $"The key {SolanaAddress.Encode(publicKey.Bytes)} is not among the transaction's {signerCount} required signers.";
            return false;
        }

        signing = new SolanaSigning(transaction, wire[messageOffset..], index, publicKey);
        return true;
    }

    /// <summary>
    /// What the transaction moves, for the transaction policy. System Program Transfer (2) from our key and
    /// TransferWithSeed (11) with our key as base move lamports (asset native) to their recipients; SPL Token or
    /// Token-2022 TransferChecked (12) with our key as authority moves the mint's token (asset = mint) to the
    /// destination token account; Compute Budget instructions are ignored. Any other instruction, a transfer by
    /// another key, an account loaded from an address table, or native and token transfers (or two mints) together
    /// make the amount unknown (and the asset, when several assets move); recipients that were understood are listed.
    /// </summary>
    public TransactionSummary Summarize() => SolanaTransferSummary.Summarize(Transaction.Message, _publicKey.Bytes);

    /// <summary>
    /// Puts the 64-byte Ed25519 <paramref name="signature"/> in our slot after verifying it over the message with
    /// our key. False with an error otherwise.
    /// </summary>
    public bool TryComplete(ReadOnlySpan<byte> signature, [NotNullWhen(true)] out SolanaSignedTransaction? signed, out string error)
    {
        signed = null;
        if (signature.Length != SolanaTransaction.SignatureLength)
        {
            error = $"The signature is {signature.Length} bytes; Ed25519 signatures are 64.";
            return false;
        }

        if (!_publicKey.Verify(Item.Payload.Span, signature))
        {
            error = "The signature does not verify for the key over the message.";
            return false;
        }

        var signatures = Transaction.Signatures.ToArray();
        signatures[SignerIndex] = signature.ToArray();
        var wire = (Transaction with { Signatures = signatures }).Serialize();
        signed = new SolanaSignedTransaction(Convert.ToBase64String(wire), Base58.Encode(signature));
        error = string.Empty;
        return true;
    }
}
