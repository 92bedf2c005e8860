using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// FROST over secp256k1 producing BIP340 Schnorr signatures, the suite ZF frost calls
/// FROST(secp256k1, SHA-256, TR) (context "FROST-secp256k1-SHA256-TR-v1"). Departures from RFC 9591
/// §6.5, all required by BIP340/BIP341:
/// <list type="bullet">
/// <item>H2 is the BIP340 challenge hash_BIP0340/challenge(x(R) ‖ x(PK) ‖ msg);</item>
/// <item>the signature is x(R) ‖ z (64 bytes) and R must have even Y: when the group commitment has
/// odd Y every signer negates its nonces (so the aggregate R has even Y);</item>
/// <item>the group key is normalised to even Y by negating every share, then optionally tweaked
/// per BIP341 (t = hash_TapTweak(x(P) ‖ merkle_root)), and normalised again.</item>
/// </list>
/// </summary>
public sealed class FrostSecp256k1Taproot : FrostCiphersuite<Secp256k1Point, Secp256k1Scalar>
{
    public const int XOnlyLength = 32;

    private FrostSecp256k1Taproot()
        : base("FROST(secp256k1, SHA-256, TR)", "FROST-secp256k1-SHA256-TR-v1")
    {
    }

    public static FrostSecp256k1Taproot Instance { get; } = new();

    public override int SignatureLength => XOnlyLength + Secp256k1Scalar.EncodedLength;

    /// <summary>BIP340: e = int(hash_BIP0340/challenge(bytes(R) ‖ bytes(P) ‖ m)) mod n.</summary>
    public override Secp256k1Scalar Challenge(Secp256k1Point groupCommitment, Secp256k1Point groupKey, ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[TaggedHash.HashSizeInBytes];
        TaggedHash.Bip340Challenge.Hash(XOnly(groupCommitment), XOnly(groupKey), message, hash);
        return Secp256k1Scalar.FromBytesReduced(hash);
    }

    public override KeyShare<Secp256k1Point, Secp256k1Scalar> SigningShare(KeyShare<Secp256k1Point, Secp256k1Scalar> share, TaprootTweak? tweak)
    {
        ArgumentNullException.ThrowIfNull(share);
        var even = HasEvenY(share.GroupKey.PublicKey) ? share : share.Negate();
        if (tweak is null)
        {
            return even;
        }

        // The intermediate shares hold secrets too: dispose each one that is not returned.
        var tweaked = even.Tweak(TweakScalar(even.GroupKey.PublicKey, tweak));
        if (!ReferenceEquals(even, share))
        {
            even.Dispose();
        }

        if (HasEvenY(tweaked.GroupKey.PublicKey))
        {
            return tweaked;
        }

        var normalised = tweaked.Negate();
        tweaked.Dispose();
        return normalised;
    }

    public override GroupKey<Secp256k1Point, Secp256k1Scalar> SigningKey(GroupKey<Secp256k1Point, Secp256k1Scalar> key, TaprootTweak? tweak)
    {
        ArgumentNullException.ThrowIfNull(key);
        var even = HasEvenY(key.PublicKey) ? key : key.Negate();
        if (tweak is null)
        {
            return even;
        }

        var tweaked = even.Tweak(TweakScalar(even.PublicKey, tweak));
        return HasEvenY(tweaked.PublicKey) ? tweaked : tweaked.Negate();
    }

    /// <summary>BIP340 R must have even Y; with odd Y each signer uses −d, −e (ZF frost's negate_nonces).</summary>
    public override bool NegatesNonces(Secp256k1Point groupCommitment) => !HasEvenY(groupCommitment);

    public override byte[] EncodeSignature(Secp256k1Point groupCommitment, Secp256k1Scalar z)
    {
        var signature = new byte[SignatureLength];
        XOnly(groupCommitment).CopyTo(signature);
        z.Encode(signature.AsSpan(XOnlyLength));
        return signature;
    }

    /// <summary>BIP340 decoding: R = lift_x(x) (the even-Y point) and a canonical z.</summary>
    public override bool TryDecodeSignature(ReadOnlySpan<byte> signature, out Secp256k1Point groupCommitment, out Secp256k1Scalar z)
    {
        z = default;
        groupCommitment = default;
        return signature.Length == SignatureLength
            && TryLiftX(signature[..XOnlyLength], out groupCommitment)
            && Secp256k1Scalar.TryDecode(signature[XOnlyLength..], out z);
    }

    /// <summary>BIP340 Verify against the x-only key x(PK): s·G = R + e·lift_x(x(PK)).</summary>
    public override bool Verify(Secp256k1Point groupKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        base.Verify(HasEvenY(groupKey) ? groupKey : -groupKey, message, signature);

    protected override byte[] Hash(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> message) => FrostSecp256k1.Sha256(tag, message);

    /// <summary>True when the point's Y coordinate is even (compressed prefix 0x02).</summary>
    public static bool HasEvenY(Secp256k1Point point)
    {
        Span<byte> encoded = stackalloc byte[Secp256k1Point.CompressedLength];
        point.Encode(encoded);
        return encoded[0] == 0x02;
    }

    /// <summary>The 32-byte x coordinate (BIP340 bytes(P)).</summary>
    public static byte[] XOnly(Secp256k1Point point)
    {
        Span<byte> encoded = stackalloc byte[Secp256k1Point.CompressedLength];
        point.Encode(encoded);
        return encoded[1..].ToArray();
    }

    /// <summary>BIP340 lift_x: the point with this x coordinate and even Y.</summary>
    public static bool TryLiftX(ReadOnlySpan<byte> x, out Secp256k1Point point)
    {
        point = default;
        if (x.Length != XOnlyLength)
        {
            return false;
        }

        Span<byte> encoded = stackalloc byte[Secp256k1Point.CompressedLength];
        encoded[0] = 0x02;
        x.CopyTo(encoded[1..]);
        return Secp256k1Point.TryDecode(encoded, out point);
    }

    /// <summary>BIP341 taproot_tweak_pubkey: t = int(hash_TapTweak(x(P) ‖ h)); fails (negligibly rarely) if t ≥ n.</summary>
    public static Secp256k1Scalar TweakScalar(Secp256k1Point internalKey, TaprootTweak tweak)
    {
        ArgumentNullException.ThrowIfNull(tweak);
        Span<byte> hash = stackalloc byte[TaggedHash.HashSizeInBytes];
        TaggedHash.TapTweak.Hash(XOnly(internalKey), tweak.MerkleRoot.Span, hash);
        return Secp256k1Scalar.TryDecode(hash, out var t)
            ? t
            : throw new InvalidOperationException("The taproot tweak is not below the group order (probability about 2^-128).");
    }
}
