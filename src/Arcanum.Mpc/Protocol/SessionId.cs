using System.Security.Cryptography;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// A 128-bit identifier chosen fresh for each protocol run. It is hashed into every transcript,
/// proof and digest of the run, so nothing produced in one session verifies in another.
/// </summary>
public readonly record struct SessionId
{
    public const int Length = 16;

    private readonly UInt128 _value;

    private SessionId(UInt128 value) => _value = value;

    public static SessionId Random(RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> bytes = stackalloc byte[Length];
        rng.GetBytes(bytes);
        return FromBytes(bytes);
    }

    /// <summary>Reads exactly <see cref="Length"/> bytes; false for any other length.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out SessionId id)
    {
        id = bytes.Length == Length ? FromBytes(bytes) : default;
        return bytes.Length == Length;
    }

    public static SessionId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A session id is exactly {Length} bytes.", nameof(bytes));
        }

        return new SessionId(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    public void WriteTo(Span<byte> destination) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(destination, _value);

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    public override string ToString() => _value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
