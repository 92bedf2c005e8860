namespace Arcanum.Coordinator.Tests.TestDoubles;

/// <summary>A clock the test moves by hand (token expiry, request expiry, policy windows).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
