namespace Arcanum.Chains.Bitcoin;

/// <summary>
/// One BIP174 key-value pair as it appears on the wire: the key (key type byte, then key data) and the
/// value. Fields this library does not interpret are kept as entries and written back byte for byte.
/// </summary>
public sealed record PsbtEntry(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)
{
    /// <summary>The key type (the first key byte; every type BIP174 defines fits in one byte).</summary>
    public byte Type => Key.Span[0];

    /// <summary>The key data after the type byte.</summary>
    public ReadOnlySpan<byte> KeyData => Key.Span[1..];

    internal static PsbtEntry Create(byte type, ReadOnlySpan<byte> keyData, ReadOnlySpan<byte> value) =>
        new((byte[])[type, .. keyData], value.ToArray());
}

/// <summary>A BIP32 key origin: master key fingerprint and derivation path (BIP174 PSBT_IN_BIP32_DERIVATION value).</summary>
public sealed record PsbtKeyOrigin(uint Fingerprint, IReadOnlyList<uint> Path);

/// <summary>A partial signature: the public key and the DER signature followed by its sighash byte (PSBT_IN_PARTIAL_SIG).</summary>
public sealed record PsbtPartialSignature(ReadOnlyMemory<byte> PublicKey, ReadOnlyMemory<byte> Signature);
