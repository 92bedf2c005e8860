using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Aead;
using Arcanum.Crypto.Hashing;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// A message to a group: AES-256-GCM (NIST SP 800-38D) under the key <see cref="GroupKey"/> derives for its epoch,
/// with a random 96-bit nonce, sealing <c>sender account id ‖ Ed25519 signature ‖ plaintext</c>. The signature
/// covers chain id, group id, epoch, sender, nonce and plaintext; the AES-GCM associated data binds chain id,
/// group id and epoch. Outer layout: <see cref="SealedGroupEnvelope"/>. See docs/messaging.md.
/// </summary>
public static class GroupEnvelope
{
    /// <summary>The longest plaintext: 64 KiB.</summary>
    public const int MaxPlaintextLength = EnvelopeFields.MaxPlaintextLength;

    private const string AadLabel = "arcanum/messages/group/aad/v1";
    private const string StatementLabel = "arcanum/messages/group/signed/v1";

    /// <summary>
    /// Seals <paramref name="plaintext"/> from the account of <paramref name="senderSigningKey"/> to the group of
    /// <paramref name="groupKey"/> on <paramref name="chainId"/>. Fails only with
    /// <see cref="EnvelopeError.PlaintextTooLong"/>. The nonce is drawn from <paramref name="rng"/>.
    /// </summary>
    public static bool TrySeal(GroupKey groupKey, Ed25519PrivateKey senderSigningKey, ReadOnlySpan<byte> plaintext,
        string chainId, RandomNumberGenerator rng, [NotNullWhen(true)] out byte[]? envelope, out EnvelopeError error)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        ArgumentNullException.ThrowIfNull(senderSigningKey);
        ArgumentNullException.ThrowIfNull(rng);
        var chain = EnvelopeFields.EncodeChainId(chainId);
        envelope = null;
        if (plaintext.Length > MaxPlaintextLength)
        {
            error = EnvelopeError.PlaintextTooLong;
            return false;
        }

        var nonce = new byte[AeadCipher.NonceSizeInBytes];
        rng.GetBytes(nonce);
        var sender = senderSigningKey.PublicKey.Bytes.ToArray();
        var body = plaintext.ToArray();
        var statement = Statement(chain, groupKey, sender, nonce, body);
        var inner = new byte[EnvelopeFields.SignedHeaderLength + body.Length];
        try
        {
            sender.CopyTo(inner, 0);
            senderSigningKey.Sign(statement, inner.AsSpan(EnvelopeFields.AccountIdLength, Ed25519PublicKey.SignatureLength));
            body.CopyTo(inner, EnvelopeFields.SignedHeaderLength);
            var ciphertext = new byte[inner.Length + AeadCipher.TagSizeInBytes];
            using (var cipher = groupKey.CreateMessageCipher())
            {
                cipher.Encrypt(nonce, inner, Aad(chain, groupKey.GroupIdMemory, groupKey.Epoch),
                    ciphertext.AsSpan(0, inner.Length), ciphertext.AsSpan(inner.Length));
            }

            envelope = new SealedGroupEnvelope(groupKey.GroupId.ToArray(), groupKey.Epoch, nonce, ciphertext).Encode();
            error = EnvelopeError.None;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(body);
            CryptographicOperations.ZeroMemory(statement);
        }
    }

    /// <summary>Decodes the outer layout without decrypting (strict, bounded); <see cref="SealedGroupEnvelope"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, [NotNullWhen(true)] out SealedGroupEnvelope? envelope,
        out EnvelopeError error) =>
        SealedGroupEnvelope.TryDecode(input, out envelope, out error);

    /// <summary>
    /// Opens <paramref name="input"/> with the key of its group and epoch (read them with <see cref="TryDecode"/>
    /// to pick the key), checking the chain and the sender's signature.
    /// </summary>
    public static bool TryOpen(GroupKey groupKey, ReadOnlySpan<byte> input, string chainId,
        [NotNullWhen(true)] out OpenedMessage? message, out EnvelopeError error)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        var chain = EnvelopeFields.EncodeChainId(chainId);
        message = null;
        if (!SealedGroupEnvelope.TryDecode(input, out var envelope, out error))
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(envelope.GroupId, groupKey.GroupId))
        {
            error = EnvelopeError.GroupMismatch;
            return false;
        }

        if (envelope.Epoch != groupKey.Epoch)
        {
            error = EnvelopeError.EpochMismatch;
            return false;
        }

        var ciphertext = envelope.Ciphertext;
        var inner = new byte[ciphertext.Length - AeadCipher.TagSizeInBytes];
        bool decrypted;
        using (var cipher = groupKey.CreateMessageCipher())
        {
            decrypted = cipher.TryDecrypt(envelope.Nonce, ciphertext[..inner.Length], ciphertext[inner.Length..],
                Aad(chain, groupKey.GroupIdMemory, groupKey.Epoch), inner);
        }

        if (!decrypted)
        {
            error = EnvelopeError.DecryptionFailed;
            return false;
        }

        var sender = inner[..EnvelopeFields.AccountIdLength];
        var body = inner[EnvelopeFields.SignedHeaderLength..];
        var statement = Statement(chain, groupKey, sender, envelope.Nonce.ToArray(), body);
        try
        {
            var signature = inner.AsSpan(EnvelopeFields.AccountIdLength, Ed25519PublicKey.SignatureLength);
            if (!Ed25519PublicKey.FromBytes(sender).Verify(statement, signature))
            {
                CryptographicOperations.ZeroMemory(body);
                error = EnvelopeError.SignatureInvalid;
                return false;
            }

            message = new OpenedMessage(sender, body);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(statement);
        }
    }

    private static byte[] Aad(byte[] chainId, ReadOnlyMemory<byte> groupId, ulong epoch) =>
        DomainSeparation.Encode(AadLabel, chainId, groupId, EnvelopeFields.UInt64BigEndian(epoch));

    private static byte[] Statement(byte[] chainId, GroupKey groupKey, byte[] sender, byte[] nonce, byte[] plaintext) =>
        DomainSeparation.Encode(StatementLabel, chainId, groupKey.GroupIdMemory,
            EnvelopeFields.UInt64BigEndian(groupKey.Epoch), sender, nonce, plaintext);
}
