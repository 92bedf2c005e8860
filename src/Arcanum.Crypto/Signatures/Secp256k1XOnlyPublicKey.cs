using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.SafeHandles;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Signatures;

/// <summary>
/// A BIP340 x-only public key: the 32-byte x coordinate of a point, standing for the point with
/// that x and even y (BIP340 "Public Key Generation", lift_x). Verifies BIP340 Schnorr signatures
/// and applies BIP341 taproot tweaks. Immutable.
/// </summary>
public sealed class Secp256k1XOnlyPublicKey : IEquatable<Secp256k1XOnlyPublicKey>
{
    /// <summary>The encoding is the 32-byte x coordinate.</summary>
    public const int Length = Native.XOnlyPublicKeyLength;

    /// <summary>A BIP340 signature: R.x ‖ s, 64 bytes.</summary>
    public const int SignatureLength = Native.SchnorrSignatureLength;

    private readonly Native.XOnlyPublicKey _key;
    private readonly byte[] _encoded;

    private Secp256k1XOnlyPublicKey(in Native.XOnlyPublicKey key)
    {
        _key = key;
        _encoded = new byte[Length];
        Native.SerializeXOnlyPublicKey(Context, in _key, _encoded);
    }

    private static Secp256k1ContextHandle Context => Secp256k1ContextHandle.Default;

    /// <summary>
    /// Parses 32 bytes as BIP340 lift_x does: false if x ≥ p or no curve point has this x
    /// (BIP340 Verify then fails, as required for such keys).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out Secp256k1XOnlyPublicKey? key)
    {
        key = null;
        if (encoded.Length != Length || !Native.TryParseXOnlyPublicKey(Context, encoded, out var parsed))
        {
            return false;
        }

        key = new Secp256k1XOnlyPublicKey(parsed);
        return true;
    }

    /// <summary>
    /// The x-only key of <paramref name="point"/>; <paramref name="hasOddY"/> tells whether the point
    /// had odd y, i.e. whether the x-only key stands for its negation (BIP341 calls this the parity
    /// of the output key).
    /// </summary>
    public static Secp256k1XOnlyPublicKey FromPoint(Secp256k1Point point, out bool hasOddY)
    {
        if (point.IsIdentity)
        {
            throw new ArgumentException("The identity has no x coordinate.", nameof(point));
        }

        var full = point.NativeKey;
        return new Secp256k1XOnlyPublicKey(Native.XOnlyFromPublicKey(Context, in full, out hasOddY));
    }

    /// <summary>Writes the 32-byte x coordinate.</summary>
    public void Encode(Span<byte> destination)
    {
        Secp256k1Ecdsa.RequireDestination(destination, Length);
        _encoded.CopyTo(destination);
    }

    /// <summary>The point this key stands for: lift_x(x), the one with even y.</summary>
    public Secp256k1Point ToPoint()
    {
        Span<byte> compressed = stackalloc byte[Secp256k1Point.CompressedLength];
        compressed[0] = 0x02;
        _encoded.CopyTo(compressed[1..]);
        return Secp256k1Point.TryDecode(compressed, out var point)
            ? point
            : throw new InvalidOperationException("A parsed x-only key always lifts to a point.");
    }

    /// <summary>
    /// BIP340 Verify(pk, m, sig) for a message of any length. False for a signature that is not 64
    /// bytes, has R.x ≥ p or s ≥ n, or does not verify.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && Native.VerifySchnorr(Context, signature, message, in _key);

    /// <summary>
    /// BIP341 taproot_tweak_pubkey: Q = P + t·G, with P this key's even-y point and t the 32-byte
    /// <paramref name="tweak"/> (normally the "TapTweak" tagged hash). The caller takes
    /// <see cref="FromPoint"/> of Q for the output key and its parity. False if t ≥ n or Q is the identity.
    /// </summary>
    public bool TryTweakAdd(ReadOnlySpan<byte> tweak, out Secp256k1Point tweaked)
    {
        tweaked = Secp256k1Point.Identity;
        if (tweak.Length != 32 || !Native.TryTweakAddXOnlyPublicKey(Context, in _key, tweak, out var sum))
        {
            return false;
        }

        tweaked = new Secp256k1Point(sum);
        return true;
    }

    /// <summary>
    /// True iff <paramref name="tweakedKey"/> with y parity <paramref name="tweakedHasOddY"/> is this
    /// key tweaked by <paramref name="tweak"/> (what a BIP341 script-path spend checks). It does not
    /// prove the tweak is a commitment; that depends on how the tweak was derived.
    /// </summary>
    public bool CheckTweakAdd(ReadOnlySpan<byte> tweak, Secp256k1XOnlyPublicKey tweakedKey, bool tweakedHasOddY)
    {
        ArgumentNullException.ThrowIfNull(tweakedKey);
        return tweak.Length == 32 && Native.CheckXOnlyTweakAdd(Context, tweakedKey._encoded, tweakedHasOddY, in _key, tweak);
    }

    public bool Equals(Secp256k1XOnlyPublicKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_encoded, other._encoded);

    public override bool Equals(object? obj) => Equals(obj as Secp256k1XOnlyPublicKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_encoded);
        return hash.ToHashCode();
    }

    /// <summary>The x coordinate in lower-case hex.</summary>
    public override string ToString() => Convert.ToHexStringLower(_encoded);
}
