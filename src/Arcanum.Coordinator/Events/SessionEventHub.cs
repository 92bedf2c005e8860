using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Sessions;

namespace Arcanum.Coordinator.Events;

/// <summary>
/// Fans session events out to every subscriber. Each subscriber has its own bounded channel that
/// drops its oldest event when full, so a slow or stalled reader loses notifications (GET
/// /v1/sessions/{id} stays the source of truth) and never blocks a publisher or another reader.
/// Thread-safe.
/// </summary>
public sealed class SessionEventHub : ISessionEvents
{
    /// <summary>Events buffered per subscriber before the oldest are dropped.</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<Channel<SessionEvent>, byte> _subscribers = new();
    private readonly int _capacity;

    public SessionEventHub(int capacityPerSubscriber = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerSubscriber, 1);
        _capacity = capacityPerSubscriber;
    }

    /// <summary>How many subscriptions are open.</summary>
    public int SubscriberCount => _subscribers.Count;

    public void Publish(SessionEvent sessionEvent)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(sessionEvent);
        }
    }

    /// <summary>
    /// Subscribes at the call (not at the first read), so nothing published after the call is
    /// missed; the subscription ends when <paramref name="cancellationToken"/> fires or the
    /// enumeration is disposed.
    /// </summary>
    public IAsyncEnumerable<SessionEvent> SubscribeAsync(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        _subscribers.TryAdd(channel, 0);
        var registration = cancellationToken.Register(() => Unsubscribe(channel));
        return ReadAsync(channel, registration, cancellationToken);
    }

    private async IAsyncEnumerable<SessionEvent> ReadAsync(
        Channel<SessionEvent> channel, CancellationTokenRegistration registration, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var sessionEvent))
                {
                    yield return sessionEvent;
                }
            }
        }
        finally
        {
            await registration.DisposeAsync();
            Unsubscribe(channel);
        }
    }

    private void Unsubscribe(Channel<SessionEvent> channel)
    {
        _subscribers.TryRemove(channel, out _);
        channel.Writer.TryComplete();
    }
}
