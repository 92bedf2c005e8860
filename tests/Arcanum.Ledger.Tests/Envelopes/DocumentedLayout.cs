using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Ledger.Tests.Envelopes;

/// <summary>
/// The labels and field lists docs/messaging.md specifies, written out here independently of the implementation,
/// so the tests can cross-check the bytes and play an attacker who re-seals inner messages.
/// </summary>
internal static class DocumentedLayout
{
    public static byte[] DirectInfo(string chainId) =>
        DomainSeparation.Encode("arcanum/messages/direct/hpke-info/v1", Utf8(chainId));

    public static byte[] DirectAad(byte[] recipient, uint keyVersion) =>
        DomainSeparation.Encode("arcanum/messages/direct/hpke-aad/v1", recipient, U32(keyVersion));

    public static byte[] DirectStatement(string chainId, byte[] sender, byte[] recipient, uint keyVersion, byte[] enc,
        byte[] plaintext) =>
        DomainSeparation.Encode("arcanum/messages/direct/signed/v1", Utf8(chainId), sender, recipient, U32(keyVersion),
            enc, plaintext);

    public static byte[] WrapInfo(string chainId) =>
        DomainSeparation.Encode("arcanum/messages/group-key/hpke-info/v1", Utf8(chainId));

    public static byte[] WrapAad(byte[] recipient, uint keyVersion) =>
        DomainSeparation.Encode("arcanum/messages/group-key/hpke-aad/v1", recipient, U32(keyVersion));

    public static byte[] GroupMessageKey(byte[] secret, byte[] groupId, ulong epoch) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, [],
            DomainSeparation.Encode("arcanum/messages/group/message-key/v1", groupId, U64(epoch)));

    public static byte[] GroupAad(string chainId, byte[] groupId, ulong epoch) =>
        DomainSeparation.Encode("arcanum/messages/group/aad/v1", Utf8(chainId), groupId, U64(epoch));

    public static byte[] GroupStatement(string chainId, byte[] groupId, ulong epoch, byte[] sender, byte[] nonce,
        byte[] plaintext) =>
        DomainSeparation.Encode("arcanum/messages/group/signed/v1", Utf8(chainId), groupId, U64(epoch), sender, nonce,
            plaintext);

    /// <summary>version 1 ‖ u32be(key version) ‖ enc ‖ ct.</summary>
    public static byte[] HpkeEnvelope(uint keyVersion, byte[] enc, byte[] ciphertext) =>
        [1, .. U32(keyVersion), .. enc, .. ciphertext];

    /// <summary>version 1 ‖ len(group id) ‖ group id ‖ u64be(epoch) ‖ nonce ‖ ct ‖ tag.</summary>
    public static byte[] GroupEnvelope(byte[] groupId, ulong epoch, byte[] nonce, byte[] ciphertextAndTag) =>
        [1, (byte)groupId.Length, .. groupId, .. U64(epoch), .. nonce, .. ciphertextAndTag];

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Utf8(string value) => System.Text.Encoding.UTF8.GetBytes(value);
}
