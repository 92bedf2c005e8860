namespace Arcanum.Client.Bench;

/// <summary>
/// Percentiles by the nearest-rank method: the p-th percentile of n ascending values is the value
/// at rank ⌈p/100 · n⌉ (1-based), so it is always one of the observed latencies.
/// </summary>
public static class LatencyPercentiles
{
    /// <summary>
    /// The <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100) of <paramref name="sortedAscending"/>;
    /// 0 when there are no values.
    /// </summary>
    public static double NearestRank(IReadOnlyList<double> sortedAscending, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sortedAscending.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile * sortedAscending.Count / 100);
        return sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1];
    }
}
