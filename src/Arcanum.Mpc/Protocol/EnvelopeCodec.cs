using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// <see cref="ProtocolMessage"/> ⇄ the <c>arcanum.v1.Envelope</c> wire form. Decoding never
/// throws: it enforces every limit in <see cref="WireLimits"/> and reports the first violation.
/// </summary>
public static class EnvelopeCodec
{
    /// <summary>The largest encoded envelope: payload, echo and a few bytes of header.</summary>
    public const int MaxEnvelopeBytes = WireLimits.MaxPayloadBytes + WireLimits.MaxEchoBytes + 64;

    public static byte[] Encode(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Envelope
        {
            SessionId = ByteString.CopyFrom(message.Session.ToArray()),
            Round = (uint)message.Round,
            From = message.From.Value,
            To = message.To?.Value ?? 0,
            Payload = ByteString.CopyFrom(message.Payload.Span),
            Echo = ByteString.CopyFrom(message.Echo.Span),
        }.ToByteArray();
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out ProtocolMessage? message, out string error)
    {
        message = null;
        if (encoded.Length > MaxEnvelopeBytes)
        {
            error = $"envelope of {encoded.Length} bytes exceeds {MaxEnvelopeBytes}";
            return false;
        }

        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(encoded);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"malformed envelope: {e.Message}";
            return false;
        }

        error = Validate(envelope) ?? "";
        if (error.Length > 0)
        {
            return false;
        }

        _ = PartyId.TryCreate(envelope.From, out var from);
        PartyId? to = envelope.To == 0 ? null : new PartyId((int)envelope.To);
        message = new ProtocolMessage(
            SessionId.FromBytes(envelope.SessionId.Span), (int)envelope.Round, from, to, envelope.Payload.ToByteArray(), envelope.Echo.ToByteArray());
        return true;
    }

    private static string? Validate(Envelope envelope) => envelope switch
    {
        { SessionId.Length: not SessionId.Length } => $"session_id must be {SessionId.Length} bytes, not {envelope.SessionId.Length}",
        { Round: < 1 or > WireLimits.MaxRound } => $"round {envelope.Round} is outside 1..{WireLimits.MaxRound}",
        { From: < 1 or > ushort.MaxValue } => $"from {envelope.From} is not a party identifier",
        { To: > ushort.MaxValue } => $"to {envelope.To} is not a party identifier",
        { Payload.Length: > WireLimits.MaxPayloadBytes } => $"payload of {envelope.Payload.Length} bytes exceeds {WireLimits.MaxPayloadBytes}",
        { Echo.Length: > WireLimits.MaxEchoBytes } => $"echo of {envelope.Echo.Length} bytes exceeds {WireLimits.MaxEchoBytes}",
        _ when envelope.Echo.Length % BroadcastEcho.DigestLength != 0 => $"echo of {envelope.Echo.Length} bytes is not whole {BroadcastEcho.DigestLength}-byte digests",
        _ => null,
    };
}
