using Arcanum.Crypto.Curves;
using Arcanum.Crypto.SafeHandles;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.Signatures;

/// <summary>
/// ECDSA over secp256k1 (SEC1 §4.1) on 32-byte message hashes, verified by libsecp256k1.
/// Signatures are 64 bytes compact (r ‖ s, big-endian) or strict DER (X.690: definite minimal
/// lengths, minimal INTEGERs, no trailing bytes — no BER). Signing is on
/// <see cref="Secp256k1PrivateKey.SignEcdsa"/>. Expected failures return false; a hash that is not
/// 32 bytes is a programming error and throws.
/// </summary>
public static class Secp256k1Ecdsa
{
    /// <summary>Length of the message hash that is signed (e.g. SHA-256 or Keccak-256 output).</summary>
    public const int HashLength = Native.HashLength;

    /// <summary>Compact signature: r ‖ s, 32 bytes each.</summary>
    public const int SignatureLength = Native.CompactSignatureLength;

    /// <summary>The longest DER signature.</summary>
    public const int MaxDerSignatureLength = Native.MaxDerSignatureLength;

    private static Secp256k1ContextHandle Context => Secp256k1ContextHandle.Default;

    /// <summary>
    /// Verifies a compact signature. False for a wrong length, r or s outside [1, n − 1], a high s
    /// under <see cref="EcdsaHighSPolicy.Reject"/>, the identity as key, or a signature that does not verify.
    /// </summary>
    public static bool Verify(
        Secp256k1Point publicKey, ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> signature, EcdsaHighSPolicy highS = EcdsaHighSPolicy.Reject)
    {
        RequireHash(messageHash);
        return signature.Length == SignatureLength
            && Native.TryParseCompactSignature(Context, signature, out var parsed)
            && VerifyParsed(publicKey, messageHash, parsed, highS);
    }

    /// <summary>
    /// Verifies a strict-DER signature; the same rules as <see cref="Verify"/> apply to its values.
    /// BER variants (long-form or padded lengths, padded INTEGERs) and trailing bytes return false.
    /// </summary>
    public static bool VerifyDer(
        Secp256k1Point publicKey, ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> derSignature, EcdsaHighSPolicy highS = EcdsaHighSPolicy.Reject)
    {
        RequireHash(messageHash);
        return Native.TryParseDerSignature(Context, derSignature, out var parsed)
            && VerifyParsed(publicKey, messageHash, parsed, highS);
    }

    /// <summary>
    /// Recovers the public key from a compact signature and its recovery id (0–3), as Ethereum's
    /// ecrecover does (SEC1 §4.1.6). Success proves the signature valid for the returned key.
    /// False for a malformed signature, a recovery id outside 0–3, a high s under
    /// <see cref="EcdsaHighSPolicy.Reject"/>, or a signature from which no key can be recovered.
    /// </summary>
    public static bool TryRecover(
        ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> signature, int recoveryId, out Secp256k1Point publicKey,
        EcdsaHighSPolicy highS = EcdsaHighSPolicy.Reject)
    {
        RequireHash(messageHash);
        publicKey = Secp256k1Point.Identity;
        if (signature.Length != SignatureLength
            || !Native.TryParseRecoverableSignature(Context, signature, recoveryId, out var recoverable))
        {
            return false;
        }

        if (highS == EcdsaHighSPolicy.Reject)
        {
            Native.ConvertRecoverableSignature(Context, in recoverable, out var plain);
            if (Native.NormalizeSignature(Context, in plain, out _))
            {
                return false;
            }
        }

        if (!Native.TryRecover(Context, in recoverable, messageHash, out var key))
        {
            return false;
        }

        publicKey = new Secp256k1Point(key);
        return true;
    }

    /// <summary>
    /// Converts a strict-DER signature to the 64-byte compact form. False (and nothing written) if
    /// the DER is malformed or r or s is outside [1, n − 1] (libsecp256k1 parses an out-of-range
    /// INTEGER as zero; that is refused here).
    /// </summary>
    public static bool TryConvertDerToCompact(ReadOnlySpan<byte> derSignature, Span<byte> signature)
    {
        RequireDestination(signature, SignatureLength);
        if (!Native.TryParseDerSignature(Context, derSignature, out var parsed))
        {
            return false;
        }

        Span<byte> compact = stackalloc byte[SignatureLength];
        Native.SerializeCompactSignature(Context, in parsed, compact);
        if (IsZero(compact[..32]) || IsZero(compact[32..]))
        {
            return false;
        }

        compact.CopyTo(signature);
        return true;
    }

    /// <summary>
    /// Encodes a compact signature as DER (at most 72 bytes). False if r or s is not below n, or
    /// <paramref name="destination"/> is too short for the encoding.
    /// </summary>
    public static bool TryConvertCompactToDer(ReadOnlySpan<byte> signature, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (signature.Length != SignatureLength || !Native.TryParseCompactSignature(Context, signature, out var parsed))
        {
            return false;
        }

        Span<byte> der = stackalloc byte[MaxDerSignatureLength];
        var length = Native.SerializeDerSignature(Context, in parsed, der);
        if (length > destination.Length)
        {
            return false;
        }

        der[..length].CopyTo(destination);
        bytesWritten = length;
        return true;
    }

    private static bool VerifyParsed(Secp256k1Point publicKey, ReadOnlySpan<byte> messageHash, Native.EcdsaSignature signature, EcdsaHighSPolicy highS)
    {
        if (publicKey.IsIdentity)
        {
            return false;
        }

        var checkedSignature = signature;
        if (highS == EcdsaHighSPolicy.Accept)
        {
            Native.NormalizeSignature(Context, in signature, out checkedSignature);
        }

        var key = publicKey.NativeKey;
        return Native.VerifyEcdsa(Context, in checkedSignature, messageHash, in key);
    }

    private static bool IsZero(ReadOnlySpan<byte> value) => !value.ContainsAnyExcept((byte)0);

    private static void RequireHash(ReadOnlySpan<byte> messageHash)
    {
        if (messageHash.Length != HashLength)
        {
            throw new ArgumentException($"ECDSA over secp256k1 signs a {HashLength}-byte message hash.", nameof(messageHash));
        }
    }

    internal static void RequireDestination(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination must hold {length} bytes.", nameof(destination));
        }
    }
}
