using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// One 3-node dev cluster whose genesis document (written here, given with <c>--genesis</c>) funds two accounts the
/// fixture creates; shared by the ledger tests that break nothing. Ready once block 1 is finalized.
/// </summary>
public sealed class LedgerClusterFixture : IAsyncLifetime
{
    /// <summary>What each funded account holds at genesis.</summary>
    public const ulong GenesisBalance = 1_000_000;

    private string _genesisDirectory = null!;

    public DevClusterProcess Cluster { get; private set; } = null!;

    internal LedgerAccount Alice { get; } = new("alice");

    internal LedgerAccount Bob { get; } = new("bob");

    /// <summary>The status once ready (chain id, committee key).</summary>
    public LedgerStatusInfo Status { get; private set; } = null!;

    /// <summary>The committee key and chain id, as reported once ready.</summary>
    public LedgerTrustAnchor Trust => LedgerDriver.TrustAnchor(Status);

    public async Task InitializeAsync()
    {
        _genesisDirectory = Path.Combine(Path.GetTempPath(), "arcanum-genesis-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(_genesisDirectory);
        var genesis = Path.Combine(_genesisDirectory, "genesis.json");
        await File.WriteAllTextAsync(genesis,
            $$"""{"chainId":"arcanum-dev","allocations":[{"account":"{{Alice.Id.ToBech32()}}","balance":{{GenesisBalance}}},{"account":"{{Bob.Id.ToBech32()}}","balance":{{GenesisBalance}}}]}""");
        Cluster = await DevClusterProcess.StartAsync(nodes: 3, extraArguments: ["--genesis", genesis]);
        Status = await LedgerDriver.WaitForReadyAsync(Cluster.Client);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Cluster.DataDirectory, recursive: true);
        Directory.Delete(_genesisDirectory, recursive: true);
        Alice.Dispose();
        Bob.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerClusterCollection : ICollectionFixture<LedgerClusterFixture>
{
    public const string Name = "ledger cluster";
}
