using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;

namespace Arcanum.Transport;

/// <summary>
/// Parses bytes that must be the canonical protobuf encoding of a message: re-encoding the parsed
/// message must give the same bytes, so unknown, repeated or reordered fields and over-long varints are
/// refused and one message has exactly one encoding (the same rule as the protocol kernel's decoder).
/// </summary>
internal static class CanonicalProtobuf
{
    /// <summary>True and the message when <paramref name="encoded"/> is canonical; never throws on input.</summary>
    public static bool TryParse<T>(ReadOnlySpan<byte> encoded, MessageParser<T> parser, [NotNullWhen(true)] out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        try
        {
            var parsed = parser.WithDiscardUnknownFields(true).ParseFrom(encoded);
            if (parsed.CalculateSize() == encoded.Length && parsed.ToByteString().Span.SequenceEqual(encoded))
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
