namespace Arcanum.Crypto.Encoding;

/// <summary>A decoded Bech32 string.</summary>
/// <param name="hrp">The human-readable part, in lower case.</param>
/// <param name="data">The data part without the checksum, one 5-bit value (0–31) per byte.</param>
/// <param name="variant">The checksum variant the string was built with.</param>
public sealed class Bech32Decoded(string hrp, ReadOnlyMemory<byte> data, Bech32Variant variant)
{
    /// <summary>The human-readable part, in lower case.</summary>
    public string Hrp { get; } = hrp;

    /// <summary>The data part without the checksum, one 5-bit value (0–31) per byte.</summary>
    public ReadOnlyMemory<byte> Data { get; } = data;

    /// <summary>The checksum variant the string was built with.</summary>
    public Bech32Variant Variant { get; } = variant;
}
