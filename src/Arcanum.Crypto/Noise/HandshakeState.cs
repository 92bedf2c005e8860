using System.Buffers;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// The HandshakeState object of Noise revision 34, §5.3, for the IK family over 25519, ChaChaPoly and
/// BLAKE2s: it runs the handshake message patterns token by token and, when the last one has been
/// processed, <see cref="Split"/>s into a <see cref="NoiseTransport"/>. Transport-agnostic: messages
/// go in and out as bytes.
/// </summary>
/// <remarks>
/// <para>
/// Writing or reading a message is all-or-nothing: on any failure (a tampered or truncated message, a
/// small-order peer key, a short buffer) the result says why and the state is exactly as before the
/// call, so a forged message cannot desynchronise the handshake; the caller decides whether to wait
/// for a genuine message or abandon the session. Calls out of turn throw <see cref="InvalidOperationException"/>.
/// </para>
/// <para>Holds the static, ephemeral and pre-shared keys and ck, h, k; all are zeroed on dispose. Not thread-safe.</para>
/// </remarks>
public sealed class HandshakeState : IDisposable
{
    private const int DhLength = X25519PublicKey.Length;
    private const int PreSharedKeyLength = 32;

    private readonly HandshakePattern _pattern;
    private readonly RandomNumberGenerator? _rng;
    private readonly X25519PrivateKey _localStatic;
    private readonly byte[][] _preSharedKeys;
    private SymmetricState _symmetric;
    private X25519PrivateKey? _localEphemeral;
    private X25519PublicKey? _remoteEphemeral;
    private X25519PublicKey? _remoteStatic;
    private int _messageIndex;
    private int _pskIndex;
    private bool _disposed;

    private HandshakeState(HandshakeSettings settings, RandomNumberGenerator? rng, X25519PrivateKey? ephemeralKey)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.Protocol);
        ArgumentNullException.ThrowIfNull(settings.LocalStaticKey);
        ArgumentNullException.ThrowIfNull(settings.PreSharedKeys);
        if (!Enum.IsDefined(settings.Role))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Role, "The role must be Initiator or Responder.");
        }

        _pattern = settings.Protocol.Pattern;
        Role = settings.Role;
        ValidateRemoteStaticKey(settings);
        ValidatePreSharedKeys(settings.PreSharedKeys, _pattern.PreSharedKeyCount);

        _rng = rng;
        _localStatic = settings.LocalStaticKey.Clone();
        _localEphemeral = ephemeralKey?.Clone();
        _remoteStatic = settings.RemoteStaticKey;
        _preSharedKeys = [.. settings.PreSharedKeys.Select(CopyPinned)];

        // §5.3 Initialize: InitializeSymmetric(protocol_name); MixHash(prologue); then MixHash of each
        // pre-message key — here the responder's static key of "<- s", its own or the pinned one.
        _symmetric = SymmetricState.InitializeSymmetric(settings.Protocol.Name);
        _symmetric.MixHash(settings.Prologue.Span);
        _symmetric.MixHash(Role == NoiseRole.Initiator ? _remoteStatic!.AsSpan() : _localStatic.PublicKey.AsSpan());
    }

    /// <summary>This party's role.</summary>
    public NoiseRole Role { get; }

    /// <summary>True when every handshake message has been written or read; next, call <see cref="Split"/>.</summary>
    public bool IsCompleted
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _messageIndex == _pattern.Messages.Count;
        }
    }

    /// <summary>True when the next handshake message is this party's to write (false when completed).</summary>
    public bool IsMyTurnToWrite =>
        !IsCompleted && HandshakePattern.IsSentByInitiator(_messageIndex) == (Role == NoiseRole.Initiator);

    /// <summary>
    /// The peer's static public key: for the initiator, the pinned key it was given; for the responder,
    /// the initiator's key once the first message has been read (null before). The responder must check
    /// it against its allowed keys before it answers — Noise authenticates the key, not whose it is.
    /// </summary>
    public X25519PublicKey? RemoteStaticKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _remoteStatic;
        }
    }

    /// <summary>
    /// The handshake hash h once the handshake is complete (§5.3 GetHandshakeHash), for channel binding
    /// (§11.2); both parties hold the same value. Throws before completion.
    /// </summary>
    public ReadOnlySpan<byte> HandshakeHash
    {
        get
        {
            RequireCompleted();
            return _symmetric.GetHandshakeHash();
        }
    }

    /// <summary>
    /// A handshake whose ephemeral key is drawn from <paramref name="rng"/> when its "e" token is written.
    /// The settings are validated; invalid ones throw <see cref="ArgumentException"/>.
    /// </summary>
    public static HandshakeState Create(HandshakeSettings settings, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new HandshakeState(settings, rng, ephemeralKey: null);
    }

    /// <summary>
    /// A handshake with a fixed ephemeral key (copied), for reproducing published test vectors. An
    /// ephemeral key must never be used for two handshakes; production code uses
    /// <see cref="Create(HandshakeSettings, RandomNumberGenerator)"/>.
    /// </summary>
    public static HandshakeState Create(HandshakeSettings settings, X25519PrivateKey ephemeralKey)
    {
        ArgumentNullException.ThrowIfNull(ephemeralKey);
        return new HandshakeState(settings, rng: null, ephemeralKey);
    }

    /// <summary>The length of the next message this party writes if its payload is <paramref name="payloadLength"/> bytes.</summary>
    public int GetMessageLength(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return MessageOverhead(NextMessage(writing: true)) + payloadLength;
    }

    /// <summary>
    /// §5.3 WriteMessage(payload, message_buffer): processes this party's next message pattern and writes
    /// the message (at most 65535 bytes) into <paramref name="message"/>, which must not overlap
    /// <paramref name="payload"/>. On failure nothing changes and <paramref name="written"/> is 0.
    /// </summary>
    public NoiseResult WriteMessage(ReadOnlySpan<byte> payload, Span<byte> message, out int written)
    {
        written = 0;
        var tokens = NextMessage(writing: true);
        var length = MessageOverhead(tokens) + payload.Length;
        if (length > NoiseProtocol.MaxMessageLength)
        {
            return NoiseResult.MessageTooLarge;
        }

        if (message.Length < length)
        {
            return NoiseResult.DestinationTooSmall;
        }

        var checkpoint = BeginMessage();
        var result = WriteTokens(tokens, payload, message, out written);
        EndMessage(checkpoint, result);
        return result;
    }

    /// <summary>As <see cref="WriteMessage(ReadOnlySpan{byte}, Span{byte}, out int)"/>, appending the message to <paramref name="output"/>.</summary>
    public NoiseResult WriteMessage(ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = MessageOverhead(NextMessage(writing: true)) + payload.Length;
        if (length > NoiseProtocol.MaxMessageLength)
        {
            return NoiseResult.MessageTooLarge;
        }

        var result = WriteMessage(payload, output.GetSpan(length), out var written);
        if (result == NoiseResult.Success)
        {
            output.Advance(written);
        }

        return result;
    }

    /// <summary>
    /// §5.3 ReadMessage(message, payload_buffer): processes the peer's next message pattern and writes
    /// the decrypted payload into <paramref name="payload"/>, which must not overlap
    /// <paramref name="message"/>. A tampered message returns <see cref="NoiseResult.DecryptionFailed"/>
    /// and a small-order peer key <see cref="NoiseResult.InvalidRemoteKey"/>; on any failure nothing
    /// changes and <paramref name="written"/> is 0.
    /// </summary>
    public NoiseResult ReadMessage(ReadOnlySpan<byte> message, Span<byte> payload, out int written)
    {
        written = 0;
        var tokens = NextMessage(writing: false);
        if (message.Length > NoiseProtocol.MaxMessageLength)
        {
            return NoiseResult.MessageTooLarge;
        }

        var overhead = MessageOverhead(tokens);
        if (message.Length < overhead)
        {
            return NoiseResult.MessageTooShort;
        }

        if (payload.Length < message.Length - overhead)
        {
            return NoiseResult.DestinationTooSmall;
        }

        var checkpoint = BeginMessage();
        var result = ReadTokens(tokens, message, payload, out written);
        EndMessage(checkpoint, result);
        return result;
    }

    /// <summary>As <see cref="ReadMessage(ReadOnlySpan{byte}, Span{byte}, out int)"/>, appending the payload to <paramref name="payload"/>.</summary>
    public NoiseResult ReadMessage(ReadOnlySpan<byte> message, IBufferWriter<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var payloadLength = Math.Clamp(message.Length - MessageOverhead(NextMessage(writing: false)), 0, NoiseProtocol.MaxMessageLength);
        var result = ReadMessage(message, payload.GetSpan(payloadLength), out var written);
        if (result == NoiseResult.Success)
        {
            payload.Advance(written);
        }

        return result;
    }

    /// <summary>
    /// §5.2 Split() at the end of the handshake: derives the two transport keys and returns the
    /// transport, which carries the handshake hash and the peer's static key. This consumes the
    /// handshake: its secrets are zeroed and it is disposed.
    /// </summary>
    public NoiseTransport Split()
    {
        RequireCompleted();
        var (initiatorToResponder, responderToInitiator) = _symmetric.Split();
        var transport = Role == NoiseRole.Initiator
            ? new NoiseTransport(initiatorToResponder, responderToInitiator, _symmetric.GetHandshakeHash(), _remoteStatic!)
            : new NoiseTransport(responderToInitiator, initiatorToResponder, _symmetric.GetHandshakeHash(), _remoteStatic!);
        Dispose();
        return transport;
    }

    /// <summary>Zeroes every key and ck, h, k; every member throws <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _symmetric.Dispose();
        _localStatic.Dispose();
        _localEphemeral?.Dispose();
        foreach (var psk in _preSharedKeys)
        {
            CryptographicOperations.ZeroMemory(psk);
        }

        _disposed = true;
    }

    public override string ToString() => "[redacted]";

    private IReadOnlyList<NoiseToken> NextMessage(bool writing)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsCompleted)
        {
            throw new InvalidOperationException("The handshake is complete: call Split() and use the transport.");
        }

        if (IsMyTurnToWrite != writing)
        {
            throw new InvalidOperationException(writing
                ? "It is the peer's turn to send a handshake message: read it first."
                : "It is this party's turn to send a handshake message: write it first.");
        }

        return _pattern.Messages[_messageIndex];
    }

    /// <summary>
    /// The bytes a message pattern adds to its payload: 32 per "e", 32 (+16 once keyed) per "s", and a
    /// 16-byte tag on the payload once keyed. A key exists after any DH or psk token, and after "e" in a
    /// psk handshake (§9.2).
    /// </summary>
    private int MessageOverhead(IReadOnlyList<NoiseToken> tokens)
    {
        var hasKey = _symmetric.HasKey;
        var overhead = 0;
        foreach (var token in tokens)
        {
            switch (token)
            {
                case NoiseToken.E:
                    overhead += DhLength;
                    hasKey |= _pattern.IsPsk;
                    break;
                case NoiseToken.S:
                    overhead += DhLength + (hasKey ? CipherState.TagLength : 0);
                    break;
                default:
                    hasKey = true;
                    break;
            }
        }

        return overhead + (hasKey ? CipherState.TagLength : 0);
    }

    private NoiseResult WriteTokens(IReadOnlyList<NoiseToken> tokens, ReadOnlySpan<byte> payload, Span<byte> message, out int written)
    {
        written = 0;
        var offset = 0;
        foreach (var token in tokens)
        {
            var result = NoiseResult.Success;
            switch (token)
            {
                case NoiseToken.E:
                    // "e": e = GENERATE_KEYPAIR() unless fixed in advance; the public key goes out in clear.
                    _localEphemeral ??= X25519PrivateKey.Generate(_rng!);
                    var ephemeral = _localEphemeral.PublicKey.AsSpan();
                    ephemeral.CopyTo(message[offset..]);
                    offset += DhLength;
                    MixEphemeral(ephemeral);
                    break;
                case NoiseToken.S:
                    // "s": EncryptAndHash(s.public_key).
                    result = _symmetric.EncryptAndHash(_localStatic.PublicKey.AsSpan(), message[offset..], out var sLength);
                    offset += sLength;
                    break;
                case NoiseToken.Psk:
                    MixPreSharedKey();
                    break;
                default:
                    result = MixDh(token);
                    break;
            }

            if (result != NoiseResult.Success)
            {
                return result;
            }
        }

        var payloadResult = _symmetric.EncryptAndHash(payload, message[offset..], out var payloadLength);
        written = payloadResult == NoiseResult.Success ? offset + payloadLength : 0;
        return payloadResult;
    }

    private NoiseResult ReadTokens(IReadOnlyList<NoiseToken> tokens, ReadOnlySpan<byte> message, Span<byte> payload, out int written)
    {
        written = 0;
        var offset = 0;
        Span<byte> remoteStatic = stackalloc byte[DhLength];
        foreach (var token in tokens)
        {
            var result = NoiseResult.Success;
            switch (token)
            {
                case NoiseToken.E:
                    // "e": re = the next DHLEN bytes, in clear.
                    _remoteEphemeral = X25519PublicKey.FromBytes(message.Slice(offset, DhLength));
                    offset += DhLength;
                    MixEphemeral(_remoteEphemeral.AsSpan());
                    break;
                case NoiseToken.S:
                    // "s": rs = DecryptAndHash(the next DHLEN + 16 bytes if keyed, else DHLEN bytes).
                    var sLength = DhLength + (_symmetric.HasKey ? CipherState.TagLength : 0);
                    result = _symmetric.DecryptAndHash(message.Slice(offset, sLength), remoteStatic, out _);
                    if (result == NoiseResult.Success)
                    {
                        _remoteStatic = X25519PublicKey.FromBytes(remoteStatic);
                    }

                    offset += sLength;
                    break;
                case NoiseToken.Psk:
                    MixPreSharedKey();
                    break;
                default:
                    result = MixDh(token);
                    break;
            }

            if (result != NoiseResult.Success)
            {
                return result;
            }
        }

        return _symmetric.DecryptAndHash(message[offset..], payload, out written);
    }

    /// <summary>"e": MixHash(e.public_key), followed in a psk handshake by MixKey(e.public_key) (§9.2).</summary>
    private void MixEphemeral(ReadOnlySpan<byte> publicKey)
    {
        _symmetric.MixHash(publicKey);
        if (_pattern.IsPsk)
        {
            _symmetric.MixKey(publicKey);
        }
    }

    /// <summary>"psk" (§9.2): MixKeyAndHash(psk) with the next pre-shared key.</summary>
    private void MixPreSharedKey() => _symmetric.MixKeyAndHash(_preSharedKeys[_pskIndex++]);

    /// <summary>
    /// "ee", "es", "se", "ss" (§5.3): MixKey(DH(local, remote)), where for "es" the initiator uses its
    /// ephemeral and the responder its static key, and the reverse for "se". A small-order remote key
    /// is refused (see <see cref="X25519"/>).
    /// </summary>
    private NoiseResult MixDh(NoiseToken token)
    {
        var isInitiator = Role == NoiseRole.Initiator;
        var (local, remote) = token switch
        {
            NoiseToken.EE => (_localEphemeral, _remoteEphemeral),
            NoiseToken.ES => isInitiator ? (_localEphemeral, _remoteStatic) : (_localStatic, _remoteEphemeral),
            NoiseToken.SE => isInitiator ? (_localStatic, _remoteEphemeral) : (_localEphemeral, _remoteStatic),
            NoiseToken.SS => (_localStatic, _remoteStatic),
            _ => throw new ArgumentOutOfRangeException(nameof(token), token, "Not a DH token."),
        };

        if (local is null || remote is null)
        {
            throw new InvalidOperationException($"The pattern {_pattern} uses '{token}' before both of its keys are known.");
        }

        Span<byte> shared = stackalloc byte[X25519.SharedSecretLength];
        try
        {
            if (!X25519.TryAgree(local, remote, shared))
            {
                return NoiseResult.InvalidRemoteKey;
            }

            _symmetric.MixKey(shared);
            return NoiseResult.Success;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>Snapshots everything a message may change; the message then works on a copy of the symmetric state.</summary>
    private Checkpoint BeginMessage()
    {
        var checkpoint = new Checkpoint(_symmetric, _localEphemeral, _remoteEphemeral, _remoteStatic, _pskIndex);
        _symmetric = _symmetric.Clone();
        return checkpoint;
    }

    /// <summary>Commits the message (advancing to the next pattern) on success; otherwise restores the snapshot.</summary>
    private void EndMessage(Checkpoint checkpoint, NoiseResult result)
    {
        if (result == NoiseResult.Success)
        {
            checkpoint.Symmetric.Dispose();
            _messageIndex++;
            return;
        }

        _symmetric.Dispose();
        _symmetric = checkpoint.Symmetric;
        if (!ReferenceEquals(_localEphemeral, checkpoint.LocalEphemeral))
        {
            _localEphemeral?.Dispose();
        }

        _localEphemeral = checkpoint.LocalEphemeral;
        _remoteEphemeral = checkpoint.RemoteEphemeral;
        _remoteStatic = checkpoint.RemoteStatic;
        _pskIndex = checkpoint.PskIndex;
    }

    private void RequireCompleted()
    {
        if (!IsCompleted)
        {
            throw new InvalidOperationException("The handshake is not complete yet.");
        }
    }

    private void ValidateRemoteStaticKey(HandshakeSettings settings)
    {
        if (Role == NoiseRole.Initiator && settings.RemoteStaticKey is null)
        {
            throw new ArgumentException(
                $"The initiator of {_pattern} must be given the responder's static key (the pre-message \"<- s\").", nameof(settings));
        }

        if (Role == NoiseRole.Responder && settings.RemoteStaticKey is not null)
        {
            throw new ArgumentException(
                $"The responder of {_pattern} learns the initiator's static key from the first message; check RemoteStaticKey then instead.",
                nameof(settings));
        }
    }

    private static void ValidatePreSharedKeys(IReadOnlyList<ReadOnlyMemory<byte>> preSharedKeys, int expectedCount)
    {
        if (preSharedKeys.Count != expectedCount)
        {
            throw new ArgumentException(
                $"The pattern needs {expectedCount} pre-shared key(s), one per psk token; {preSharedKeys.Count} were given.", nameof(preSharedKeys));
        }

        if (preSharedKeys.Any(psk => psk.Length != PreSharedKeyLength))
        {
            throw new ArgumentException($"Every Noise pre-shared key is exactly {PreSharedKeyLength} bytes (revision 34, §9.1).", nameof(preSharedKeys));
        }
    }

    private static byte[] CopyPinned(ReadOnlyMemory<byte> source)
    {
        var copy = GC.AllocateArray<byte>(source.Length, pinned: true);
        source.Span.CopyTo(copy);
        return copy;
    }

    private readonly record struct Checkpoint(
        SymmetricState Symmetric,
        X25519PrivateKey? LocalEphemeral,
        X25519PublicKey? RemoteEphemeral,
        X25519PublicKey? RemoteStatic,
        int PskIndex);
}
