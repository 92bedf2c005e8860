using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// Decoding of the repair payloads (proto/arcanum/v1/repair.proto). Never throws: a malformed
/// protobuf, a wrong count, a non-canonical scalar or an invalid point is a fault of the sender.
/// </summary>
internal static class RepairCodec
{
    public static byte[] EncodeScalar<TScalar>(TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TScalar.EncodedLength];
        scalar.Encode(bytes);
        return bytes;
    }

    public static RepairDeltaCommitments EncodeCommitments<TPoint, TScalar>(IEnumerable<TPoint> commitments)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var message = new RepairDeltaCommitments();
        foreach (var point in commitments)
        {
            var bytes = new byte[TPoint.EncodedLength];
            point.Encode(bytes);
            message.Commitments.Add(ByteString.CopyFrom(bytes));
        }

        return message;
    }

    /// <summary>D_{i,1..|H|} from <paramref name="message"/>: exactly <paramref name="count"/> valid points.</summary>
    public static MessageFault? TryDecodeCommitments<TPoint, TScalar>(ProtocolMessage message, int count, out TPoint[] commitments)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        commitments = [];
        if (!TryParse(message, RepairDeltaCommitments.Parser, out var decoded))
        {
            return new MessageFault("sent a malformed delta-commitment message");
        }

        if (decoded.Commitments.Count != count)
        {
            return new MessageFault($"sent {decoded.Commitments.Count} delta commitments for {count} helpers");
        }

        var points = new TPoint[count];
        for (var j = 0; j < count; j++)
        {
            if (!TPoint.TryDecode(decoded.Commitments[j].Span, out points[j]))
            {
                return new MessageFault($"sent delta commitment {j + 1} that is not a valid group element");
            }
        }

        commitments = points;
        return null;
    }

    /// <summary>The scalar field (δ or σ) of a unicast: exactly one canonical scalar.</summary>
    public static MessageFault? TryDecodeScalar<TMessage, TScalar>(ProtocolMessage message, MessageParser<TMessage> parser, Func<TMessage, ByteString> field, out TScalar scalar)
        where TMessage : class, IMessage<TMessage>
        where TScalar : struct, IScalar<TScalar>
    {
        scalar = default;
        return TryParse(message, parser, out var decoded) && TScalar.TryDecode(field(decoded).Span, out scalar)
            ? null
            : new MessageFault($"sent a malformed {typeof(TMessage).Name} (not exactly one canonical scalar)");
    }

    private static bool TryParse<TMessage>(ProtocolMessage message, MessageParser<TMessage> parser, [NotNullWhen(true)] out TMessage? decoded)
        where TMessage : class, IMessage<TMessage> => WireDecoding.TryParse(message.Payload.Span, parser, out decoded);
}

/// <summary>Why a payload was rejected; the round turns it into a fault naming the sender.</summary>
internal sealed record MessageFault(string Reason);
