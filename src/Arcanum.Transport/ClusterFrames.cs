using Arcanum.Mpc.Protocol;
using System.Diagnostics.CodeAnalysis;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport;

/// <summary>
/// The rules a <see cref="ClusterFrame"/> must satisfy on a link: at most the channel's
/// <see cref="ChannelOptions.MaxFrameBytes"/>, canonical protobuf, and exactly one body set.
/// </summary>
public static class ClusterFrames
{
    /// <summary>
    /// Parses a received frame; false, with what was wrong, for an oversized, malformed or
    /// non-canonical encoding or a frame without a body. Never throws on bad input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> encoded, int maxFrameBytes, [NotNullWhen(true)] out ClusterFrame? frame, out string error)
    {
        frame = null;
        if (encoded.Length > maxFrameBytes)
        {
            error = $"frame of {encoded.Length} bytes exceeds the limit of {maxFrameBytes}";
            return false;
        }

        if (!WireDecoding.TryParse(encoded, ClusterFrame.Parser, out var parsed))
        {
            error = $"frame of {encoded.Length} bytes is not a canonical ClusterFrame encoding";
            return false;
        }

        if (parsed.BodyCase == ClusterFrame.BodyOneofCase.None)
        {
            error = "frame carries no body";
            return false;
        }

        frame = parsed;
        error = "";
        return true;
    }

    /// <summary>
    /// The encoding of a frame this side is about to send; throws <see cref="ArgumentException"/> when
    /// it has no body or its encoding is longer than <paramref name="maxFrameBytes"/> (the peer would
    /// refuse it and close the link).
    /// </summary>
    public static byte[] EncodeForSending(ClusterFrame frame, int maxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.BodyCase == ClusterFrame.BodyOneofCase.None)
        {
            throw new ArgumentException("A cluster frame must carry a body.", nameof(frame));
        }

        var size = frame.CalculateSize();
        if (size > maxFrameBytes)
        {
            throw new ArgumentException($"The frame's encoding is {size} bytes, more than the limit of {maxFrameBytes}.", nameof(frame));
        }

        return frame.ToByteArray();
    }
}
