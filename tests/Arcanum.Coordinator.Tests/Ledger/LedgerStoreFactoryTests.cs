using Arcanum.Coordinator.Ledger;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>The sequencer's store on a real SQLite file: migrated on open, and the chain it is bound to survives a reopen.</summary>
public sealed class LedgerStoreFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("arcanum-ledger-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task OpenAsync_Sqlite_IsMigratedRelativeToTheConfigAndKeepsItsBinding()
    {
        var settings = new LedgerSettings { Sqlite = "ledger.db" };
        string Resolve(string path) => Path.GetFullPath(path, _directory);

        await using (var store = await LedgerStoreFactory.OpenAsync(settings, Resolve, CancellationToken.None))
        {
            Assert.Null(await store.GetHeadAsync());
            Assert.True(await store.TrySetMetaAsync(LedgerSequencer.ChainIdMeta, "arcanum-dev"));
        }

        Assert.True(File.Exists(Path.Combine(_directory, "ledger.db")));
        await using var reopened = await LedgerStoreFactory.OpenAsync(settings, Resolve, CancellationToken.None);
        Assert.Equal("arcanum-dev", await reopened.GetMetaAsync(LedgerSequencer.ChainIdMeta));
        Assert.False(await reopened.TrySetMetaAsync(LedgerSequencer.ChainIdMeta, "other-chain"));
    }
}
