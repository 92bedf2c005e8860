using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// DHKEM(X25519, HKDF-SHA256), kem_id 0x0020 (RFC 9180 §4.1, §7.1): Nsecret = Nenc = Npk = Nsk = 32. The
/// Diffie–Hellman function is <see cref="X25519.TryAgree"/> (libsodium), whose refusal of an all-zero output
/// is the check §7.1.4 requires. Keys are the existing <see cref="X25519PrivateKey"/> and
/// <see cref="X25519PublicKey"/>: SerializePublicKey and DeserializePublicKey are the identity on 32 bytes
/// (§7.1.1), so a key's bytes are its encoding.
/// </summary>
public static class DhKemX25519Sha256
{
    /// <summary>kem_id (RFC 9180 §7.1, Table 2).</summary>
    public const ushort KemId = 0x0020;

    /// <summary>Nsecret, Nenc, Npk and Nsk: all 32 bytes (RFC 9180 §7.1, Table 2).</summary>
    public const int Length = 32;

    private static readonly LabeledHkdf Kdf = new([(byte)'K', (byte)'E', (byte)'M', KemId >> 8, KemId & 0xFF]);

    /// <summary>
    /// DeriveKeyPair(ikm) for X25519 (RFC 9180 §7.1.3): dkp_prk = LabeledExtract("", "dkp_prk", ikm);
    /// sk = LabeledExpand(dkp_prk, "sk", "", 32). The same <paramref name="inputKeyMaterial"/> always gives the
    /// same key pair. §7.1.3 asks for at least Nsk = 32 bytes of entropy, so a shorter input is refused with
    /// <see cref="ArgumentException"/>. The caller owns and disposes the returned key.
    /// </summary>
    public static X25519PrivateKey DeriveKeyPair(ReadOnlySpan<byte> inputKeyMaterial)
    {
        if (inputKeyMaterial.Length < Length)
        {
            throw new ArgumentException(
                $"DeriveKeyPair needs at least {Length} bytes of input keying material (RFC 9180 §7.1.3).",
                nameof(inputKeyMaterial));
        }

        Span<byte> prk = stackalloc byte[LabeledHkdf.HashLength];
        Span<byte> secret = stackalloc byte[X25519PrivateKey.Length];
        try
        {
            Kdf.Extract([], "dkp_prk"u8, inputKeyMaterial, prk);
            Kdf.Expand(prk, "sk"u8, [], secret);
            return X25519PrivateKey.FromBytes(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Encap(pkR) (RFC 9180 §4.1) with the ephemeral key pair given, or AuthEncap(pkR, skS) when
    /// <paramref name="senderKey"/> is set: dh = DH(skE, pkR) [‖ DH(skS, pkR)],
    /// kem_context = enc ‖ pkRm [‖ pkSm], shared_secret = ExtractAndExpand(dh, kem_context), enc = pkEm.
    /// Returns <see cref="HpkeError.SmallOrderPublicKey"/> when a DH output would be all zeros.
    /// </summary>
    internal static HpkeError Encapsulate(X25519PrivateKey ephemeralKey, X25519PublicKey recipientKey,
        X25519PrivateKey? senderKey, Span<byte> sharedSecret)
    {
        var dh = new byte[senderKey is null ? Length : 2 * Length];
        try
        {
            if (!X25519.TryAgree(ephemeralKey, recipientKey, dh.AsSpan(0, Length))
                || (senderKey is not null && !X25519.TryAgree(senderKey, recipientKey, dh.AsSpan(Length))))
            {
                return HpkeError.SmallOrderPublicKey;
            }

            ExtractAndExpand(dh, KemContext(ephemeralKey.PublicKey, recipientKey, senderKey?.PublicKey), sharedSecret);
            return HpkeError.None;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>
    /// Decap(enc, skR) (RFC 9180 §4.1), or AuthDecap(enc, skR, pkS) when <paramref name="senderKey"/> is set:
    /// dh = DH(skR, pkE) [‖ DH(skR, pkS)], kem_context = enc ‖ pkRm [‖ pkSm]. Refuses an <paramref name="enc"/>
    /// that is not 32 bytes and any DH output that would be all zeros.
    /// </summary>
    internal static HpkeError Decapsulate(ReadOnlySpan<byte> enc, X25519PrivateKey recipientKey,
        X25519PublicKey? senderKey, Span<byte> sharedSecret)
    {
        if (enc.Length != Length)
        {
            return HpkeError.InvalidEncapsulatedKeyLength;
        }

        var ephemeralKey = X25519PublicKey.FromBytes(enc);
        var dh = new byte[senderKey is null ? Length : 2 * Length];
        try
        {
            if (!X25519.TryAgree(recipientKey, ephemeralKey, dh.AsSpan(0, Length))
                || (senderKey is not null && !X25519.TryAgree(recipientKey, senderKey, dh.AsSpan(Length))))
            {
                return HpkeError.SmallOrderPublicKey;
            }

            ExtractAndExpand(dh, KemContext(ephemeralKey, recipientKey.PublicKey, senderKey), sharedSecret);
            return HpkeError.None;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>kem_context = enc ‖ pkRm, with ‖ pkSm appended in the authenticated modes (RFC 9180 §4.1).</summary>
    private static byte[] KemContext(X25519PublicKey enc, X25519PublicKey recipientKey, X25519PublicKey? senderKey) =>
        senderKey is null
            ? [.. enc.AsSpan(), .. recipientKey.AsSpan()]
            : [.. enc.AsSpan(), .. recipientKey.AsSpan(), .. senderKey.AsSpan()];

    /// <summary>
    /// ExtractAndExpand(dh, kem_context) (RFC 9180 §4.1): eae_prk = LabeledExtract("", "eae_prk", dh);
    /// shared_secret = LabeledExpand(eae_prk, "shared_secret", kem_context, Nsecret).
    /// </summary>
    private static void ExtractAndExpand(ReadOnlySpan<byte> dh, ReadOnlySpan<byte> kemContext, Span<byte> sharedSecret)
    {
        Span<byte> prk = stackalloc byte[LabeledHkdf.HashLength];
        try
        {
            Kdf.Extract([], "eae_prk"u8, dh, prk);
            Kdf.Expand(prk, "shared_secret"u8, kemContext, sharedSecret[..Length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}
