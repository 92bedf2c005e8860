using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Encoding;

/// <summary>
/// Base58Check: Base58(payload ‖ checksum), the checksum being the first four bytes of
/// SHA256(SHA256(payload)). Bitcoin addresses, WIF keys and BIP32 extended keys ("Serialization
/// format": 78 bytes) use it. The checksum is compared in constant time.
/// </summary>
public static class Base58Check
{
    /// <summary>The length of the checksum: 4 bytes.</summary>
    public const int ChecksumLength = 4;

    /// <summary>The longest payload <see cref="Encode"/> accepts (<see cref="Base58.MaxDataLength"/> minus the checksum).</summary>
    public const int MaxPayloadLength = Base58.MaxDataLength - ChecksumLength;

    /// <summary>The Base58Check text of <paramref name="payload"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"Base58Check encodes at most {MaxPayloadLength} bytes.", nameof(payload));
        }

        Span<byte> data = stackalloc byte[payload.Length + ChecksumLength];
        payload.CopyTo(data);
        WriteChecksum(payload, data[payload.Length..]);
        var text = Base58.Encode(data);
        CryptographicOperations.ZeroMemory(data);
        return text;
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/> and returns its payload; false when it is not strict Base58
    /// (see <see cref="Base58"/>), shorter than the checksum, or the checksum does not match.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> encoded, [NotNullWhen(true)] out byte[]? payload)
    {
        payload = null;
        Span<byte> data = stackalloc byte[Math.Min(encoded.Length, Base58.MaxEncodedLength)];
        Span<byte> expected = stackalloc byte[ChecksumLength];
        try
        {
            if (!Base58.TryDecode(encoded, data, out var length) || length < ChecksumLength)
            {
                return false;
            }

            var body = data[..(length - ChecksumLength)];
            WriteChecksum(body, expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, data[body.Length..length]))
            {
                return false;
            }

            payload = body.ToArray();
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    private static void WriteChecksum(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> inner = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> outer = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, inner);
        SHA256.HashData(inner, outer);
        outer[..ChecksumLength].CopyTo(destination);
    }
}
