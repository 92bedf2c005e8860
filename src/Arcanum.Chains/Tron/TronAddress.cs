using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Tron;

/// <summary>
/// Tron account addresses (TRON protocol "Account", java-tron <c>Wallet.encode58Check</c>): the last 20 bytes of
/// Keccak-256 of the uncompressed public key X ‖ Y, behind the mainnet prefix byte 0x41, in Base58Check
/// (34 characters starting with "T").
/// </summary>
public static class TronAddress
{
    /// <summary>The mainnet address prefix byte.</summary>
    public const byte Prefix = 0x41;

    /// <summary>The decoded length: prefix and 20 hash bytes.</summary>
    public const int Length = 21;

    /// <summary>The 21-byte address 0x41 ‖ keccak256(X ‖ Y)[12..32] of <paramref name="publicKey"/>.</summary>
    public static byte[] ToBytes(Secp256k1Point publicKey)
    {
        Span<byte> uncompressed = stackalloc byte[Secp256k1Point.UncompressedLength];
        publicKey.EncodeUncompressed(uncompressed);
        Span<byte> hash = stackalloc byte[Keccak256.HashSizeInBytes];
        Keccak256.Hash(uncompressed[1..], hash);
        var address = new byte[Length];
        address[0] = Prefix;
        hash[12..].CopyTo(address.AsSpan(1));
        return address;
    }

    /// <summary>The Base58Check text of the address of <paramref name="publicKey"/>.</summary>
    public static string Encode(Secp256k1Point publicKey) => Base58Check.Encode(ToBytes(publicKey));

    /// <summary>
    /// Parses Base58Check text into the 21-byte address: strict Base58, a matching checksum, exactly 21 bytes
    /// and the prefix 0x41. False with an error otherwise; never throws.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? address, out string error)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || !Base58Check.TryDecode(text, out var payload))
        {
            error = "The Tron address is not valid Base58Check (bad character or checksum).";
            return false;
        }

        if (payload.Length != Length)
        {
            error = $"A Tron address is {Length} bytes, not {payload.Length}.";
            return false;
        }

        if (payload[0] != Prefix)
        {
            error = $"A Tron address starts with byte 0x41, not 0x{payload[0]:x2}.";
            return false;
        }

        address = payload;
        error = string.Empty;
        return true;
    }
}
