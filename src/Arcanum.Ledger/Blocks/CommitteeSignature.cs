using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// The committee's signature over a header. The committee signs with FROST(Ed25519, SHA-512) (RFC 9591), whose
/// output is a standard Ed25519 signature (RFC 9591 §6.5; RFC 8032 §5.1.7 verification), so it is checked with the
/// committee's group public key like any Ed25519 signature (libsodium, strict rules).
/// </summary>
public static class CommitteeSignature
{
    /// <summary>The length of a signature.</summary>
    public const int Length = Ed25519PublicKey.SignatureLength;

    /// <summary>True when <paramref name="signature"/> is the committee's signature over <paramref name="header"/> on <paramref name="chainId"/>.</summary>
    public static bool Verify(Ed25519PublicKey committeeKey, string chainId, BlockHeader header, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(committeeKey);
        ArgumentNullException.ThrowIfNull(header);
        return committeeKey.Verify(header.SigningBytes(chainId), signature);
    }

    /// <summary>True when <paramref name="header"/> carries a valid signature of <paramref name="config"/>'s committee.</summary>
    public static bool Verify(ChainConfig config, FinalizedHeader header)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(header);
        return Verify(config.CommitteeKey, config.ChainId, header.Header, header.Signature);
    }
}
