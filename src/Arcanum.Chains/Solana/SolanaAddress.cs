using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Solana;

/// <summary>Solana addresses (Solana docs, "Accounts › Address"): the Base58 text of a 32-byte Ed25519 public key.</summary>
public static class SolanaAddress
{
    /// <summary>The Base58 text of the 32-byte <paramref name="publicKey"/>; throws <see cref="ArgumentException"/> for another length.</summary>
    public static string Encode(ReadOnlySpan<byte> publicKey) =>
        publicKey.Length == SolanaMessage.KeyLength
            ? Base58.Encode(publicKey)
            : throw new ArgumentException($"A Solana address is {SolanaMessage.KeyLength} bytes.", nameof(publicKey));

    /// <summary>Parses strict Base58 text of exactly 32 bytes; false with an error otherwise; never throws.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? publicKey, out string error)
    {
        publicKey = null;
        if (string.IsNullOrEmpty(text) || !Base58.TryDecode(text, out var bytes))
        {
            error = "The Solana address is not valid Base58.";
            return false;
        }

        if (bytes.Length != SolanaMessage.KeyLength)
        {
            error = $"A Solana address is {SolanaMessage.KeyLength} bytes, not {bytes.Length}.";
            return false;
        }

        publicKey = bytes;
        error = string.Empty;
        return true;
    }
}
