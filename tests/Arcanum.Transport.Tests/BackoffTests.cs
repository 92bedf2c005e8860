namespace Arcanum.Transport.Tests;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 400)]
    [InlineData(4, 3_200)]
    [InlineData(6, 10_000)]
    [InlineData(int.MaxValue, 10_000)]
    public void Delay_ManyDraws_StayBelowTheCeilingAndUseMostOfIt(int attempt, int ceilingMs)
    {
        var jitter = new Random(attempt);
        var delays = Enumerable.Range(0, 1000).Select(_ => Backoff.Delay(attempt, jitter)).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(ceilingMs)));
        Assert.Contains(delays, delay => delay > TimeSpan.FromMilliseconds(ceilingMs * 0.9));
        Assert.Contains(delays, delay => delay < TimeSpan.FromMilliseconds(ceilingMs * 0.1));
    }

    [Fact]
    public void Delay_NegativeAttempt_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(-1, new Random(1)));
}
