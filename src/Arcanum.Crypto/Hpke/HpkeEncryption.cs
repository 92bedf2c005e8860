using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// Hybrid Public Key Encryption (RFC 9180) with DHKEM(X25519, HKDF-SHA256) and HKDF-SHA256: the context setup
/// of all four modes (§5.1.1–§5.1.4, named as there) and the single-shot base-mode API (§6.1). Failures caused
/// by the input — a small-order key, an encapsulated key of the wrong length, PSK inputs that do not fit the
/// mode, a ciphertext that does not open — are returned as <see cref="HpkeError"/>; null arguments throw.
/// Each sender setup draws its ephemeral key from the <see cref="RandomNumberGenerator"/> it is given.
/// </summary>
public static class HpkeEncryption
{
    /// <summary>SetupBaseS(pkR, info) (RFC 9180 §5.1.1): encryption to <paramref name="recipientKey"/>.</summary>
    public static bool TrySetupBaseS(HpkeSuite suite, X25519PublicKey recipientKey, ReadOnlySpan<byte> info,
        RandomNumberGenerator rng, [NotNullWhen(true)] out HpkeSenderContext? context, out HpkeError error) =>
        TrySetupS(suite, HpkeMode.Base, recipientKey, info, [], [], null, rng, out context, out error);

    /// <summary>SetupBaseR(enc, skR, info) (RFC 9180 §5.1.1).</summary>
    public static bool TrySetupBaseR(HpkeSuite suite, ReadOnlySpan<byte> enc, X25519PrivateKey recipientKey,
        ReadOnlySpan<byte> info, [NotNullWhen(true)] out HpkeRecipientContext? context, out HpkeError error) =>
        TrySetupR(suite, HpkeMode.Base, enc, recipientKey, info, [], [], null, out context, out error);

    /// <summary>SetupPSKS(pkR, info, psk, psk_id) (RFC 9180 §5.1.2); psk at least 32 bytes, psk_id non-empty.</summary>
    public static bool TrySetupPskS(HpkeSuite suite, X25519PublicKey recipientKey, ReadOnlySpan<byte> info,
        ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, RandomNumberGenerator rng,
        [NotNullWhen(true)] out HpkeSenderContext? context, out HpkeError error) =>
        TrySetupS(suite, HpkeMode.Psk, recipientKey, info, psk, pskId, null, rng, out context, out error);

    /// <summary>SetupPSKR(enc, skR, info, psk, psk_id) (RFC 9180 §5.1.2).</summary>
    public static bool TrySetupPskR(HpkeSuite suite, ReadOnlySpan<byte> enc, X25519PrivateKey recipientKey,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId,
        [NotNullWhen(true)] out HpkeRecipientContext? context, out HpkeError error) =>
        TrySetupR(suite, HpkeMode.Psk, enc, recipientKey, info, psk, pskId, null, out context, out error);

    /// <summary>SetupAuthS(pkR, info, skS) (RFC 9180 §5.1.3): the sender authenticates with <paramref name="senderKey"/>.</summary>
    public static bool TrySetupAuthS(HpkeSuite suite, X25519PublicKey recipientKey, ReadOnlySpan<byte> info,
        X25519PrivateKey senderKey, RandomNumberGenerator rng,
        [NotNullWhen(true)] out HpkeSenderContext? context, out HpkeError error) =>
        TrySetupS(suite, HpkeMode.Auth, recipientKey, info, [], [], NotNull(senderKey), rng, out context, out error);

    /// <summary>SetupAuthR(enc, skR, info, pkS) (RFC 9180 §5.1.3): opens only what <paramref name="senderKey"/>'s owner sealed.</summary>
    public static bool TrySetupAuthR(HpkeSuite suite, ReadOnlySpan<byte> enc, X25519PrivateKey recipientKey,
        ReadOnlySpan<byte> info, X25519PublicKey senderKey,
        [NotNullWhen(true)] out HpkeRecipientContext? context, out HpkeError error) =>
        TrySetupR(suite, HpkeMode.Auth, enc, recipientKey, info, [], [], NotNull(senderKey), out context, out error);

    /// <summary>SetupAuthPSKS(pkR, info, psk, psk_id, skS) (RFC 9180 §5.1.4).</summary>
    public static bool TrySetupAuthPskS(HpkeSuite suite, X25519PublicKey recipientKey, ReadOnlySpan<byte> info,
        ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, X25519PrivateKey senderKey, RandomNumberGenerator rng,
        [NotNullWhen(true)] out HpkeSenderContext? context, out HpkeError error) =>
        TrySetupS(suite, HpkeMode.AuthPsk, recipientKey, info, psk, pskId, NotNull(senderKey), rng, out context, out error);

    /// <summary>SetupAuthPSKR(enc, skR, info, psk, psk_id, pkS) (RFC 9180 §5.1.4).</summary>
    public static bool TrySetupAuthPskR(HpkeSuite suite, ReadOnlySpan<byte> enc, X25519PrivateKey recipientKey,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, X25519PublicKey senderKey,
        [NotNullWhen(true)] out HpkeRecipientContext? context, out HpkeError error) =>
        TrySetupR(suite, HpkeMode.AuthPsk, enc, recipientKey, info, psk, pskId, NotNull(senderKey), out context, out error);

    /// <summary>
    /// SealBase(pkR, info, aad, pt) (RFC 9180 §6.1): sets up a base-mode context, seals one message with
    /// sequence number 0 and returns enc and ct together.
    /// </summary>
    public static bool TrySealBase(HpkeSuite suite, X25519PublicKey recipientKey, ReadOnlySpan<byte> info,
        ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext, RandomNumberGenerator rng,
        [NotNullWhen(true)] out HpkeSealedMessage? message, out HpkeError error)
    {
        message = null;
        if (!TrySetupBaseS(suite, recipientKey, info, rng, out var context, out error))
        {
            return false;
        }

        using (context)
        {
            message = new HpkeSealedMessage(context.EncapsulatedKey, context.Seal(aad, plaintext));
            return true;
        }
    }

    /// <summary>OpenBase(enc, skR, info, aad, ct) (RFC 9180 §6.1): the plaintext, or false and the reason.</summary>
    public static bool TryOpenBase(HpkeSuite suite, ReadOnlySpan<byte> enc, X25519PrivateKey recipientKey,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext,
        [NotNullWhen(true)] out byte[]? plaintext, out HpkeError error)
    {
        plaintext = null;
        if (!TrySetupBaseR(suite, enc, recipientKey, info, out var context, out error))
        {
            return false;
        }

        using (context)
        {
            return context.TryOpen(aad, ciphertext, out plaintext, out error);
        }
    }

    /// <summary>
    /// The sender's setup in any mode with the ephemeral key pair given instead of generated: Encap or
    /// AuthEncap, then the key schedule (RFC 9180 §5.1). Internal on purpose: a fixed ephemeral key is for
    /// reproducing the Appendix A vectors only; production paths reach it through the public setups, which
    /// generate a fresh ephemeral key for every call.
    /// </summary>
    internal static bool TrySetupS(HpkeSuite suite, HpkeMode mode, X25519PublicKey recipientKey,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, X25519PrivateKey? senderKey,
        X25519PrivateKey ephemeralKey, [NotNullWhen(true)] out HpkeSenderContext? context, out HpkeError error)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(recipientKey);
        ArgumentNullException.ThrowIfNull(ephemeralKey);
        context = null;
        Span<byte> sharedSecret = stackalloc byte[DhKemX25519Sha256.Length];
        try
        {
            error = DhKemX25519Sha256.Encapsulate(ephemeralKey, recipientKey, senderKey, sharedSecret);
            if (error != HpkeError.None)
            {
                return false;
            }

            error = HpkeKeySchedule.TryDerive(suite, mode, sharedSecret, info, psk, pskId, out var schedule);
            if (schedule is null)
            {
                return false;
            }

            using (schedule)
            {
                context = new HpkeSenderContext(suite, schedule, ephemeralKey.PublicKey.ToArray());
                return true;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    /// <summary>The recipient's setup in any mode: Decap or AuthDecap, then the key schedule (RFC 9180 §5.1).</summary>
    internal static bool TrySetupR(HpkeSuite suite, HpkeMode mode, ReadOnlySpan<byte> enc,
        X25519PrivateKey recipientKey, ReadOnlySpan<byte> info, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId,
        X25519PublicKey? senderKey, [NotNullWhen(true)] out HpkeRecipientContext? context, out HpkeError error)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(recipientKey);
        context = null;
        Span<byte> sharedSecret = stackalloc byte[DhKemX25519Sha256.Length];
        try
        {
            error = DhKemX25519Sha256.Decapsulate(enc, recipientKey, senderKey, sharedSecret);
            if (error != HpkeError.None)
            {
                return false;
            }

            error = HpkeKeySchedule.TryDerive(suite, mode, sharedSecret, info, psk, pskId, out var schedule);
            if (schedule is null)
            {
                return false;
            }

            using (schedule)
            {
                context = new HpkeRecipientContext(suite, schedule);
                return true;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    private static bool TrySetupS(HpkeSuite suite, HpkeMode mode, X25519PublicKey recipientKey,
        ReadOnlySpan<byte> info, ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, X25519PrivateKey? senderKey,
        RandomNumberGenerator rng, [NotNullWhen(true)] out HpkeSenderContext? context, out HpkeError error)
    {
        ArgumentNullException.ThrowIfNull(rng);
        using var ephemeralKey = X25519PrivateKey.Generate(rng);
        return TrySetupS(suite, mode, recipientKey, info, psk, pskId, senderKey, ephemeralKey, out context, out error);
    }

    private static T NotNull<T>(T value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class => value ?? throw new ArgumentNullException(name);
}
