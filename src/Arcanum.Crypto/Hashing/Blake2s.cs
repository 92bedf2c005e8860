using System.Security.Cryptography;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// BLAKE2s (RFC 7693): a 256-bit hash with an optional key of up to 32 bytes (a MAC, §2.5) and a
/// digest length nn of 1..32 bytes that is bound into the parameter block (§2.5), so a 16-byte digest
/// is not a prefix of the 32-byte one. The static methods hash in one shot; an instance hashes
/// incrementally (<see cref="Append"/>, then <see cref="Finish"/>) without allocating per call.
/// </summary>
/// <remarks>
/// An instance may hold a key, so it is disposable and zeroes its key and state on dispose; it is not
/// thread-safe.
/// </remarks>
public sealed class Blake2s : IDisposable
{
    /// <summary>The digest length of BLAKE2s-256 in bytes, and the largest allowed (RFC 7693 §2.1, nn ≤ 32).</summary>
    public const int HashLength = Blake2sState.MaxLength;

    /// <summary>The largest key length in bytes (RFC 7693 §2.1, kk ≤ 32).</summary>
    public const int MaxKeyLength = Blake2sState.MaxLength;

    /// <summary>The block length bb in bytes (RFC 7693 §2.1).</summary>
    public const int BlockLength = Blake2sState.BlockLength;

    private readonly byte[] _key;
    private Blake2sState _state;
    private bool _disposed;

    /// <summary>Starts an unkeyed incremental hash with a digest of <paramref name="outputLength"/> bytes (1..32).</summary>
    public Blake2s(int outputLength = HashLength)
        : this(ReadOnlySpan<byte>.Empty, outputLength)
    {
    }

    /// <summary>
    /// Starts a keyed incremental hash (RFC 7693 §3.3, kk = key length, 0..32 bytes; an empty key is
    /// the unkeyed hash) with a digest of <paramref name="outputLength"/> bytes (1..32). The key is
    /// copied and kept, zeroed on dispose, so that <see cref="Finish"/> can start the next message.
    /// </summary>
    public Blake2s(ReadOnlySpan<byte> key, int outputLength = HashLength)
    {
        ValidateParameters(key.Length, outputLength);
        _key = GC.AllocateArray<byte>(key.Length, pinned: true);
        key.CopyTo(_key);
        OutputLength = outputLength;
        _state.Initialize(outputLength, _key);
    }

    /// <summary>The digest length nn in bytes.</summary>
    public int OutputLength { get; }

    /// <summary>BLAKE2s of <paramref name="data"/>; the digest length is <paramref name="destination"/>'s length (1..32).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination) =>
        HashKeyed(ReadOnlySpan<byte>.Empty, data, destination);

    /// <summary>
    /// Keyed BLAKE2s (RFC 7693 §3.3) of <paramref name="data"/> under <paramref name="key"/> (0..32 bytes);
    /// the digest length is <paramref name="destination"/>'s length (1..32).
    /// </summary>
    public static void HashKeyed(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ValidateParameters(key.Length, destination.Length);
        var state = default(Blake2sState);
        state.Initialize(destination.Length, key);
        state.Append(data);
        state.Finish(destination);
    }

    /// <summary>Absorbs <paramref name="data"/> into the message being hashed.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _state.Append(data);
    }

    /// <summary>
    /// Writes the digest of everything appended into <paramref name="destination"/>, which must be
    /// exactly <see cref="OutputLength"/> bytes, and starts a new message with the same key and length.
    /// </summary>
    public void Finish(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != OutputLength)
        {
            throw new ArgumentException($"The destination must be exactly {OutputLength} bytes (the digest length).", nameof(destination));
        }

        _state.Finish(destination);
        _state.Initialize(OutputLength, _key);
    }

    /// <summary>Zeroes the key and the state; the instance is unusable afterwards.</summary>
    public void Dispose()
    {
        _state.Clear();
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    /// <summary>The key may be secret, so it is never printed.</summary>
    public override string ToString() => "[redacted]";

    private static void ValidateParameters(int keyLength, int outputLength)
    {
        if (keyLength > MaxKeyLength)
        {
            throw new ArgumentException($"A BLAKE2s key is at most {MaxKeyLength} bytes (RFC 7693 §2.1).", "key");
        }

        if (outputLength is < 1 or > HashLength)
        {
            throw new ArgumentOutOfRangeException(nameof(outputLength), outputLength,
                $"A BLAKE2s digest is 1 to {HashLength} bytes long (RFC 7693 §2.1).");
        }
    }
}
