using Arcanum.Crypto.Noise;

namespace Arcanum.Transport;

/// <summary>
/// How a frame is cut into Noise transport messages (docs/transport.md, "Chunks"). The plaintext of each
/// Noise message is one chunk: a 1-byte header followed by up to <see cref="MaxChunkData"/> frame bytes.
/// Header bit 0 (<see cref="MoreFollows"/>) says another chunk of the same frame follows; the other bits
/// are zero. Every chunk but the last carries exactly <see cref="MaxChunkData"/> bytes, so a frame has
/// one chunking and a peer cannot make the receiver loop on empty chunks.
/// </summary>
internal static class FrameChunks
{
    /// <summary>The header length in bytes.</summary>
    public const int HeaderLength = 1;

    /// <summary>Header flag: more chunks of this frame follow.</summary>
    public const byte MoreFollows = 0x01;

    /// <summary>Frame bytes in one chunk: the largest Noise payload (65,519) less the header.</summary>
    public const int MaxChunkData = NoiseTransport.MaxPayloadLength - HeaderLength;

    /// <summary>
    /// Writes the chunk of <paramref name="frame"/> that starts at <paramref name="offset"/> into
    /// <paramref name="chunk"/> (at least <see cref="NoiseTransport.MaxPayloadLength"/> bytes) and returns its length.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> frame, int offset, Span<byte> chunk)
    {
        var length = Math.Min(MaxChunkData, frame.Length - offset);
        var more = offset + length < frame.Length;
        chunk[0] = more ? MoreFollows : (byte)0;
        frame.Slice(offset, length).CopyTo(chunk[HeaderLength..]);
        return HeaderLength + length;
    }
}
