using System.Buffers.Binary;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Transport;

/// <summary>
/// The header of a routed protocol message — session id, round, sender, recipient (0 for a broadcast) —
/// in the two fixed encodings <see cref="RoutedMessages"/> binds it with.
/// </summary>
internal readonly record struct RoutedHeader(ReadOnlyMemory<byte> Session, uint Round, uint From, uint To)
{
    /// <summary>The signature's domain: the ASCII string "arcanum/v1/routed".</summary>
    public static ReadOnlySpan<byte> SignatureDomain => "arcanum/v1/routed"u8;

    /// <summary>The unicast key derivation's label.</summary>
    public const string UnicastLabel = "arcanum/v1/unicast";

    /// <summary>
    /// What the sender signs: "arcanum/v1/routed" ‖ session (16) ‖ round ‖ from ‖ to (each u32 big-endian)
    /// ‖ body. Every field before the body has a fixed width, so the concatenation is injective.
    /// </summary>
    public byte[] SignedBytes(ReadOnlySpan<byte> body)
    {
        var domain = SignatureDomain;
        var bytes = new byte[domain.Length + Session.Length + 3 * sizeof(uint) + body.Length];
        domain.CopyTo(bytes);
        var position = domain.Length;
        Session.Span.CopyTo(bytes.AsSpan(position));
        position += Session.Length;
        WriteNumbers(bytes.AsSpan(position));
        body.CopyTo(bytes.AsSpan(position + 3 * sizeof(uint)));
        return bytes;
    }

    /// <summary>
    /// The HKDF info and AEAD associated data of a unicast:
    /// DomainSeparation.Encode("arcanum/v1/unicast", session, round, from, to), numbers u32 big-endian.
    /// </summary>
    public byte[] UnicastContext()
    {
        var numbers = new byte[3 * sizeof(uint)];
        WriteNumbers(numbers);
        return DomainSeparation.Encode(UnicastLabel, Session, numbers.AsMemory(0, 4), numbers.AsMemory(4, 4), numbers.AsMemory(8, 4));
    }

    private void WriteNumbers(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Round);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], From);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], To);
    }
}
