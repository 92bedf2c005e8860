using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;

namespace Arcanum.Mpc.Protocol;

/// <summary>The one way round payloads are parsed: canonical protobuf only, never an exception.</summary>
public static class WireDecoding
{
    /// <summary>
    /// Parses a payload that must be the canonical protobuf encoding of <typeparamref name="T"/>:
    /// re-encoding must give the same bytes, so unknown, repeated or reordered fields are refused and
    /// one message has one encoding (the echo compares payload bytes). False for anything else.
    /// </summary>
    public static bool TryParse<T>(ReadOnlySpan<byte> payload, MessageParser<T> parser, [NotNullWhen(true)] out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        try
        {
            var parsed = parser.WithDiscardUnknownFields(true).ParseFrom(payload);
            if (parsed.CalculateSize() == payload.Length && parsed.ToByteString().Span.SequenceEqual(payload))
            {
                message = parsed;
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Malformed: message stays null.
        }

        return message is not null;
    }
}
