namespace Arcanum.Crypto.Hpke;

/// <summary>
/// The sender's encryption context (RFC 9180 §5.2): seals messages in order under nonces derived from the
/// sequence number, which the context advances itself, so no nonce can be reused through this API.
/// </summary>
public sealed class HpkeSenderContext : HpkeContext
{
    private readonly byte[] _encapsulatedKey;

    internal HpkeSenderContext(HpkeSuite suite, HpkeKeySchedule schedule, byte[] encapsulatedKey)
        : base(suite, schedule) => _encapsulatedKey = encapsulatedKey;

    /// <summary>enc: the encapsulated key (Nenc = 32 bytes) the recipient needs to set up its context. Public.</summary>
    public byte[] EncapsulatedKey => (byte[])_encapsulatedKey.Clone();

    /// <summary>
    /// ContextS.Seal(aad, pt) (RFC 9180 §5.2): ct ‖ tag under ComputeNonce(seq), then seq + 1. Throws
    /// <see cref="InvalidOperationException"/> once the sequence number is exhausted (MessageLimitReachedError;
    /// 2^96 − 1 messages, misuse rather than an input error); a new context must be set up then.
    /// </summary>
    public byte[] Seal(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
    {
        var cipher = Cipher;
        if (!HasSequenceNumberLeft)
        {
            throw new InvalidOperationException(
                "This HPKE context has sealed its last message (RFC 9180 §5.2, message limit); set up a new one.");
        }

        Span<byte> nonce = stackalloc byte[HpkeSuite.NonceLength];
        ComputeNonce(SequenceNumber, nonce);
        var ciphertext = cipher.Seal(nonce, aad, plaintext);
        SequenceNumber++;
        return ciphertext;
    }
}
