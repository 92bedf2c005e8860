namespace Arcanum.Transport;

/// <summary>
/// Limits and timers of one <see cref="NoiseChannel"/>. Every property is optional; the defaults suit a
/// node link on a LAN or WAN. Both ends of a link should use the same <see cref="HeartbeatInterval"/>,
/// because each side closes a link that was silent for three of its own intervals.
/// </summary>
public sealed record ChannelOptions
{
    /// <summary>The largest encoded <c>ClusterFrame</c> either side sends or accepts (1 MiB by default).</summary>
    public int MaxFrameBytes { get; init; } = 1 << 20;

    /// <summary>
    /// An idle link sends a heartbeat this often; a link that received nothing for three intervals closes
    /// itself. 10 ms to 1 day.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many frames may wait to be sent (and, on the receiving side, to be read) before
    /// <see cref="NoiseChannel.SendAsync"/> waits (back-pressure) — memory stays bounded when a peer is slow.
    /// </summary>
    public int SendQueueCapacity { get; init; } = 1024;

    /// <summary>How long the two Noise handshake messages may take before the attempt fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest <see cref="MaxFrameBytes"/> allowed: 256 MiB.</summary>
    internal const int MaxFrameBytesLimit = 256 << 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting outside its range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameBytes, 1, nameof(MaxFrameBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFrameBytes, MaxFrameBytesLimit, nameof(MaxFrameBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(HeartbeatInterval, TimeSpan.FromMilliseconds(10), nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HeartbeatInterval, TimeSpan.FromDays(1), nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueCapacity, 1, nameof(SendQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(HandshakeTimeout, TimeSpan.FromMilliseconds(1), nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HandshakeTimeout, TimeSpan.FromDays(1), nameof(HandshakeTimeout));
    }
}
