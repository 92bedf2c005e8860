using Arcanum.Client;

namespace Arcanum.Cli.Tests;

/// <summary>Tests that set process environment variables; they run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary><see cref="ArcanumClient.FromEnvironment"/> reads ARCANUM_ADDR and ARCANUM_TOKEN.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class EnvironmentTests
{
    [Fact]
    public async Task FromEnvironment_BothSet_TalksToThatCoordinatorWithThatToken()
    {
        await using var server = await FakeCoordinator.StartAsync();
        server.Serve("GET", "/v1/sys/health", 200, Samples.HealthOk);
        using var variables = new EnvironmentScope(server.Address.ToString(), FakeCoordinator.Token);

        using var client = ArcanumClient.FromEnvironment();
        var health = await client.GetHealthAsync();

        Assert.Equal("ok", health.Status);
        Assert.Equal("Bearer " + FakeCoordinator.Token, Assert.Single(server.Requests).Authorization);
    }

    [Theory]
    [InlineData(null, "t", "ARCANUM_ADDR")]
    [InlineData("http://127.0.0.1:1/", null, "ARCANUM_TOKEN")]
    [InlineData("not a url", "t", "not an absolute")]
    public void FromEnvironment_MissingOrMalformed_NamesTheProblem(string? address, string? token, string expected)
    {
        using var variables = new EnvironmentScope(address, token);

        var error = Assert.Throws<InvalidOperationException>(ArcanumClient.FromEnvironment);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private sealed class EnvironmentScope : IDisposable
    {
        private readonly string? _address = Environment.GetEnvironmentVariable(EnvironmentVariables.Address);
        private readonly string? _token = Environment.GetEnvironmentVariable(EnvironmentVariables.Token);

        public EnvironmentScope(string? address, string? token)
        {
            Environment.SetEnvironmentVariable(EnvironmentVariables.Address, address);
            Environment.SetEnvironmentVariable(EnvironmentVariables.Token, token);
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable(EnvironmentVariables.Address, _address);
            Environment.SetEnvironmentVariable(EnvironmentVariables.Token, _token);
        }
    }
}
