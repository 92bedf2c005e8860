using Arcanum.Client.Contracts;
using Arcanum.TestKit;

namespace Arcanum.Cluster.Tests;

/// <summary>Stopping the whole cluster (Ctrl+C) leaves no process behind, and a restart over the same data keeps every key.</summary>
public sealed class RestartTests
{
    [Fact]
    public Task Restart_Sqlite_KeysAndSharesSurvive_NoOrphans() => RestartKeepsKeysAsync(postgres: null);

    [Fact]
    public async Task Restart_Postgres_KeysAndSharesSurvive_NoOrphans()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await RestartKeepsKeysAsync(database.ConnectionString);
    }

    private static async Task RestartKeepsKeysAsync(string? postgres)
    {
        var directory = Path.Combine(Path.GetTempPath(), "arcanum-restart-" + Guid.NewGuid().ToString("n"));
        try
        {
            List<KeyInfo> keys = [];
            int[] nodePids;
            await using (var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory, postgres))
            {
                foreach (var scheme in KeySchemes.All)
                {
                    keys.Add(await cluster.Client.CreateKeyAsync(new CreateKeyRequest("survivor-" + scheme, scheme, 2, 3)));
                }

                nodePids = [.. Enumerable.Range(1, 3).Select(cluster.NodePid)];
                Assert.All(nodePids, pid => Assert.True(DevClusterProcess.IsAlive(pid)));

                Assert.Equal(0, await cluster.StopAsync());
                Assert.Contains("Stopping the nodes", cluster.Output, StringComparison.Ordinal);
            }

            Assert.All(nodePids, pid => Assert.False(DevClusterProcess.IsAlive(pid), $"node process {pid} outlived arcanum dev"));

            await using (var cluster = await DevClusterProcess.StartAsync(nodes: 3, directory, postgres))
            {
                foreach (var key in keys)
                {
                    KeyAssert.Same(key, await cluster.Client.GetKeyAsync(key.Id));
                    await FailoverTests.SignAndVerifyAsync(cluster.Client, key);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
