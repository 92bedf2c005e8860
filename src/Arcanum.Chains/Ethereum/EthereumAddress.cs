using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// A 20-byte Ethereum account address: the last 20 bytes of Keccak-256 over the 64-byte uncompressed
/// public key X ‖ Y (Yellow Paper §7, eq. 284), written with the EIP-55 mixed-case checksum.
/// </summary>
public sealed class EthereumAddress : IEquatable<EthereumAddress>
{
    /// <summary>The length of an address in bytes.</summary>
    public const int Length = 20;

    private readonly byte[] _bytes;

    private EthereumAddress(byte[] bytes) => _bytes = bytes;

    /// <summary>The 20 address bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The address of a secp256k1 public key.</summary>
    public static EthereumAddress FromPublicKey(Secp256k1Point publicKey)
    {
        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("The point at infinity has no address.", nameof(publicKey));
        }

        Span<byte> uncompressed = stackalloc byte[Secp256k1Point.UncompressedLength];
        publicKey.EncodeUncompressed(uncompressed);
        return new EthereumAddress(Keccak256.Hash(uncompressed[1..])[^Length..]);
    }

    /// <summary>Wraps 20 raw address bytes.</summary>
    public static EthereumAddress FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length ? new EthereumAddress(bytes.ToArray())
            : throw new ArgumentException($"An address is {Length} bytes.", nameof(bytes));

    /// <summary>
    /// Parses <c>0x</c> and 40 hexadecimal digits. All-lowercase and all-uppercase digits carry no
    /// checksum and are accepted; mixed case must match the EIP-55 checksum exactly.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EthereumAddress? address, out string? error)
    {
        address = null;
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 2 + (2 * Length))
        {
            error = "expected 0x followed by 40 hexadecimal digits";
            return false;
        }

        var digits = text.AsSpan(2);
        var bytes = new byte[Length];
        if (!Hex.TryDecode(digits, bytes, out _))
        {
            error = "contains a character that is not a hexadecimal digit";
            return false;
        }

        var candidate = new EthereumAddress(bytes);
        var hasLower = digits.ContainsAny("abcdef");
        var hasUpper = digits.ContainsAny("ABCDEF");
        if (hasLower && hasUpper && !string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
        {
            error = $"mixed-case address does not match its EIP-55 checksum ({candidate})";
            return false;
        }

        address = candidate;
        error = null;
        return true;
    }

    /// <summary>
    /// The EIP-55 form: each hex letter is uppercase when the matching nibble of
    /// Keccak-256(lowercase hex address) is 8 or more.
    /// </summary>
    public override string ToString()
    {
        var lower = Hex.Encode(_bytes);
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower));
        var chars = new char[2 + lower.Length];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0x0f;
            chars[2 + i] = nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i];
        }

        return new string(chars);
    }

    /// <inheritdoc />
    public bool Equals(EthereumAddress? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EthereumAddress);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
}
