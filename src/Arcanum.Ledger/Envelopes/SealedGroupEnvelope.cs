using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Aead;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// The outer form of a <see cref="GroupEnvelope"/>, which is what the ledger stores:
/// <c>version (1 byte = 1) ‖ len(group id) (1 byte, 1…64) ‖ group id ‖ epoch (u64 big-endian) ‖ nonce (12 bytes)
/// ‖ ciphertext ‖ tag (the rest: 32 + 64 + plaintext + 16 bytes, plaintext ≤ 64 KiB)</c>. Canonical: every field
/// is fixed-width or length-prefixed except the last, whose length is bounded.
/// </summary>
public sealed class SealedGroupEnvelope
{
    /// <summary>The shortest ciphertext: an empty plaintext's signed header and tag.</summary>
    public const int MinCiphertextLength = EnvelopeFields.SignedHeaderLength + AeadCipher.TagSizeInBytes;

    /// <summary>The longest ciphertext: a 64 KiB plaintext's.</summary>
    public const int MaxCiphertextLength = MinCiphertextLength + EnvelopeFields.MaxPlaintextLength;

    private readonly byte[] _groupId;
    private readonly byte[] _nonce;
    private readonly byte[] _ciphertext;

    internal SealedGroupEnvelope(byte[] groupId, ulong epoch, byte[] nonce, byte[] ciphertext)
    {
        _groupId = groupId;
        Epoch = epoch;
        _nonce = nonce;
        _ciphertext = ciphertext;
    }

    /// <summary>The group resource id.</summary>
    public ReadOnlySpan<byte> GroupId => _groupId;

    /// <summary>The epoch of the key that sealed it.</summary>
    public ulong Epoch { get; }

    /// <summary>The random 96-bit AES-GCM nonce.</summary>
    public ReadOnlySpan<byte> Nonce => _nonce;

    /// <summary>The sealed inner message followed by the 16-byte tag.</summary>
    public ReadOnlySpan<byte> Ciphertext => _ciphertext;

    /// <summary>The canonical encoding described on the type.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[2 + _groupId.Length + sizeof(ulong) + _nonce.Length + _ciphertext.Length];
        encoded[0] = EnvelopeFields.Version1;
        encoded[1] = (byte)_groupId.Length;
        _groupId.CopyTo(encoded, 2);
        var position = 2 + _groupId.Length;
        BinaryPrimitives.WriteUInt64BigEndian(encoded.AsSpan(position), Epoch);
        position += sizeof(ulong);
        _nonce.CopyTo(encoded, position);
        _ciphertext.CopyTo(encoded, position + _nonce.Length);
        return encoded;
    }

    /// <summary>Decodes strictly, checking every length before copying; the error names the first bad field.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> input, [NotNullWhen(true)] out SealedGroupEnvelope? envelope,
        out EnvelopeError error)
    {
        envelope = null;
        var groupIdLength = input.Length > 1 ? input[1] : 0;
        var epochAt = 2 + groupIdLength;
        var nonceAt = epochAt + sizeof(ulong);
        var ciphertextAt = nonceAt + AeadCipher.NonceSizeInBytes;
        error = input.Length switch
        {
            0 => EnvelopeError.VersionMissing,
            _ when input[0] != EnvelopeFields.Version1 => EnvelopeError.VersionUnsupported,
            1 => EnvelopeError.GroupIdLengthMissing,
            _ when groupIdLength is 0 or > GroupKey.MaxGroupIdLength => EnvelopeError.GroupIdLengthInvalid,
            var length when length < epochAt => EnvelopeError.GroupIdTruncated,
            var length when length < nonceAt => EnvelopeError.EpochTruncated,
            var length when length < ciphertextAt => EnvelopeError.NonceTruncated,
            var length when length - ciphertextAt < MinCiphertextLength => EnvelopeError.CiphertextTooShort,
            var length when length - ciphertextAt > MaxCiphertextLength => EnvelopeError.CiphertextTooLong,
            _ => EnvelopeError.None,
        };
        if (error != EnvelopeError.None)
        {
            return false;
        }

        envelope = new SealedGroupEnvelope(input[2..epochAt].ToArray(), BinaryPrimitives.ReadUInt64BigEndian(input[epochAt..]),
            input[nonceAt..ciphertextAt].ToArray(), input[ciphertextAt..].ToArray());
        return true;
    }
}
