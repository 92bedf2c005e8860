using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Arcanum.Ledger.Envelopes;

/// <summary>
/// The outer form shared by direct envelopes and wrapped group keys, which is all the ledger stores of them:
/// <c>version (1 byte = 1) ‖ key version (u32 big-endian, ≥ 1) ‖ enc (32 bytes) ‖ ciphertext (the rest)</c>.
/// The key version tells a recipient who has rotated which private key to use; enc and the ciphertext are the
/// RFC 9180 §6.1 SealBase output. The encoding is canonical: every field has a fixed width except the last, whose
/// length is bounded by the format (<see cref="DirectEnvelope.TryDecode"/>, <see cref="GroupKeyWrap.TryDecode"/>).
/// </summary>
public sealed class HpkeEnvelope
{
    /// <summary>The bytes before the ciphertext: version, key version, enc.</summary>
    public const int HeaderLength = 1 + sizeof(uint) + EncapsulatedKeyLength;

    /// <summary>Nenc of DHKEM(X25519, HKDF-SHA256) (RFC 9180 §7.1).</summary>
    public const int EncapsulatedKeyLength = 32;

    /// <summary>Nt of AES-256-GCM (RFC 9180 §7.3).</summary>
    public const int TagLength = 16;

    private readonly byte[] _encapsulatedKey;
    private readonly byte[] _ciphertext;

    internal HpkeEnvelope(uint keyVersion, byte[] encapsulatedKey, byte[] ciphertext)
    {
        KeyVersion = keyVersion;
        _encapsulatedKey = encapsulatedKey;
        _ciphertext = ciphertext;
    }

    /// <summary>The recipient's keystore key version the envelope was sealed to.</summary>
    public uint KeyVersion { get; }

    /// <summary>enc: the sender's ephemeral X25519 public key (RFC 9180 §4.1).</summary>
    public ReadOnlySpan<byte> EncapsulatedKey => _encapsulatedKey;

    /// <summary>ct: the sealed inner message and its 16-byte tag.</summary>
    public ReadOnlySpan<byte> Ciphertext => _ciphertext;

    internal byte[] EncapsulatedKeyArray => _encapsulatedKey;

    /// <summary>The canonical encoding described on the type.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[HeaderLength + _ciphertext.Length];
        encoded[0] = EnvelopeFields.Version1;
        BinaryPrimitives.WriteUInt32BigEndian(encoded.AsSpan(1), KeyVersion);
        _encapsulatedKey.CopyTo(encoded.AsSpan(1 + sizeof(uint)));
        _ciphertext.CopyTo(encoded.AsSpan(HeaderLength));
        return encoded;
    }

    /// <summary>
    /// Decodes <paramref name="input"/>, whose ciphertext must carry a payload of
    /// <paramref name="minPayloadLength"/> to <paramref name="maxPayloadLength"/> bytes after the signed header.
    /// Checks the length before copying anything.
    /// </summary>
    internal static bool TryDecode(ReadOnlySpan<byte> input, int minPayloadLength, int maxPayloadLength,
        [NotNullWhen(true)] out HpkeEnvelope? envelope, out EnvelopeError error)
    {
        envelope = null;
        error = input switch
        {
            { Length: 0 } => EnvelopeError.VersionMissing,
            _ when input[0] != EnvelopeFields.Version1 => EnvelopeError.VersionUnsupported,
            { Length: < 1 + sizeof(uint) } => EnvelopeError.KeyVersionTruncated,
            _ when BinaryPrimitives.ReadUInt32BigEndian(input[1..]) == 0 => EnvelopeError.KeyVersionZero,
            { Length: < HeaderLength } => EnvelopeError.EncapsulatedKeyTruncated,
            _ => CheckCiphertextLength(input.Length - HeaderLength, minPayloadLength, maxPayloadLength),
        };
        if (error != EnvelopeError.None)
        {
            return false;
        }

        envelope = new HpkeEnvelope(BinaryPrimitives.ReadUInt32BigEndian(input[1..]),
            input[(1 + sizeof(uint))..HeaderLength].ToArray(), input[HeaderLength..].ToArray());
        return true;
    }

    /// <summary>A ciphertext holds the signed header, a payload within the bounds, and the tag.</summary>
    private static EnvelopeError CheckCiphertextLength(int ciphertextLength, int minPayloadLength, int maxPayloadLength) =>
        (ciphertextLength - TagLength - EnvelopeFields.SignedHeaderLength) switch
        {
            var payload when payload < minPayloadLength => EnvelopeError.CiphertextTooShort,
            var payload when payload > maxPayloadLength => EnvelopeError.CiphertextTooLong,
            _ => EnvelopeError.None,
        };
}
