using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Encoding;

namespace Arcanum.Ledger.Modules.Keystore;

/// <summary>
/// An account's current keys: <c>u32(version) ‖ encryptionKey (32) ‖ signingKey (32) ‖ u64(height)</c>, the height at which the current encryption key took effect.
/// Version 1 is the registration; every rotation adds one.
/// </summary>
public sealed record KeyRecord(uint Version, byte[] EncryptionKey, byte[] SigningKey, ulong Height)
{
    /// <summary>Length of both keys.</summary>
    public const int KeyLength = 32;

    /// <summary>The stored encoding.</summary>
    public byte[] Encode() =>
        new CanonicalWriter().WriteUInt32(Version).WriteFixed(EncryptionKey).WriteFixed(SigningKey).WriteUInt64(Height).ToArray();

    /// <summary>Decodes the stored encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out KeyRecord? record)
    {
        record = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadUInt32(out var version) || !reader.TryReadFixed(KeyLength, out var encryption)
            || !reader.TryReadFixed(KeyLength, out var signing) || !reader.TryReadUInt64(out var height) || !reader.IsAtEnd)
        {
            return false;
        }
        record = new KeyRecord(version, encryption, signing, height);
        return true;
    }
}

/// <summary>One entry of the rotation log: <c>u32(version) ‖ encryptionKey (32) ‖ u64(height)</c>, the height the key took effect.</summary>
public sealed record KeyRotation(uint Version, byte[] EncryptionKey, ulong Height)
{
    /// <summary>The stored encoding.</summary>
    public byte[] Encode() => new CanonicalWriter().WriteUInt32(Version).WriteFixed(EncryptionKey).WriteUInt64(Height).ToArray();

    /// <summary>Decodes the stored encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out KeyRotation? rotation)
    {
        rotation = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadUInt32(out var version) || !reader.TryReadFixed(KeyRecord.KeyLength, out var key)
            || !reader.TryReadUInt64(out var height) || !reader.IsAtEnd)
        {
            return false;
        }
        rotation = new KeyRotation(version, key, height);
        return true;
    }
}
