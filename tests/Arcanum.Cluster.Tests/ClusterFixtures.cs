namespace Arcanum.Cluster.Tests;

/// <summary>One 5-node dev cluster shared by the tests that do not kill anything.</summary>
public sealed class FiveNodeCluster : IAsyncLifetime
{
    public DevClusterProcess Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await DevClusterProcess.StartAsync(nodes: 5);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Cluster.DataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class FiveNodeCollection : ICollectionFixture<FiveNodeCluster>
{
    public const string Name = "five-node cluster";
}
