using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Modules.Keystore;

/// <summary><c>keystore.register_key</c> args: <c>encryptionKey (32, X25519) ‖ signingKey (32, Ed25519)</c>.</summary>
public sealed record RegisterKeyArgs(byte[] EncryptionKey, byte[] SigningKey)
{
    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() => new CanonicalWriter().WriteFixed(EncryptionKey).WriteFixed(SigningKey).ToArray();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out RegisterKeyArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadFixed(KeyRecord.KeyLength, out var encryption) || !reader.TryReadFixed(KeyRecord.KeyLength, out var signing) || !reader.IsAtEnd)
        {
            return false;
        }
        args = new RegisterKeyArgs(encryption, signing);
        return true;
    }
}

/// <summary><c>keystore.rotate_key</c> args: <c>newEncryptionKey (32, X25519)</c>.</summary>
public sealed record RotateKeyArgs(byte[] NewEncryptionKey)
{
    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() => (byte[])NewEncryptionKey.Clone();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out RotateKeyArgs? args)
    {
        args = encoded.Length == KeyRecord.KeyLength ? new RotateKeyArgs(encoded.ToArray()) : null;
        return args is not null;
    }
}
