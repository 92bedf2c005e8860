using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Crypto.Hpke;

/// <summary>
/// The recipient's encryption context (RFC 9180 §5.2): opens messages in the order they were sealed. A message
/// that fails to open leaves the sequence number where it was, so the next genuine message still opens.
/// </summary>
public sealed class HpkeRecipientContext : HpkeContext
{
    internal HpkeRecipientContext(HpkeSuite suite, HpkeKeySchedule schedule)
        : base(suite, schedule)
    {
    }

    /// <summary>
    /// ContextR.Open(aad, ct) (RFC 9180 §5.2): verifies and decrypts <paramref name="ciphertext"/> (ct ‖ tag)
    /// under ComputeNonce(seq), then seq + 1. On failure returns false with the reason in
    /// <paramref name="error"/> (<see cref="HpkeError.CiphertextTooShort"/>, <see cref="HpkeError.DecryptionFailed"/>,
    /// <see cref="HpkeError.MessageLimitReached"/>) and no plaintext.
    /// </summary>
    public bool TryOpen(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext,
        [NotNullWhen(true)] out byte[]? plaintext, out HpkeError error)
    {
        var cipher = Cipher;
        plaintext = null;
        if (!HasSequenceNumberLeft)
        {
            error = HpkeError.MessageLimitReached;
            return false;
        }

        Span<byte> nonce = stackalloc byte[HpkeSuite.NonceLength];
        ComputeNonce(SequenceNumber, nonce);
        if (!cipher.TryOpen(nonce, aad, ciphertext, out plaintext, out error))
        {
            return false;
        }

        SequenceNumber++;
        return true;
    }
}
