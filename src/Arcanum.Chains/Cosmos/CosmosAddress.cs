using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Cosmos;

/// <summary>
/// Cosmos SDK account addresses (ADR-028 legacy secp256k1 accounts): Bech32 (BIP173) of
/// RIPEMD160(SHA256(compressed public key)) under a chain's prefix (cosmos, osmo, …).
/// </summary>
public static class CosmosAddress
{
    /// <summary>Prefixes longer than this leave no room for 20 bytes and a checksum in 90 characters.</summary>
    public const int MaxPrefixLength = Bech32.MaxLength - 1 - 32 - Bech32.ChecksumLength;

    /// <summary>The address of <paramref name="publicKey"/> under <paramref name="prefix"/>; false with an error for an invalid prefix.</summary>
    public static bool TryEncode(string? prefix, Secp256k1Point publicKey, [NotNullWhen(true)] out string? address, out string error)
    {
        address = null;
        if (!TryValidatePrefix(prefix, out error))
        {
            return false;
        }

        Span<byte> key = stackalloc byte[Secp256k1Point.CompressedLength];
        publicKey.Encode(key);
        address = Bech32.Encode(prefix!, Bech32.ToFiveBitGroups(Hash160.Hash(key)), Bech32Variant.Bech32);
        return true;
    }

    /// <summary>
    /// A Bech32 human-readable part as BIP173 allows it, lower case only: 1–<see cref="MaxPrefixLength"/>
    /// characters in US-ASCII 33–126 without upper-case letters.
    /// </summary>
    public static bool TryValidatePrefix(string? prefix, out string error)
    {
        error = prefix switch
        {
            null or "" => "The bech32 prefix is empty.",
            { Length: > MaxPrefixLength } => $"The bech32 prefix is longer than {MaxPrefixLength} characters.",
            _ when prefix.AsSpan().ContainsAnyExceptInRange((char)33, (char)126) => "The bech32 prefix has a character outside US-ASCII 33–126.",
            _ when prefix.AsSpan().ContainsAnyInRange('A', 'Z') => "The bech32 prefix must be lower case.",
            _ => string.Empty,
        };
        return error.Length == 0;
    }
}
