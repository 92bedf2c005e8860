using System.Security.Cryptography;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// HASH160(x) = RIPEMD-160(SHA-256(x)): the public-key hash of Bitcoin P2PKH/P2WPKH outputs
/// (BIP141 "witness program") and of Cosmos SDK secp256k1 account addresses.
/// </summary>
public static class Hash160
{
    /// <summary>The length of the digest: 20 bytes.</summary>
    public const int HashSizeInBytes = Ripemd160.HashSizeInBytes;

    /// <summary>Hashes <paramref name="source"/> into the first 20 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<byte> sha256 = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(source, sha256);
        Ripemd160.Hash(sha256, destination);
    }

    /// <summary>The 20-byte HASH160 of <paramref name="source"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> source)
    {
        var digest = new byte[HashSizeInBytes];
        Hash(source, digest);
        return digest;
    }
}
