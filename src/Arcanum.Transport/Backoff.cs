namespace Arcanum.Transport;

/// <summary>
/// Reconnect delays: exponential backoff with "full jitter" — a uniformly random delay between zero and
/// min(cap, base · 2^attempt), with a 200 ms base and a 10 s cap — so nodes that lost the coordinator at
/// the same moment do not reconnect in lock-step.
/// </summary>
public static class Backoff
{
    /// <summary>The ceiling of the first attempt's delay.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>No delay is longer than this.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>Beyond this exponent the ceiling is the cap anyway (200 ms · 2^6 > 10 s); it bounds the arithmetic.</summary>
    private const int MaxExponent = 16;

    /// <summary>
    /// The delay before reconnect attempt <paramref name="attempt"/> (0 for the first retry): uniform in
    /// [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> · 2^attempt)).
    /// </summary>
    public static TimeSpan Delay(int attempt, Random jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentNullException.ThrowIfNull(jitter);
        var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks << Math.Min(attempt, MaxExponent));
        return TimeSpan.FromTicks((long)(jitter.NextDouble() * ceiling));
    }
}
