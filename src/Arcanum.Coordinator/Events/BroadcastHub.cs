using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Arcanum.Coordinator.Events;

/// <summary>
/// Fans events out to every subscriber. Each subscriber has its own bounded channel that drops its oldest event when
/// full, so a slow or stalled reader loses notifications (GET stays the source of truth) and never blocks a publisher
/// or another reader. Thread-safe.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public class BroadcastHub<T>
    where T : class
{
    private readonly ConcurrentDictionary<Channel<T>, byte> _subscribers = new();
    private readonly int _capacity;

    /// <summary>A hub buffering <paramref name="capacityPerSubscriber"/> events per subscriber (at least 1).</summary>
    public BroadcastHub(int capacityPerSubscriber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerSubscriber, 1);
        _capacity = capacityPerSubscriber;
    }

    /// <summary>How many subscriptions are open.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Hands <paramref name="item"/> to every open subscription (dropping a full one's oldest event).</summary>
    public void Publish(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(item);
        }
    }

    /// <summary>
    /// Subscribes at the call (not at the first read), so nothing published after the call is
    /// missed; the subscription ends when <paramref name="cancellationToken"/> fires or the
    /// enumeration is disposed.
    /// </summary>
    public IAsyncEnumerable<T> SubscribeAsync(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        _subscribers.TryAdd(channel, 0);
        var registration = cancellationToken.Register(() => Unsubscribe(channel));
        return ReadAsync(channel, registration, cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAsync(Channel<T> channel, CancellationTokenRegistration registration, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await registration.DisposeAsync();
            Unsubscribe(channel);
        }
    }

    private void Unsubscribe(Channel<T> channel)
    {
        _subscribers.TryRemove(channel, out _);
        channel.Writer.TryComplete();
    }
}
