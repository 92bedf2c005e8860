using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hpke;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// Signed payloads sealed to one recipient with HPKE base mode (RFC 9180 §5.1.1, §6.1), suite DHKEM(X25519,
/// HKDF-SHA256), HKDF-SHA256, AES-256-GCM. The HPKE plaintext is
/// <c>sender account id (32) ‖ Ed25519 signature (64) ‖ payload</c>, the signature covering the profile's
/// statement (which includes enc, so the sender sets up the HPKE context, signs, then seals). Shared by
/// <see cref="DirectEnvelope"/> and <see cref="GroupKeyWrap"/>.
/// </summary>
internal static class SignedHpke
{
    private static readonly HpkeSuite Suite = HpkeSuite.X25519Sha256Aes256Gcm;

    /// <summary>Seals <paramref name="payload"/> (the caller keeps and zeroes it) signed by <paramref name="signer"/>.</summary>
    public static bool TrySeal(HpkeEnvelopeProfile profile, Ed25519PrivateKey signer, X25519PublicKey recipientKey,
        uint recipientKeyVersion, byte[] payload, EnvelopeContext context, RandomNumberGenerator rng,
        [NotNullWhen(true)] out byte[]? envelope, out EnvelopeError error)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(recipientKey);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfZero(recipientKeyVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, profile.MaxPayloadLength);
        envelope = null;
        if (!HpkeEncryption.TrySetupBaseS(Suite, recipientKey, profile.Info(context), rng, out var hpke, out var hpkeError))
        {
            error = hpkeError == HpkeError.SmallOrderPublicKey
                ? EnvelopeError.RecipientKeySmallOrder
                : throw new CryptographicException($"HPKE setup failed unexpectedly: {hpkeError}.");
            return false;
        }

        using (hpke)
        {
            var encapsulatedKey = hpke.EncapsulatedKey;
            var sender = signer.PublicKey.Bytes.ToArray();
            var statement = profile.Statement(context, sender, recipientKeyVersion, encapsulatedKey, payload);
            var inner = new byte[EnvelopeFields.SignedHeaderLength + payload.Length];
            try
            {
                sender.CopyTo(inner, 0);
                signer.Sign(statement, inner.AsSpan(EnvelopeFields.AccountIdLength, Ed25519PublicKey.SignatureLength));
                payload.CopyTo(inner, EnvelopeFields.SignedHeaderLength);
                var ciphertext = hpke.Seal(profile.Aad(context, recipientKeyVersion), inner);
                envelope = new HpkeEnvelope(recipientKeyVersion, encapsulatedKey, ciphertext).Encode();
                error = EnvelopeError.None;
                return true;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(inner);
                CryptographicOperations.ZeroMemory(statement);
            }
        }
    }

    /// <summary>
    /// Decodes, decrypts and verifies <paramref name="input"/>: the sender's account id and the payload, or the
    /// first reason it was refused. The payload is returned only after the signature verified.
    /// </summary>
    public static bool TryOpen(HpkeEnvelopeProfile profile, X25519PrivateKey recipientKey, ReadOnlySpan<byte> input,
        EnvelopeContext context, [NotNullWhen(true)] out byte[]? senderAccount, [NotNullWhen(true)] out byte[]? payload,
        out EnvelopeError error)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        ArgumentNullException.ThrowIfNull(context);
        senderAccount = null;
        payload = null;
        if (!HpkeEnvelope.TryDecode(input, profile.MinPayloadLength, profile.MaxPayloadLength, out var envelope, out error))
        {
            return false;
        }

        if (!HpkeEncryption.TryOpenBase(Suite, envelope.EncapsulatedKey, recipientKey, profile.Info(context),
                profile.Aad(context, envelope.KeyVersion), envelope.Ciphertext, out var inner, out var hpkeError))
        {
            error = hpkeError == HpkeError.SmallOrderPublicKey
                ? EnvelopeError.EncapsulatedKeySmallOrder
                : EnvelopeError.DecryptionFailed;
            return false;
        }

        var sender = inner[..EnvelopeFields.AccountIdLength];
        var body = inner[EnvelopeFields.SignedHeaderLength..];
        var statement = profile.Statement(context, sender, envelope.KeyVersion, envelope.EncapsulatedKeyArray, body);
        try
        {
            var signature = inner.AsSpan(EnvelopeFields.AccountIdLength, Ed25519PublicKey.SignatureLength);
            if (!Ed25519PublicKey.FromBytes(sender).Verify(statement, signature))
            {
                CryptographicOperations.ZeroMemory(body);
                error = EnvelopeError.SignatureInvalid;
                return false;
            }

            senderAccount = sender;
            payload = body;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(statement);
        }
    }
}
