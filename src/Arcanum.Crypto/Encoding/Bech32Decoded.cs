namespace Arcanum.Crypto.Encoding;

/// <summary>A decoded Bech32 string.</summary>
/// <param name="Hrp">The human-readable part, in lower case.</param>
/// <param name="Data">The data part without the checksum, one 5-bit value (0–31) per byte.</param>
/// <param name="Variant">The checksum variant the string was built with.</param>
public sealed record Bech32Decoded(string Hrp, ReadOnlyMemory<byte> Data, Bech32Variant Variant);
