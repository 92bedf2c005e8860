using System.Security.Cryptography;
using Arcanum.Crypto.Aead;
using Arcanum.Crypto.Curves;

namespace Arcanum.Transport;

/// <summary>
/// Seals a unicast envelope to the recipient's static X25519 key R, ECIES-style with a fresh ephemeral
/// key e per message: K = HKDF-SHA256(ikm = X25519(e, R), salt = e_pub ‖ R_pub, info = header context),
/// then ChaCha20-Poly1305 (RFC 8439) under K with the all-zero nonce — safe because K is used exactly
/// once — and the header context as associated data. Sealed form: e_pub (32) ‖ ciphertext ‖ tag (16).
/// </summary>
internal static class UnicastSeal
{
    /// <summary>Bytes a sealed body adds to the envelope: the ephemeral public key and the tag.</summary>
    public const int Overhead = X25519PublicKey.Length + AeadCipher.TagSizeInBytes;

    /// <summary>Seals <paramref name="plaintext"/>; throws <see cref="ArgumentException"/> for a small-order recipient key.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, X25519PublicKey recipient, byte[] context, RandomNumberGenerator rng)
    {
        using var ephemeral = X25519PrivateKey.Generate(rng);
        var sealedBody = new byte[Overhead + plaintext.Length];
        ephemeral.PublicKey.AsSpan().CopyTo(sealedBody);
        Span<byte> key = stackalloc byte[AeadCipher.KeySizeInBytes];
        try
        {
            if (!DeriveKey(ephemeral, recipient, ephemeral.PublicKey, recipient, context, key))
            {
                throw new ArgumentException("The recipient's static key has small order; nothing can be sealed to it.", nameof(recipient));
            }

            using var aead = new ChaCha20Poly1305Aead(key);
            var ciphertext = sealedBody.AsSpan(X25519PublicKey.Length, plaintext.Length);
            aead.Encrypt(stackalloc byte[AeadCipher.NonceSizeInBytes], plaintext, context, ciphertext, sealedBody.AsSpan(X25519PublicKey.Length + plaintext.Length));
            return sealedBody;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Opens a sealed body with the recipient's private key; null with the reason when it is too short,
    /// its ephemeral key has small order, or it does not authenticate.
    /// </summary>
    public static byte[]? TryOpen(ReadOnlySpan<byte> sealedBody, X25519PrivateKey recipient, byte[] context, out string error)
    {
        if (sealedBody.Length < Overhead)
        {
            error = $"sealed unicast body of {sealedBody.Length} bytes is shorter than its {Overhead}-byte overhead";
            return null;
        }

        var ephemeral = X25519PublicKey.FromBytes(sealedBody[..X25519PublicKey.Length]);
        Span<byte> key = stackalloc byte[AeadCipher.KeySizeInBytes];
        try
        {
            if (!DeriveKey(recipient, ephemeral, ephemeral, recipient.PublicKey, context, key))
            {
                error = "the unicast's ephemeral key has small order";
                return null;
            }

            var ciphertextLength = sealedBody.Length - Overhead;
            var plaintext = new byte[ciphertextLength];
            using var aead = new ChaCha20Poly1305Aead(key);
            if (!aead.TryDecrypt(stackalloc byte[AeadCipher.NonceSizeInBytes], sealedBody.Slice(X25519PublicKey.Length, ciphertextLength),
                sealedBody[(X25519PublicKey.Length + ciphertextLength)..], context, plaintext))
            {
                error = "the unicast body does not decrypt under this node's key and the routed header";
                return null;
            }

            error = "";
            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>K = HKDF-SHA256(X25519(own, peer), salt = e_pub ‖ R_pub, info = context); false for a small-order peer key.</summary>
    private static bool DeriveKey(X25519PrivateKey own, X25519PublicKey peer, X25519PublicKey ephemeralPublic, X25519PublicKey recipientPublic,
        byte[] context, Span<byte> key)
    {
        Span<byte> shared = stackalloc byte[X25519.SharedSecretLength];
        Span<byte> salt = stackalloc byte[2 * X25519PublicKey.Length];
        try
        {
            if (!X25519.TryAgree(own, peer, shared))
            {
                return false;
            }

            ephemeralPublic.AsSpan().CopyTo(salt);
            recipientPublic.AsSpan().CopyTo(salt[X25519PublicKey.Length..]);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, key, salt, context);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
