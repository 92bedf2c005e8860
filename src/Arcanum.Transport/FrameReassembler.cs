using System.Buffers;

namespace Arcanum.Transport;

/// <summary>The outcome of adding one chunk to a <see cref="FrameReassembler"/>.</summary>
internal enum ReassemblyStep
{
    /// <summary>The chunk was stored; more chunks of the frame follow.</summary>
    NeedMore,

    /// <summary>The chunk was the last one: the frame is complete.</summary>
    Complete,

    /// <summary>The chunk breaks the rules of <see cref="FrameChunks"/>; the link must close.</summary>
    Invalid,
}

/// <summary>
/// Joins the chunks of one frame (<see cref="FrameChunks"/>), never holding more than the frame limit.
/// Not thread-safe: one reader loop owns it.
/// </summary>
internal sealed class FrameReassembler(int maxFrameBytes)
{
    private readonly ArrayBufferWriter<byte> _frame = new();
    private bool _complete;

    /// <summary>
    /// Adds a decrypted chunk. On <see cref="ReassemblyStep.Complete"/>, <paramref name="frame"/> holds the
    /// frame's bytes until the next call; on <see cref="ReassemblyStep.Invalid"/>, <paramref name="error"/> says why.
    /// </summary>
    public ReassemblyStep Add(ReadOnlySpan<byte> chunk, out ReadOnlyMemory<byte> frame, out string error)
    {
        frame = default;
        error = "";
        if (_complete)
        {
            // The previous call handed out a whole frame; this chunk starts the next one.
            _frame.ResetWrittenCount();
            _complete = false;
        }

        if (chunk.Length < FrameChunks.HeaderLength)
        {
            error = "a Noise message carried no chunk header";
            return ReassemblyStep.Invalid;
        }

        var header = chunk[0];
        var data = chunk[FrameChunks.HeaderLength..];
        if ((header & ~FrameChunks.MoreFollows) != 0)
        {
            error = $"chunk header 0x{header:x2} sets undefined flags";
            return ReassemblyStep.Invalid;
        }

        var more = header == FrameChunks.MoreFollows;
        if (more && data.Length != FrameChunks.MaxChunkData)
        {
            error = $"a non-final chunk carried {data.Length} bytes instead of {FrameChunks.MaxChunkData}";
            return ReassemblyStep.Invalid;
        }

        if ((long)_frame.WrittenCount + data.Length > maxFrameBytes)
        {
            error = $"a frame grew beyond the limit of {maxFrameBytes} bytes";
            return ReassemblyStep.Invalid;
        }

        _frame.Write(data);
        if (more)
        {
            return ReassemblyStep.NeedMore;
        }

        _complete = true;
        frame = _frame.WrittenMemory;
        return ReassemblyStep.Complete;
    }
}
