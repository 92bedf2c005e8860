using Arcanum.Mpc.Protocol;

namespace Arcanum.TestKit.Mpc;

/// <summary>The fault rules the N-party harness offers (ARCHITECTURE §6): drop, duplicate, tamper, equivocate, crash, replay into another session.</summary>
public static class Faults
{
    /// <summary>Drops every delivery matching <paramref name="match"/>.</summary>
    public static IFaultRule Drop(Func<Delivery, bool> match) => new Rule(d => match(d) ? [] : [d]);

    /// <summary>A crashed party: nothing it sends arrives, nothing sent to it arrives.</summary>
    public static IFaultRule Crash(PartyId party) => Drop(d => d.Message.From == party || d.Recipient == party);

    /// <summary>Delivers every matching delivery twice.</summary>
    public static IFaultRule Duplicate(Func<Delivery, bool> match) => new Rule(d => match(d) ? [d, d] : [d]);

    /// <summary>Replaces the payload of <paramref name="from"/>'s round-<paramref name="round"/> messages (to every recipient).</summary>
    public static IFaultRule TamperPayload(PartyId from, int round, Func<byte[], byte[]> tamper) =>
        new Rule(d => d.Message.From == from && d.Message.Round == round
            ? [d with { Message = d.Message with { Payload = tamper(d.Message.Payload.ToArray()) } }]
            : [d]);

    /// <summary>Rewrites matching messages with <paramref name="rewrite"/> (header, echo, anything).</summary>
    public static IFaultRule Rewrite(Func<Delivery, bool> match, Func<ProtocolMessage, ProtocolMessage> rewrite) =>
        new Rule(d => match(d) ? [d with { Message = rewrite(d.Message) }] : [d]);

    /// <summary>
    /// Equivocation: <paramref name="from"/>'s round-<paramref name="round"/> broadcast reaches
    /// <paramref name="victim"/> with a different payload than everyone else gets.
    /// </summary>
    public static IFaultRule Equivocate(PartyId from, int round, PartyId victim, Func<byte[], byte[]> alternative) =>
        new Rule(d => d.Message.From == from && d.Message.Round == round && d.Message.IsBroadcast && d.Recipient == victim
            ? [d with { Message = d.Message with { Payload = alternative(d.Message.Payload.ToArray()) } }]
            : [d]);

    /// <summary>Also delivers a copy of each matching message relabelled with another session id (a cross-session replay).</summary>
    public static IFaultRule ReplayIntoSession(SessionId other, Func<Delivery, bool> match) =>
        new Rule(d => match(d) ? [d with { Message = d.Message with { Session = other } }, d] : [d]);

    /// <summary>Also delivers a copy of each matching message stamped as sent by <paramref name="impostor"/>.</summary>
    public static IFaultRule Impersonate(PartyId impostor, Func<Delivery, bool> match) =>
        new Rule(d => match(d) ? [d, d with { Message = d.Message with { From = impostor } }] : [d]);

    private sealed class Rule(Func<Delivery, IEnumerable<Delivery>> apply) : IFaultRule
    {
        public IEnumerable<Delivery> Apply(Delivery delivery) => apply(delivery);
    }
}
