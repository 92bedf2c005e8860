using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Protocol;

/// <summary>The kernel's own checks (Round base class, PartyRunner, echo), through a toy two-round protocol.</summary>
public sealed class RoundKernelTests
{
    private static readonly SessionId Session = SessionId.FromBytes(new byte[16]);
    private static readonly PartyId P1 = new(1);
    private static readonly PartyId P2 = new(2);
    private static readonly PartyId P3 = new(3);
    private static readonly PartyId P4 = new(4);

    private static InMemoryNetwork<long> Network(int parties = 4)
    {
        var ids = Enumerable.Range(1, parties).Select(i => new PartyId(i)).ToArray();
        return new InMemoryNetwork<long>(ids.Select(id =>
            new PartyRunner<long>(SumProtocol.Start(new ProtocolContext(Session, id, ids), id.Value * 10), new DeterministicRandom(id.Value))));
    }

    [Fact]
    public void HonestRun_EveryPartyOutputsTheSum()
    {
        var parties = Network().Run();

        Assert.All(parties.Values, p => Assert.Equal((RunStatus.Completed, 100L), (p.Status, p.Output)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void ReorderedDelivery_EarlyMessagesAreHeldBack_AndTheRunCompletes(int seed)
    {
        var parties = Network().Run(reorderSeed: seed);

        Assert.All(parties.Values, p => Assert.Equal((RunStatus.Completed, 100L), (p.Status, p.Output)));
    }

    [Fact]
    public void DuplicatedMessages_AreIgnored()
    {
        var network = Network().With(Faults.Duplicate(_ => true));

        var parties = network.Run();

        Assert.All(parties.Values, p => Assert.Equal(RunStatus.Completed, p.Status));
        Assert.Contains(parties[P1].Ignored, c => c.Reason.Contains("duplicate", StringComparison.Ordinal));
    }

    [Fact]
    public void MessagesFromAnotherSession_AreIgnoredWithoutBlame()
    {
        var other = SessionId.FromBytes(Enumerable.Repeat((byte)7, 16).ToArray());

        var parties = Network().With(Faults.ReplayIntoSession(other, _ => true)).Run();

        Assert.All(parties.Values, p => Assert.Equal(RunStatus.Completed, p.Status));
        Assert.Contains(parties[P2].Ignored, c => c.Reason.Contains("session", StringComparison.Ordinal));
    }

    [Fact]
    public void MessageFromAStranger_IsIgnored()
    {
        var parties = Network(3).With(Faults.Impersonate(P4, d => d.Message.From == P1)).Run();

        Assert.All(parties.Values, p => Assert.Equal(RunStatus.Completed, p.Status));
    }

    [Fact]
    public void TwoDifferentMessagesForOneSlot_FaultTheSender()
    {
        var network = Network().With(new SendTwice(P3, SumProtocol.Encode(999).ToByteArray()));

        var parties = network.Run();

        // A party that already finished round 1 when the second version arrives ignores it as late,
        // but then waits forever for the others, which aborted: nobody completes.
        Assert.All(parties.Values, p => Assert.NotEqual(RunStatus.Completed, p.Status));
        Assert.Equal([P3], parties[P1].Abort!.Culprits);
        Assert.Equal([P3], parties[P2].Abort!.Culprits);
    }

    [Fact]
    public void EquivocatedBroadcast_IsCaughtByTheEcho_AndNamesTheEquivocator()
    {
        // Party 2 tells party 4 a different round-1 value than it tells 1 and 3.
        var network = Network().With(Faults.Equivocate(P2, 1, P4, _ => SumProtocol.Encode(555).ToByteArray()));

        var parties = network.Run();

        Assert.All(parties.Where(p => p.Key != P2).Select(p => p.Value), p =>
        {
            Assert.Equal(RunStatus.Aborted, p.Status);
            Assert.Equal([P2], p.Abort!.Culprits);
        });
    }

    [Fact]
    public void MalformedEcho_FaultsTheSender()
    {
        var network = Network().With(Faults.Rewrite(d => d.Message.From == P3 && d.Message.Round == 2, m => m with { Echo = m.Echo[..^1] }));

        var parties = network.Run();

        Assert.Equal([P3], parties[P1].Abort!.Culprits);
    }

    [Fact]
    public void EchoMisreportingTheRecipientsOwnBroadcast_BlamesTheSender()
    {
        // Party 3 claims party 1 broadcast something else: party 1 knows its own broadcast, so it blames 3.
        var network = Network().With(Faults.Rewrite(
            d => d.Message.From == P3 && d.Message.Round == 2 && d.Recipient == P1,
            m => m with { Echo = FlipFirstByte(m.Echo.ToArray()) }));

        var parties = network.Run();

        Assert.Equal([P3], parties[P1].Abort!.Culprits);
    }

    [Fact]
    public void UnicastInABroadcastRound_FaultsTheSender()
    {
        var network = Network().With(Faults.Rewrite(d => d.Message.From == P2 && d.Message.Round == 1, m => m with { To = new PartyId(1) }));

        var parties = network.Run();

        Assert.Equal([P2], parties[P1].Abort!.Culprits);
    }

    [Fact]
    public void OversizedPayload_FaultsTheSender()
    {
        var parties = Network().With(Faults.TamperPayload(P4, 1, _ => new byte[WireLimits.MaxPayloadBytes + 1])).Run();

        Assert.Equal([P4], parties[P1].Abort!.Culprits);
        Assert.Contains("limit", parties[P1].Abort!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CrashedParty_LeavesTheOthersWaiting_NotFinished()
    {
        var parties = Network().With(Faults.Crash(P3)).Run();

        Assert.All(parties.Values, p => Assert.Equal(RunStatus.Running, p.Status));
    }

    [Fact]
    public void StoreMessage_RefusesAChecksOfAnotherRound()
    {
        var ids = new[] { P1, P2 };
        var first = SumProtocol.Start(new ProtocolContext(Session, P1, ids), 1).Round;
        var second = SumProtocol.Start(new ProtocolContext(Session, P1, ids), 1).Round;
        var message = new ProtocolMessage(Session, 1, P2, null, SumProtocol.Encode(5).ToByteArray(), ReadOnlyMemory<byte>.Empty);
        var check = first.VerifyMessage(message);

        Assert.Equal(MessageVerdict.Accept, check.Verdict);
        Assert.Throws<ArgumentException>(() => second.StoreMessage(check));
        Assert.Throws<ArgumentException>(() => first.StoreMessage(MessageCheck.Ignore("x")));
    }

    private static byte[] FlipFirstByte(byte[] bytes)
    {
        bytes[0] ^= 1;
        return bytes;
    }

    /// <summary>Delivers, after the sender's genuine round-1 broadcast, a second one with another payload.</summary>
    private sealed class SendTwice(PartyId from, byte[] secondPayload) : IFaultRule
    {
        public IEnumerable<Delivery> Apply(Delivery delivery) =>
            delivery.Message.From == from && delivery.Message.Round == 1
                ? [delivery, delivery with { Message = delivery.Message with { Payload = secondPayload } }]
                : [delivery];
    }
}
