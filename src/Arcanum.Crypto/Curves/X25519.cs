namespace Arcanum.Crypto.Curves;

/// <summary>
/// X25519 Diffie–Hellman (RFC 7748 §5 and §6.1) through libsodium's
/// <c>crypto_scalarmult_curve25519</c>.
/// </summary>
/// <remarks>
/// Policy on small-order public keys: RFC 7748 §6.1 lets a party check whether the shared secret is
/// all zeros and abort. We always do: a public key of small order (on the curve or its twist, in
/// canonical or non-canonical encoding) yields the all-zero value, which would make the "shared"
/// secret public, so <see cref="TryAgree"/> refuses it. Every other public key is accepted as
/// RFC 7748 §5 decodes it — the top bit masked, values ≥ 2^255 − 19 reduced, twist points used — because
/// the result is then still a function of the private key that an attacker cannot predict.
/// </remarks>
public static class X25519
{
    /// <summary>The shared secret's length in bytes.</summary>
    public const int SharedSecretLength = 32;

    /// <summary>
    /// Writes X25519(privateKey, publicKey) into <paramref name="sharedSecret"/> (exactly 32 bytes) and
    /// returns true; returns false, with <paramref name="sharedSecret"/> zeroed, when the result would
    /// be all zeros because <paramref name="publicKey"/> has small order (see the policy on the type).
    /// </summary>
    public static bool TryAgree(X25519PrivateKey privateKey, X25519PublicKey publicKey, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (sharedSecret.Length != SharedSecretLength)
        {
            throw new ArgumentException($"The shared secret is exactly {SharedSecretLength} bytes.", nameof(sharedSecret));
        }

        return Interop.Interop.Sodium.TryScalarMultCurve25519(sharedSecret, privateKey.Secret, publicKey.AsSpan());
    }
}
