namespace Arcanum.Chains.Solana;

/// <summary>
/// A bounds-checked cursor over wire bytes that records the first error, naming the field and byte offset.
/// Every count is checked against the bytes that remain before anything is allocated.
/// </summary>
internal ref struct SolanaReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; private set; }

    public string Error { get; private set; } = string.Empty;

    public readonly bool AtEnd => Position == _bytes.Length;

    public bool TryReadByte(string field, out byte value)
    {
        value = 0;
        if (Position >= _bytes.Length)
        {
            return Fail($"{field}: truncated at byte {Position}.");
        }

        value = _bytes[Position++];
        return true;
    }

    /// <summary>A compact-u16 count, refused when each element takes <paramref name="elementSize"/> bytes and they cannot fit.</summary>
    public bool TryReadCount(string field, int elementSize, out int count)
    {
        var start = Position;
        var offset = Position;
        if (!CompactU16.TryRead(_bytes, ref offset, out count))
        {
            return Fail($"{field}: truncated or non-canonical compact-u16 at byte {start}.");
        }

        Position = offset;
        if ((long)count * elementSize > _bytes.Length - Position)
        {
            return Fail($"{field}: count {count} at byte {start} runs past the end of the data.");
        }

        return true;
    }

    public bool TryReadBytes(string field, int count, out ReadOnlyMemory<byte> value)
    {
        value = default;
        if (count > _bytes.Length - Position)
        {
            return Fail($"{field}: truncated at byte {Position}.");
        }

        value = _bytes.Slice(Position, count).ToArray();
        Position += count;
        return true;
    }

    /// <summary>A compact-u16 length followed by that many bytes.</summary>
    public bool TryReadByteArray(string field, out ReadOnlyMemory<byte> value)
    {
        value = default;
        return TryReadCount(field, 1, out var count) && TryReadBytes(field, count, out value);
    }

    public bool Fail(string error)
    {
        Error = error;
        return false;
    }
}
