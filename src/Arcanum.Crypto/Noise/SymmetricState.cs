using System.Security.Cryptography;
using System.Text;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// The SymmetricState object of Noise revision 34, §5.2: a CipherState plus the chaining key ck and
/// the handshake hash h, with BLAKE2s as HASH (HASHLEN = 32, BLOCKLEN = 64, §12.8). Not thread-safe;
/// zeroes ck, h and k on dispose.
/// </summary>
public sealed class SymmetricState : IDisposable
{
    /// <summary>HASHLEN: the length of h and ck in bytes.</summary>
    public const int HashLength = Blake2s.HashLength;

    private readonly byte[] _chainingKey = GC.AllocateArray<byte>(HashLength, pinned: true);
    private readonly byte[] _hash = GC.AllocateArray<byte>(HashLength, pinned: true);
    private readonly CipherState _cipher;
    private bool _disposed;

    private SymmetricState(CipherState cipher) => _cipher = cipher;

    /// <summary>True when the inner CipherState has a key.</summary>
    public bool HasKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _cipher.HasKey;
        }
    }

    /// <summary>
    /// §5.2 InitializeSymmetric(protocol_name): h = protocol_name zero-padded to HASHLEN if it fits,
    /// otherwise HASH(protocol_name); ck = h; the CipherState starts with an empty key.
    /// </summary>
    public static SymmetricState InitializeSymmetric(string protocolName)
    {
        ArgumentNullException.ThrowIfNull(protocolName);
        var state = new SymmetricState(new CipherState());
        var name = System.Text.Encoding.ASCII.GetBytes(protocolName);
        if (name.Length <= HashLength)
        {
            name.CopyTo(state._hash, 0);
        }
        else
        {
            Blake2s.Hash(name, state._hash);
        }

        state._hash.CopyTo(state._chainingKey, 0);
        return state;
    }

    /// <summary>§5.2 MixKey(ikm): ck, temp_k = HKDF(ck, ikm, 2); InitializeKey(temp_k).</summary>
    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> tempKey = stackalloc byte[HashLength];
        NoiseHkdf.Derive(_chainingKey, inputKeyMaterial, _chainingKey, tempKey);
        _cipher.InitializeKey(tempKey);
        CryptographicOperations.ZeroMemory(tempKey);
    }

    /// <summary>§5.2 MixHash(data): h = HASH(h ‖ data).</summary>
    public void MixHash(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = default(Blake2sState);
        state.Initialize(HashLength, ReadOnlySpan<byte>.Empty);
        state.Append(_hash);
        state.Append(data);
        state.Finish(_hash);
    }

    /// <summary>
    /// §5.2 MixKeyAndHash(ikm), used for psk tokens: ck, temp_h, temp_k = HKDF(ck, ikm, 3);
    /// MixHash(temp_h); InitializeKey(temp_k).
    /// </summary>
    public void MixKeyAndHash(ReadOnlySpan<byte> inputKeyMaterial)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> tempHash = stackalloc byte[HashLength];
        Span<byte> tempKey = stackalloc byte[HashLength];
        NoiseHkdf.Derive(_chainingKey, inputKeyMaterial, _chainingKey, tempHash, tempKey);
        MixHash(tempHash);
        _cipher.InitializeKey(tempKey);
        CryptographicOperations.ZeroMemory(tempHash);
        CryptographicOperations.ZeroMemory(tempKey);
    }

    /// <summary>
    /// §5.2 GetHandshakeHash(): h. At the end of a handshake this is the value for channel binding
    /// (§11.2). The span is a view of the live state: copy it if it must outlive the next call.
    /// </summary>
    public ReadOnlySpan<byte> GetHandshakeHash()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _hash;
    }

    /// <summary>
    /// §5.2 EncryptAndHash(plaintext): ciphertext = EncryptWithAd(h, plaintext); MixHash(ciphertext).
    /// <paramref name="ciphertext"/> must not overlap <paramref name="plaintext"/> except at the same start.
    /// </summary>
    public NoiseResult EncryptAndHash(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = _cipher.EncryptWithAd(_hash, plaintext, ciphertext, out written);
        if (result == NoiseResult.Success)
        {
            MixHash(ciphertext[..written]);
        }

        return result;
    }

    /// <summary>
    /// §5.2 DecryptAndHash(ciphertext): plaintext = DecryptWithAd(h, ciphertext); MixHash(ciphertext).
    /// On failure h is unchanged. <paramref name="plaintext"/> must not overlap <paramref name="ciphertext"/>.
    /// </summary>
    public NoiseResult DecryptAndHash(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext, out int written)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = _cipher.DecryptWithAd(_hash, ciphertext, plaintext, out written);
        if (result == NoiseResult.Success)
        {
            MixHash(ciphertext);
        }

        return result;
    }

    /// <summary>
    /// §5.2 Split(): temp_k1, temp_k2 = HKDF(ck, zerolen, 2); returns two CipherStates keyed with them —
    /// the first for initiator-to-responder messages, the second for the other direction. The caller
    /// owns and disposes both.
    /// </summary>
    public (CipherState InitiatorToResponder, CipherState ResponderToInitiator) Split()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> key1 = stackalloc byte[HashLength];
        Span<byte> key2 = stackalloc byte[HashLength];
        try
        {
            NoiseHkdf.Derive(_chainingKey, ReadOnlySpan<byte>.Empty, key1, key2);
            var first = new CipherState();
            var second = new CipherState();
            first.InitializeKey(key1);
            second.InitializeKey(key2);
            return (first, second);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key1);
            CryptographicOperations.ZeroMemory(key2);
        }
    }

    /// <summary>An independent copy (same ck, h, k, n) that the caller owns and disposes.</summary>
    internal SymmetricState Clone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var copy = new SymmetricState(_cipher.Clone());
        _chainingKey.CopyTo(copy._chainingKey, 0);
        _hash.CopyTo(copy._hash, 0);
        return copy;
    }

    /// <summary>Zeroes ck, h and k; every member throws <see cref="ObjectDisposedException"/> afterwards.</summary>
    public void Dispose()
    {
        _cipher.Dispose();
        CryptographicOperations.ZeroMemory(_chainingKey);
        CryptographicOperations.ZeroMemory(_hash);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";
}
