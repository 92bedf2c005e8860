namespace Arcanum.Mpc.Protocol;

/// <summary>
/// One message of a protocol run. <see cref="To"/> is null for a broadcast (every other party gets
/// the same payload) and names the recipient of a unicast. <see cref="Payload"/> is the round's own
/// protobuf message; <see cref="Echo"/> carries, in the round after a broadcast round, the sender's
/// digests of every broadcast it received (see <see cref="BroadcastEcho"/>), and is empty otherwise.
/// The transport signs (session, round, from, to, payload, echo) with the sender's identity, so the
/// sender of a message that arrives is the party that wrote it.
/// </summary>
public sealed record ProtocolMessage(
    SessionId Session,
    int Round,
    PartyId From,
    PartyId? To,
    ReadOnlyMemory<byte> Payload,
    ReadOnlyMemory<byte> Echo)
{
    public bool IsBroadcast => To is null;

    /// <summary>Same header and byte-for-byte the same payload and echo.</summary>
    public bool SameContentAs(ProtocolMessage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Session == other.Session && Round == other.Round && From == other.From && To == other.To
            && Payload.Span.SequenceEqual(other.Payload.Span) && Echo.Span.SequenceEqual(other.Echo.Span);
    }

    public override string ToString() =>
        $"round {Round} {(IsBroadcast ? "broadcast" : "unicast")} from {From.Value}{(To is { } to ? $" to {to.Value}" : "")} ({Payload.Length} bytes)";
}
