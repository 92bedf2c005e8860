using System.Buffers.Binary;

namespace Arcanum.Chains.Bitcoin;

/// <summary>Checks and decodes the values of the BIP174 fields this library interprets; errors name the field.</summary>
internal static class PsbtFieldReader
{
    /// <summary>The longest BIP32 path accepted in a key origin (BIP32 depth is one byte).</summary>
    public const int MaxPathLength = 255;

    public static string RequireKeyDataLength(PsbtEntry entry, string field, params int[] lengths) =>
        lengths.Contains(entry.KeyData.Length)
            ? ""
            : $"{field} key data is {entry.KeyData.Length} bytes, expected {string.Join(" or ", lengths)}";

    public static string RequireValueLength(PsbtEntry entry, string field, params int[] lengths) =>
        lengths.Contains(entry.Value.Length)
            ? ""
            : $"{field} value is {entry.Value.Length} bytes, expected {string.Join(" or ", lengths)}";

    /// <summary>Fingerprint (4 bytes) then 4 bytes per path element, as in PSBT_IN_BIP32_DERIVATION.</summary>
    public static bool TryReadKeyOrigin(ReadOnlySpan<byte> value, string field, out PsbtKeyOrigin? origin, out string error)
    {
        origin = null;
        if (value.Length < 4 || value.Length % 4 != 0 || value.Length / 4 - 1 > MaxPathLength)
        {
            error = $"{field} key origin is {value.Length} bytes: expected a 4-byte fingerprint and up to {MaxPathLength} 4-byte indices";
            return false;
        }

        var path = new uint[value.Length / 4 - 1];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = BinaryPrimitives.ReadUInt32LittleEndian(value[(4 + 4 * i)..]);
        }

        origin = new PsbtKeyOrigin(BinaryPrimitives.ReadUInt32LittleEndian(value), path);
        error = "";
        return true;
    }

    /// <summary>PSBT_IN_TAP_BIP32_DERIVATION value: CompactSize count of 32-byte leaf hashes, then a key origin.</summary>
    public static bool TryReadTapKeyOrigin(ReadOnlySpan<byte> value, string field, out PsbtKeyOrigin? origin, out string error)
    {
        origin = null;
        var reader = new BitcoinReader(value);
        if (!reader.TryReadCount($"{field} leaf hash count", 32, out var leaves) || !reader.TryReadBytes(32 * leaves, $"{field} leaf hashes", out _))
        {
            error = reader.Error;
            return false;
        }

        return TryReadKeyOrigin(value[reader.Position..], field, out origin, out error);
    }

    /// <summary>A witness stack that is exactly the value (PSBT_IN_FINAL_SCRIPTWITNESS).</summary>
    public static bool TryReadWitness(ReadOnlySpan<byte> value, string field, out ReadOnlyMemory<byte>[] witness, out string error)
    {
        var reader = new BitcoinReader(value);
        if (!BitcoinTransaction.TryReadWitness(ref reader, field, out witness)
            || (!reader.IsAtEnd && !reader.Fail($"trailing bytes after {field}")))
        {
            error = reader.Error;
            return false;
        }

        error = "";
        return true;
    }
}
