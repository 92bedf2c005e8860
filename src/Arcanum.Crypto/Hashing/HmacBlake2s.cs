using System.Security.Cryptography;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// HMAC over BLAKE2s as the Noise Protocol Framework (revision 34, §4.3) defines HMAC-HASH: RFC 2104
/// with B = BLOCKLEN = 64 and L = HASHLEN = 32, using plain (unkeyed) BLAKE2s-256 as H. This is not
/// keyed BLAKE2s (<see cref="Blake2s.HashKeyed"/>); the two give different results.
/// </summary>
public static class HmacBlake2s
{
    /// <summary>L in RFC 2104: the length of the MAC in bytes.</summary>
    public const int HashLength = Blake2s.HashLength;

    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5C;

    /// <summary>
    /// RFC 2104 §2: H(K ⊕ opad ‖ H(K ⊕ ipad ‖ text)), where a key longer than B bytes is first replaced
    /// by H(key). <paramref name="destination"/> must be exactly <see cref="HashLength"/> bytes; it may
    /// overlap <paramref name="key"/> or <paramref name="data"/>.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length != HashLength)
        {
            throw new ArgumentException($"An HMAC-BLAKE2s output is exactly {HashLength} bytes.", nameof(destination));
        }

        Span<byte> paddedKey = stackalloc byte[Blake2s.BlockLength];
        Span<byte> innerHash = stackalloc byte[HashLength];
        var state = default(Blake2sState);
        try
        {
            paddedKey.Clear();
            if (key.Length > Blake2s.BlockLength)
            {
                Blake2s.Hash(key, paddedKey[..HashLength]);
            }
            else
            {
                key.CopyTo(paddedKey);
            }

            XorAll(paddedKey, InnerPad);
            state.Initialize(HashLength, ReadOnlySpan<byte>.Empty);
            state.Append(paddedKey);
            state.Append(data);
            state.Finish(innerHash);

            XorAll(paddedKey, InnerPad ^ OuterPad);
            state.Initialize(HashLength, ReadOnlySpan<byte>.Empty);
            state.Append(paddedKey);
            state.Append(innerHash);
            state.Finish(destination);
        }
        finally
        {
            state.Clear();
            CryptographicOperations.ZeroMemory(paddedKey);
            CryptographicOperations.ZeroMemory(innerHash);
        }
    }

    private static void XorAll(Span<byte> bytes, byte pad)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= pad;
        }
    }
}
