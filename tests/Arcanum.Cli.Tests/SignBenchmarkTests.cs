using Arcanum.Client;
using Arcanum.Client.Bench;

namespace Arcanum.Cli.Tests;

public sealed class SignBenchmarkTests
{
    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void NearestRank_OneToTen_IsTheValueAtRankCeilPN(double percentile, double expected)
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, LatencyPercentiles.NearestRank(values, percentile));
    }

    [Fact]
    public void NearestRank_TwentyValues_P95IsTheNineteenth()
    {
        var values = Enumerable.Range(1, 20).Select(i => i * 1.5).ToArray();

        Assert.Equal(28.5, LatencyPercentiles.NearestRank(values, 95));
    }

    [Fact]
    public void NearestRank_Empty_IsZero() => Assert.Equal(0, LatencyPercentiles.NearestRank([], 50));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void NearestRank_PercentileOutOfRange_Throws(double percentile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyPercentiles.NearestRank([1.0], percentile));

    [Fact]
    public async Task RunAsync_EveryFifthSignFails_CountsRequestsAndErrors()
    {
        await using var server = await FakeCoordinator.StartAsync();
        server.Serve("GET", $"/v1/keys/{Samples.KeyId}", 200, Samples.Key);
        server.Serve("POST", $"/v1/keys/{Samples.KeyId}/sign", 200, Samples.EcdsaSignature);
        server.FailSignEvery = 5;
        using var client = new ArcanumClient(server.Address, FakeCoordinator.Token);

        var result = await new SignBenchmark(client).RunAsync(Samples.KeyId, 100, 8);

        // 20 warm-up requests (4 of them fail) and 100 measured (20 fail).
        Assert.Equal(120, server.SignRequestCount);
        Assert.Equal(("ecdsa-secp256k1", 100, 8, 20), (result.Scheme, result.Count, result.Concurrency, result.Errors));
        Assert.True(result.P50Ms > 0 && result.P50Ms <= result.P95Ms && result.P95Ms <= result.P99Ms, $"{result}");
        Assert.True(result.SignaturesPerSecond > 0);
        Assert.All(server.Requests.Where(r => r.Path.EndsWith("/sign", StringComparison.Ordinal)), request => Assert.Matches("""^\{"digest":"[0-9a-f]{64}"\}$""", request.Body));
    }

    [Fact]
    public async Task RunAsync_MessageScheme_SendsRandomMessages()
    {
        await using var server = await FakeCoordinator.StartAsync();
        server.Serve("GET", $"/v1/keys/{Samples.KeyId}", 200, Samples.Key.Replace("ecdsa-secp256k1", "frost-ed25519", StringComparison.Ordinal));
        server.Serve("POST", $"/v1/keys/{Samples.KeyId}/sign", 200, Samples.EcdsaSignature);
        using var client = new ArcanumClient(server.Address, FakeCoordinator.Token);

        var result = await new SignBenchmark(client).RunAsync(Samples.KeyId, 3, 2);

        Assert.Equal((3, 0), (result.Count, result.Errors));
        var bodies = server.Requests.Where(r => r.Path.EndsWith("/sign", StringComparison.Ordinal)).Select(r => r.Body).ToList();
        Assert.Equal(6, bodies.Count);
        Assert.All(bodies, body => Assert.Matches("""^\{"message":"[0-9a-f]{64}"\}$""", body));
        Assert.Equal(bodies.Count, bodies.Distinct().Count());
    }
}
