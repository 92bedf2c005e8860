using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Events;

namespace Arcanum.Coordinator.Tests.Events;

public sealed class SessionEventHubTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task Publish_TwoSubscribers_EachReceivesEveryEventInOrder()
    {
        var hub = new SessionEventHub();
        using var stop = new CancellationTokenSource();
        var first = hub.SubscribeAsync(stop.Token);
        var second = hub.SubscribeAsync(stop.Token);

        for (var round = 1; round <= 3; round++)
        {
            hub.Publish(Event(round));
        }

        Assert.Equal([1, 2, 3], await TakeRoundsAsync(first, 3));
        Assert.Equal([1, 2, 3], await TakeRoundsAsync(second, 3));
    }

    [Fact]
    public async Task Subscribe_EventPublishedBeforeTheCall_IsNotDelivered()
    {
        var hub = new SessionEventHub();
        hub.Publish(Event(1));
        var events = hub.SubscribeAsync(CancellationToken.None);

        hub.Publish(Event(2));

        Assert.Equal([2], await TakeRoundsAsync(events, 1));
    }

    [Fact]
    public async Task Publish_SubscriberFull_DropsOldestAndKeepsNewest()
    {
        var hub = new SessionEventHub(capacityPerSubscriber: 4);
        var events = hub.SubscribeAsync(CancellationToken.None);

        for (var round = 1; round <= 10; round++)
        {
            hub.Publish(Event(round));
        }

        Assert.Equal([7, 8, 9, 10], await TakeRoundsAsync(events, 4));
    }

    [Fact]
    public async Task Subscribe_Cancelled_EndsAndUnsubscribes()
    {
        var hub = new SessionEventHub();
        using var stop = new CancellationTokenSource();
        var events = hub.SubscribeAsync(stop.Token);
        Assert.Equal(1, hub.SubscriberCount);

        await stop.CancelAsync();

        Assert.Equal(0, hub.SubscriberCount);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await TakeRoundsAsync(events, 1));
    }

    [Fact]
    public async Task Publish_ManyThreads_EveryEventArrivesOnce()
    {
        const int Publishers = 4;
        const int PerPublisher = 50;
        var hub = new SessionEventHub(capacityPerSubscriber: Publishers * PerPublisher);
        var events = hub.SubscribeAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerPublisher; i++)
            {
                hub.Publish(Event((p * PerPublisher) + i));
            }
        })));

        var rounds = await TakeRoundsAsync(events, Publishers * PerPublisher);
        Assert.Equal(Enumerable.Range(0, Publishers * PerPublisher), rounds.Order());
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionEventHub(capacityPerSubscriber: 0));

    private static SessionEvent Event(int round) => new("session.round", new string('a', 32), "sign", "key", "running", round, Time);

    private static async Task<List<int>> TakeRoundsAsync(IAsyncEnumerable<SessionEvent> events, int count)
    {
        var rounds = new List<int>();
        await foreach (var sessionEvent in events)
        {
            rounds.Add(sessionEvent.Round!.Value);
            if (rounds.Count == count)
            {
                break;
            }
        }

        return rounds;
    }
}
