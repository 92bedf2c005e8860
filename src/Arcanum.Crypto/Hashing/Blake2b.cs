using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// BLAKE2b (RFC 7693) through libsodium's <c>crypto_generichash_blake2b</c>, unkeyed or keyed (the
/// keyed form is a MAC, RFC 7693 §2.5 / §3.3).
/// </summary>
public static class Blake2b
{
    /// <summary>Shortest output libsodium offers (<c>crypto_generichash_blake2b_BYTES_MIN</c>).</summary>
    public const int MinHashLength = Sodium.Blake2bBytesMin;

    /// <summary>Longest output, the full BLAKE2b-512 (<c>crypto_generichash_blake2b_BYTES_MAX</c>).</summary>
    public const int MaxHashLength = Sodium.Blake2bBytesMax;

    /// <summary>Shortest key libsodium offers (<c>crypto_generichash_blake2b_KEYBYTES_MIN</c>).</summary>
    public const int MinKeyLength = Sodium.Blake2bKeyBytesMin;

    /// <summary>Longest key (<c>crypto_generichash_blake2b_KEYBYTES_MAX</c>).</summary>
    public const int MaxKeyLength = Sodium.Blake2bKeyBytesMax;

    /// <summary>
    /// BLAKE2b with digest length nn = <c>destination.Length</c> (16..64) over
    /// <paramref name="message"/>; with a non-empty <paramref name="key"/> (16..64 bytes) the keyed
    /// variant. The digest length and key are part of the parameter block, so each length gives an
    /// unrelated function, not a truncation.
    /// </summary>
    public static void Hash(ReadOnlySpan<byte> message, Span<byte> destination, ReadOnlySpan<byte> key = default)
    {
        if (destination.Length is < MinHashLength or > MaxHashLength)
        {
            throw new ArgumentException($"The BLAKE2b output must be {MinHashLength} to {MaxHashLength} bytes long.", nameof(destination));
        }

        if (!key.IsEmpty && key.Length is < MinKeyLength or > MaxKeyLength)
        {
            throw new ArgumentException($"A BLAKE2b key must be empty or {MinKeyLength} to {MaxKeyLength} bytes long.", nameof(key));
        }

        Sodium.Blake2b(destination, message, key);
    }
}
