using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Mpc.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Arcanum.Mpc.Tests.Protocol;

/// <summary>
/// A two-round toy protocol that exercises the kernel alone: round 1 every party broadcasts a
/// number; round 2 every party sends each other party, by unicast, the sum of what it saw (with
/// the echo of round 1); the output is the sum, once every unicast agrees with it.
/// </summary>
internal static class SumProtocol
{
    public static RoundResult<long>.Continue Start(ProtocolContext context, long value)
    {
        var broadcast = Round<long>.Message(context, 1, null, Encode(value), null);
        return new RoundResult<long>.Continue(new CollectValues(context, value, broadcast), [broadcast]);
    }

    public static BytesValue Encode(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return new BytesValue { Value = ByteString.CopyFrom(bytes) };
    }

    private static MessageCheck Decode(Round<long> round, ProtocolMessage message, Func<ProtocolMessage, object, MessageCheck> accept)
    {
        _ = round;
        try
        {
            var value = BytesValue.Parser.ParseFrom(message.Payload.Span).Value;
            return value.Length == 8
                ? accept(message, BinaryPrimitives.ReadInt64BigEndian(value.Span))
                : MessageCheck.Fault(message.From, "value is not 8 bytes");
        }
        catch (InvalidProtocolBufferException)
        {
            return MessageCheck.Fault(message.From, "malformed value");
        }
    }

    private sealed class CollectValues(ProtocolContext context, long own, ProtocolMessage ownBroadcast)
        : Round<long>(context, 1, RoundInputs.Broadcast, ownBroadcast, expectedEcho: null)
    {
        protected override MessageCheck VerifyContent(ProtocolMessage message) => Decode(this, message, Accept);

        protected override RoundResult<long> Complete(RandomNumberGenerator rng)
        {
            var sum = own + Context.Others.Sum(BroadcastFrom<long>);
            var echo = EchoOfBroadcasts();
            var outgoing = Context.Others.Select(p => Unicast(2, p, Encode(sum), echo)).ToList();
            return Next(new CompareSums(Context, sum, echo), outgoing);
        }
    }

    private sealed class CompareSums(ProtocolContext context, long sum, BroadcastEcho echo)
        : Round<long>(context, 2, RoundInputs.Unicast, ownBroadcast: null, expectedEcho: echo)
    {
        protected override MessageCheck VerifyContent(ProtocolMessage message) => Decode(this, message, Accept);

        protected override RoundResult<long> Complete(RandomNumberGenerator rng)
        {
            var disagreeing = Context.Others.Where(p => UnicastFrom<long>(p) != sum).ToList();
            return disagreeing.Count == 0
                ? new RoundResult<long>.Done(sum, [])
                : Fail(new Abort("sums disagree", disagreeing));
        }
    }
}
