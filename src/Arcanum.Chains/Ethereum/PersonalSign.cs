using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign"): the signed digest is
/// Keccak-256("\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message).
/// </summary>
public static class PersonalSign
{
    /// <summary>The largest message accepted, in bytes.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private const string Prefix = "\u0019Ethereum Signed Message:\n";

    /// <summary>Reads the message as 0x-prefixed hex (the personal_sign parameter); false with an error otherwise.</summary>
    public static bool TryParseMessage(JsonElement json, [NotNullWhen(true)] out byte[]? message, out string? error)
    {
        message = JsonQuantity.TryReadData(json, "personalSign", MaxMessageBytes, out var data, out error) ? data : null;
        return message is not null;
    }

    /// <summary>The EIP-191 digest of <paramref name="message"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var header = System.Text.Encoding.UTF8.GetBytes(Prefix + message.Length.ToString(CultureInfo.InvariantCulture));
        return Keccak256.Hash([.. header, .. message]);
    }

    /// <summary>What the threshold key signs; the result is encoded with <see cref="EthereumSignature.Encode"/>.</summary>
    public static SigningItem SigningItem(ReadOnlySpan<byte> message) => new(Hash(message), SignatureKind.EcdsaSecp256k1);
}
