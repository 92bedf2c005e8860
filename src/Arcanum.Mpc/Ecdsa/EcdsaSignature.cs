using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// A threshold ECDSA signature as the protocol returns it: (r, s) with s low (s ≤ n/2, BIP62 /
/// EIP-2), the recovery id (bit 0: R has odd y after normalisation; bit 1: R's x was ≥ n) and the
/// public key it was verified against before it was returned.
/// </summary>
public sealed class EcdsaSignature
{
    private readonly byte[] _compact;

    internal EcdsaSignature(ReadOnlySpan<byte> compact, int recoveryId, Secp256k1Point publicKey)
    {
        _compact = compact.ToArray();
        RecoveryId = recoveryId;
        PublicKey = publicKey;
    }

    /// <summary>r ‖ s, 32 bytes each, big-endian.</summary>
    public ReadOnlySpan<byte> Compact => _compact;

    public ReadOnlySpan<byte> R => _compact.AsSpan(0, 32);

    public ReadOnlySpan<byte> S => _compact.AsSpan(32, 32);

    /// <summary>0–3, for ecrecover-style public-key recovery (Ethereum's v = 27 + id, or chainId·2 + 35 + id).</summary>
    public int RecoveryId { get; }

    /// <summary>The key the signature verifies under (the group key, or the derived child key).</summary>
    public Secp256k1Point PublicKey { get; }

    /// <summary>The strict DER encoding (Bitcoin, X.509).</summary>
    public byte[] ToDer()
    {
        Span<byte> der = stackalloc byte[Secp256k1Ecdsa.MaxDerSignatureLength];
        return Secp256k1Ecdsa.TryConvertCompactToDer(_compact, der, out var length)
            ? der[..length].ToArray()
            : throw new InvalidOperationException("A verified signature always has a DER encoding.");
    }

    public override string ToString() => $"{Convert.ToHexStringLower(_compact)} (recovery id {RecoveryId})";
}
