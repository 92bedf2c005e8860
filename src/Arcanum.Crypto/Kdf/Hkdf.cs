using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Kdf;

/// <summary>
/// HKDF-SHA256 (RFC 5869) with domain-separated context: the HKDF "info" is always
/// <see cref="DomainSeparation.Encode"/>(label, fields), so keys derived for different purposes, or
/// from differently split context fields, can never coincide (CONVENTIONS 9). Extract and expand
/// are .NET's <see cref="HKDF"/>.
/// </summary>
public static class Hkdf
{
    /// <summary>The longest output HKDF-SHA256 can produce: 255 · 32 = 8160 bytes (RFC 5869 §2.3).</summary>
    public const int MaxOutputLength = 255 * SHA256.HashSizeInBytes;

    /// <summary>
    /// Fills <paramref name="output"/> with HKDF-SHA256(salt, inputKeyMaterial,
    /// info = DomainSeparation.Encode(<paramref name="label"/>, <paramref name="infoFields"/>)).
    /// An empty <paramref name="salt"/> means HashLen zero bytes (RFC 5869 §2.2). Throws
    /// <see cref="ArgumentException"/> when <paramref name="output"/> is empty or longer than
    /// <see cref="MaxOutputLength"/>.
    /// </summary>
    public static void DeriveKey(string label, ReadOnlySpan<byte> inputKeyMaterial, ReadOnlySpan<byte> salt,
        Span<byte> output, params ReadOnlySpan<ReadOnlyMemory<byte>> infoFields)
    {
        if (output.IsEmpty || output.Length > MaxOutputLength)
        {
            throw new ArgumentException($"HKDF-SHA256 output must be 1 to {MaxOutputLength} bytes.", nameof(output));
        }

        var info = DomainSeparation.Encode(label, infoFields);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKeyMaterial, output, salt, info);
    }
}
