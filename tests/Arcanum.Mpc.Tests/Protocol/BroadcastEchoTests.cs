using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Tests.Protocol;

public sealed class BroadcastEchoTests
{
    private static readonly SessionId Session = SessionId.FromBytes(new byte[16]);

    private static ProtocolMessage Broadcast(int from, byte payload, SessionId? session = null, int round = 1) =>
        new(session ?? Session, round, new PartyId(from), null, new[] { payload }, ReadOnlyMemory<byte>.Empty);

    [Fact]
    public void Digests_DoNotDependOnArrivalOrder()
    {
        var a = BroadcastEcho.Of([Broadcast(1, 1), Broadcast(2, 2), Broadcast(3, 3)]);
        var b = BroadcastEcho.Of([Broadcast(3, 3), Broadcast(1, 1), Broadcast(2, 2)]);

        Assert.Equal(a, b);
        Assert.Equal(3 * BroadcastEcho.DigestLength, a.Encoded.Length);
    }

    [Theory]
    [InlineData(2, 9, 1, 2)]
    [InlineData(3, 9, 1, 3)]
    public void FindEquivocator_NamesTheBroadcasterWhoseDigestDiffers(int changed, byte payload, int self, int expected)
    {
        var mine = BroadcastEcho.Of([Broadcast(1, 1), Broadcast(2, 2), Broadcast(3, 3)]);
        var theirs = BroadcastEcho.Of([Broadcast(1, 1), Broadcast(2, changed == 2 ? payload : (byte)2), Broadcast(3, changed == 3 ? payload : (byte)3)]);

        Assert.Equal(new PartyId(expected), mine.FindEquivocator(theirs.Encoded.Span, new PartyId(3), new PartyId(self)));
        Assert.Null(mine.FindEquivocator(mine.Encoded.Span, new PartyId(3), new PartyId(self)));
    }

    [Fact]
    public void Digest_BindsSessionRoundAndSender()
    {
        var base_ = BroadcastEcho.Of([Broadcast(1, 1)]);

        Assert.NotEqual(base_, BroadcastEcho.Of([Broadcast(1, 1, SessionId.FromBytes(Enumerable.Repeat((byte)1, 16).ToArray()))]));
        Assert.NotEqual(base_, BroadcastEcho.Of([Broadcast(1, 1, round: 2)]));
        Assert.NotEqual(base_, BroadcastEcho.Of([Broadcast(2, 1)]));
    }
}
