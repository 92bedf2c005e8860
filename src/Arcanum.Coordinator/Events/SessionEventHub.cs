using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Sessions;

namespace Arcanum.Coordinator.Events;

/// <summary>
/// Fans session events out to every /v1/events subscriber (<see cref="BroadcastHub{T}"/>: a slow reader loses
/// notifications; GET /v1/sessions/{id} stays the source of truth). Thread-safe.
/// </summary>
public sealed class SessionEventHub(int capacityPerSubscriber = SessionEventHub.DefaultCapacity)
    : BroadcastHub<SessionEvent>(capacityPerSubscriber), ISessionEvents
{
    /// <summary>Events buffered per subscriber before the oldest are dropped.</summary>
    public const int DefaultCapacity = 256;
}
