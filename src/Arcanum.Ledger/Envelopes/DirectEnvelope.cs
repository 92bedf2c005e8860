using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// An end-to-end encrypted message from one account to another, sealed by the sender's client to the
/// recipient's current keystore key and stored by the ledger's messages module as opaque bytes.
/// HPKE base mode (RFC 9180 §6.1) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; inside the
/// ciphertext, <c>sender account id ‖ Ed25519 signature ‖ plaintext</c>. The signature (RFC 8032 §5.1.6) covers
/// the chain id, sender, recipient, recipient key version, enc and plaintext, so a recipient cannot pass the
/// message on to someone else, or onto another chain, as if it had been sent to them. Outer layout:
/// <see cref="HpkeEnvelope"/>. See docs/messaging.md.
/// </summary>
public static class DirectEnvelope
{
    /// <summary>The longest plaintext: 64 KiB.</summary>
    public const int MaxPlaintextLength = EnvelopeFields.MaxPlaintextLength;

    /// <summary>The shortest envelope (empty plaintext).</summary>
    public const int MinLength = HpkeEnvelope.HeaderLength + EnvelopeFields.SignedHeaderLength + HpkeEnvelope.TagLength;

    /// <summary>The longest envelope (a plaintext of <see cref="MaxPlaintextLength"/> bytes).</summary>
    public const int MaxLength = MinLength + MaxPlaintextLength;

    /// <summary>
    /// Seals <paramref name="plaintext"/> from the account of <paramref name="senderSigningKey"/> (its public key is
    /// the account id) to <paramref name="recipientKey"/>, the recipient's keystore key of version
    /// <paramref name="recipientKeyVersion"/> (≥ 1). Fails with <see cref="EnvelopeError.PlaintextTooLong"/> or
    /// <see cref="EnvelopeError.RecipientKeySmallOrder"/>; the ephemeral key is drawn from <paramref name="rng"/>.
    /// </summary>
    public static bool TrySeal(Ed25519PrivateKey senderSigningKey, X25519PublicKey recipientKey, uint recipientKeyVersion,
        ReadOnlySpan<byte> plaintext, EnvelopeContext context, RandomNumberGenerator rng,
        [NotNullWhen(true)] out byte[]? envelope, out EnvelopeError error)
    {
        if (plaintext.Length > MaxPlaintextLength)
        {
            envelope = null;
            error = EnvelopeError.PlaintextTooLong;
            return false;
        }

        var payload = plaintext.ToArray();
        try
        {
            return SignedHpke.TrySeal(HpkeEnvelopeProfile.Direct, senderSigningKey, recipientKey, recipientKeyVersion,
                payload, context, rng, out envelope, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    /// <summary>
    /// Decodes the outer layout without decrypting, strictly: the version, a key version ≥ 1 (which tells the
    /// recipient which private key to use), enc, and a ciphertext of a length some plaintext of 0 to 64 KiB gives.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, [NotNullWhen(true)] out HpkeEnvelope? envelope,
        out EnvelopeError error) =>
        HpkeEnvelope.TryDecode(input, 0, MaxPlaintextLength, out envelope, out error);

    /// <summary>
    /// Opens <paramref name="input"/> with the recipient's private key of the envelope's key version, checking it
    /// was addressed to <paramref name="context"/>'s recipient and chain and that the sender's signature verifies.
    /// </summary>
    public static bool TryOpen(X25519PrivateKey recipientKey, ReadOnlySpan<byte> input, EnvelopeContext context,
        [NotNullWhen(true)] out OpenedMessage? message, out EnvelopeError error)
    {
        message = null;
        if (!SignedHpke.TryOpen(HpkeEnvelopeProfile.Direct, recipientKey, input, context, out var sender,
                out var plaintext, out error))
        {
            return false;
        }

        message = new OpenedMessage(sender, plaintext);
        return true;
    }
}
