using Arcanum.Cli.Commands;
using Arcanum.Client.Contracts;

namespace Arcanum.Cli.Tests;

public sealed class KeygenProgressTests
{
    private static readonly DateTimeOffset Time = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Observe_KeygenSessionAmongOthers_FollowsOnlyTheFirstKeygen()
    {
        var progress = new KeygenProgress();

        Assert.Null(progress.Observe(Event("session.started", "sign-1", "sign", null)));
        Assert.Equal("DKG session dkg-1 started", progress.Observe(Event("session.started", "dkg-1", "keygen", null)));
        Assert.Null(progress.Observe(Event("session.started", "dkg-2", "keygen", null)));
        Assert.Equal("DKG session dkg-1: round 2", progress.Observe(Event("session.round", "dkg-1", "keygen", 2)));
        Assert.Null(progress.Observe(Event("session.round", "dkg-2", "keygen", 3)));
        Assert.Equal("DKG session dkg-1 completed", progress.Observe(Event("session.ended", "dkg-1", "keygen", null, "completed")));
    }

    [Fact]
    public void Observe_RoundBeforeAnyStart_IsIgnored() =>
        Assert.Null(new KeygenProgress().Observe(Event("session.round", "dkg-1", "keygen", 1)));

    private static SessionEvent Event(string type, string session, string kind, int? round, string status = "running") =>
        new(type, session, kind, null, status, round, Time);
}
