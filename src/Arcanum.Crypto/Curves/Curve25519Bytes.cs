using System.Runtime.CompilerServices;

namespace Arcanum.Crypto.Curves;

/// <summary>
/// 32 bytes stored inline: the storage of <see cref="Ed25519Scalar"/>, <see cref="Ed25519Point"/> and
/// <see cref="Ristretto255Point"/>, so those values live on the stack or inside their container
/// without a heap array. For the point types all-zero storage stands for the identity.
/// </summary>
[InlineArray(Length)]
internal struct Curve25519Bytes
{
    public const int Length = 32;

    private byte _element0;

    /// <summary>True when every byte is zero.</summary>
    public readonly bool IsZero => ((ReadOnlySpan<byte>)this).IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Copies exactly <see cref="Length"/> bytes.</summary>
    public static Curve25519Bytes CopyOf(ReadOnlySpan<byte> source)
    {
        if (source.Length != Length)
        {
            throw new ArgumentException($"Exactly {Length} bytes are required.", nameof(source));
        }

        var copy = default(Curve25519Bytes);
        source.CopyTo(copy);
        return copy;
    }

    /// <summary>
    /// Writes a group element's encoding to <paramref name="destination"/>, refusing the identity as
    /// RFC 9591 SerializeElement does (<see cref="IPoint{TSelf, TScalar}.Encode"/>).
    /// </summary>
    public readonly void WriteElementEncoding(Span<byte> destination)
    {
        if (IsZero)
        {
            throw new InvalidOperationException("The identity element has no encoding (RFC 9591 SerializeElement).");
        }

        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination needs {Length} bytes.", nameof(destination));
        }

        ((ReadOnlySpan<byte>)this).CopyTo(destination);
    }
}
