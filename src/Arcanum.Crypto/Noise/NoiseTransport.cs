using System.Buffers;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// The transport phase of a Noise session (revision 34, §5 after Split): one CipherState per
/// direction, transport messages encrypted with empty associated data, each at most 65535 bytes (§3),
/// so a payload is at most <see cref="MaxPayloadLength"/> bytes. Nonces are implicit and sequential:
/// a replayed, reordered or dropped message fails to decrypt (<see cref="NoiseResult.DecryptionFailed"/>)
/// without changing the receiving state. Not thread-safe; zeroes both keys on dispose.
/// </summary>
public sealed class NoiseTransport : IDisposable
{
    /// <summary>The largest payload of one transport message: 65535 bytes less the 16-byte tag.</summary>
    public const int MaxPayloadLength = NoiseProtocol.MaxMessageLength - CipherState.TagLength;

    private readonly CipherState _sending;
    private readonly CipherState _receiving;
    private readonly byte[] _handshakeHash;
    private readonly X25519PublicKey _remoteStaticKey;
    private bool _disposed;

    internal NoiseTransport(CipherState sending, CipherState receiving, ReadOnlySpan<byte> handshakeHash, X25519PublicKey remoteStaticKey)
    {
        _sending = sending;
        _receiving = receiving;
        _handshakeHash = handshakeHash.ToArray();
        _remoteStaticKey = remoteStaticKey;
    }

    /// <summary>
    /// The final handshake hash h (§5.3 GetHandshakeHash), equal on both sides: bind higher-level
    /// authentication to this session with it (§11.2).
    /// </summary>
    public ReadOnlySpan<byte> HandshakeHash
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handshakeHash;
        }
    }

    /// <summary>The peer's authenticated static public key, which the caller compares with its pin.</summary>
    public X25519PublicKey RemoteStaticKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _remoteStaticKey;
        }
    }

    /// <summary>
    /// Encrypts <paramref name="payload"/> (at most <see cref="MaxPayloadLength"/> bytes) into
    /// <paramref name="message"/> (payload length + 16 bytes); the buffers must not overlap unless they
    /// start at the same place.
    /// </summary>
    public NoiseResult WriteMessage(ReadOnlySpan<byte> payload, Span<byte> message, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        return payload.Length > MaxPayloadLength
            ? NoiseResult.MessageTooLarge
            : _sending.EncryptWithAd(ReadOnlySpan<byte>.Empty, payload, message, out written);
    }

    /// <summary>As <see cref="WriteMessage(ReadOnlySpan{byte}, Span{byte}, out int)"/>, appending the message to <paramref name="output"/>.</summary>
    public NoiseResult WriteMessage(ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (payload.Length > MaxPayloadLength)
        {
            return NoiseResult.MessageTooLarge;
        }

        var result = WriteMessage(payload, output.GetSpan(payload.Length + CipherState.TagLength), out var written);
        if (result == NoiseResult.Success)
        {
            output.Advance(written);
        }

        return result;
    }

    /// <summary>
    /// Decrypts <paramref name="message"/> (at most 65535 bytes) into <paramref name="payload"/>
    /// (message length − 16 bytes). Returns <see cref="NoiseResult.DecryptionFailed"/> for a tampered,
    /// replayed or out-of-order message; the receiving nonce then stays where it was.
    /// </summary>
    public NoiseResult ReadMessage(ReadOnlySpan<byte> message, Span<byte> payload, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        written = 0;
        return message.Length > NoiseProtocol.MaxMessageLength
            ? NoiseResult.MessageTooLarge
            : _receiving.DecryptWithAd(ReadOnlySpan<byte>.Empty, message, payload, out written);
    }

    /// <summary>As <see cref="ReadMessage(ReadOnlySpan{byte}, Span{byte}, out int)"/>, appending the payload to <paramref name="payload"/>.</summary>
    public NoiseResult ReadMessage(ReadOnlySpan<byte> message, IBufferWriter<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.Length > NoiseProtocol.MaxMessageLength)
        {
            return NoiseResult.MessageTooLarge;
        }

        var result = ReadMessage(message, payload.GetSpan(Math.Max(0, message.Length - CipherState.TagLength)), out var written);
        if (result == NoiseResult.Success)
        {
            payload.Advance(written);
        }

        return result;
    }

    /// <summary>
    /// §11.3: rekeys the sending CipherState. The peer must call <see cref="RekeyReceiving"/> at the same
    /// point in the message stream; when is for the application protocol to decide.
    /// </summary>
    public void RekeySending()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _sending.Rekey();
    }

    /// <summary>§11.3: rekeys the receiving CipherState, matching the peer's <see cref="RekeySending"/>.</summary>
    public void RekeyReceiving()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _receiving.Rekey();
    }

    /// <summary>Zeroes both keys; every member throws <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        _sending.Dispose();
        _receiving.Dispose();
        _disposed = true;
    }

    public override string ToString() => "[redacted]";
}
