using System.Buffers.Binary;

namespace Arcanum.Crypto.Hashing;

/// <summary>
/// The injective, fixed-width, length-prefixed encoding every Arcanum hash and KDF input uses
/// (ARCHITECTURE §3 "Domain separation", CONVENTIONS 9):
/// <c>u32be(len(label)) ‖ label ‖ u32be(len(f₁)) ‖ f₁ ‖ … ‖ u32be(len(fₙ)) ‖ fₙ</c>, the label
/// being the UTF-8 name of the protocol, purpose and version (e.g. "arcanum/vault/share-key/v1").
/// Because every part carries its length, no two different (label, fields) lists encode alike.
/// </summary>
public static class DomainSeparation
{
    /// <summary>The width of each length prefix: 4 bytes, big-endian.</summary>
    public const int LengthPrefixSize = sizeof(uint);

    /// <summary>Encodes <paramref name="label"/> (non-empty) and <paramref name="fields"/> as described on the type.</summary>
    public static byte[] Encode(string label, params ReadOnlySpan<ReadOnlyMemory<byte>> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        var labelLength = System.Text.Encoding.UTF8.GetByteCount(label);
        var length = LengthPrefixSize + labelLength;
        foreach (var field in fields)
        {
            length = checked(length + LengthPrefixSize + field.Length);
        }

        var encoded = new byte[length];
        var position = WritePrefix(encoded, 0, labelLength);
        position += System.Text.Encoding.UTF8.GetBytes(label, encoded.AsSpan(position));
        foreach (var field in fields)
        {
            position = WritePrefix(encoded, position, field.Length);
            field.Span.CopyTo(encoded.AsSpan(position));
            position += field.Length;
        }

        return encoded;
    }

    private static int WritePrefix(byte[] destination, int position, int length)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination.AsSpan(position), (uint)length);
        return position + LengthPrefixSize;
    }
}
