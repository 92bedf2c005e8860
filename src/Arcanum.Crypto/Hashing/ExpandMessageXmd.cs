using System.Security.Cryptography;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// expand_message_xmd from RFC 9380 §5.3.1 instantiated with SHA-256 (b_in_bytes = 32,
/// s_in_bytes = 64), including the §5.3.3 rule for domain-separation tags longer than 255 bytes.
/// It turns (msg, DST) into len_in_bytes uniformly random-looking bytes and is the expander of
/// hash_to_field (§5.2), which RFC 9591 uses for the FROST(secp256k1, SHA-256) hashes H1–H5.
/// </summary>
public static class ExpandMessageXmd
{
    /// <summary>The most output one call can produce: 255 blocks of 32 bytes (§5.3.1 step 2, ell ≤ 255).</summary>
    public const int MaxOutputLength = 255 * HashLength;

    /// <summary>DST length above which the tag is first hashed (§5.3.3).</summary>
    public const int MaxDomainSeparationTagLength = 255;

    private const int HashLength = 32;
    private const int BlockLength = 64;

    private static ReadOnlySpan<byte> OversizeDstPrefix => "H2C-OVERSIZE-DST-"u8;

    /// <summary>
    /// Fills <paramref name="destination"/> (1 to <see cref="MaxOutputLength"/> bytes, i.e.
    /// len_in_bytes) with expand_message_xmd(msg, DST, len_in_bytes) over SHA-256.
    /// </summary>
    /// <param name="message">msg, any length.</param>
    /// <param name="domainSeparationTag">
    /// DST; must not be empty (§3.1: "Tags MUST have nonzero length"). A tag over 255 bytes is
    /// replaced by SHA-256("H2C-OVERSIZE-DST-" ‖ DST) as §5.3.3 specifies.
    /// </param>
    /// <param name="destination">The output; its length is len_in_bytes.</param>
    public static void Sha256(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domainSeparationTag, Span<byte> destination)
    {
        if (destination.IsEmpty || destination.Length > MaxOutputLength)
        {
            throw new ArgumentException($"expand_message_xmd(SHA-256) produces 1 to {MaxOutputLength} bytes.", nameof(destination));
        }

        if (domainSeparationTag.IsEmpty)
        {
            throw new ArgumentException("RFC 9380 §3.1: a domain-separation tag must not be empty.", nameof(domainSeparationTag));
        }

        Span<byte> hashedTag = stackalloc byte[HashLength];
        scoped ReadOnlySpan<byte> dst = domainSeparationTag;
        if (dst.Length > MaxDomainSeparationTagLength)
        {
            // §5.3.3: DST = H("H2C-OVERSIZE-DST-" || a_very_long_DST).
            using var tagHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            tagHash.AppendData(OversizeDstPrefix);
            tagHash.AppendData(dst);
            tagHash.GetHashAndReset(hashedTag);
            dst = hashedTag;
        }

        // Step 1: ell = ceil(len_in_bytes / b_in_bytes); step 2's bound was checked above.
        var ell = (destination.Length + HashLength - 1) / HashLength;

        // Step 3: DST_prime = DST || I2OSP(len(DST), 1).
        ReadOnlySpan<byte> dstLength = [(byte)dst.Length];

        // Step 5: l_i_b_str = I2OSP(len_in_bytes, 2).
        ReadOnlySpan<byte> lengthInBytes = [(byte)(destination.Length >> 8), (byte)destination.Length];

        Span<byte> b0 = stackalloc byte[HashLength];
        Span<byte> bi = stackalloc byte[HashLength];
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

            // Steps 4, 6, 7: b_0 = H(Z_pad || msg || l_i_b_str || I2OSP(0, 1) || DST_prime), Z_pad = 64 zero bytes.
            Span<byte> zeroPad = stackalloc byte[BlockLength];
            zeroPad.Clear();
            hash.AppendData(zeroPad);
            hash.AppendData(message);
            hash.AppendData(lengthInBytes);
            hash.AppendData([0]);
            hash.AppendData(dst);
            hash.AppendData(dstLength);
            hash.GetHashAndReset(b0);

            // Steps 8–10: b_1 = H(b_0 || I2OSP(1, 1) || DST_prime); b_i = H(strxor(b_0, b_(i-1)) || I2OSP(i, 1) || DST_prime).
            for (var i = 1; i <= ell; i++)
            {
                if (i == 1)
                {
                    b0.CopyTo(bi);
                }
                else
                {
                    for (var j = 0; j < HashLength; j++)
                    {
                        bi[j] ^= b0[j];
                    }
                }

                hash.AppendData(bi);
                hash.AppendData([(byte)i]);
                hash.AppendData(dst);
                hash.AppendData(dstLength);
                hash.GetHashAndReset(bi);

                // Steps 11–12: uniform_bytes = b_1 || ... || b_ell, truncated to len_in_bytes.
                var offset = (i - 1) * HashLength;
                bi[..Math.Min(HashLength, destination.Length - offset)].CopyTo(destination[offset..]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b0);
            CryptographicOperations.ZeroMemory(bi);
        }
    }
}
