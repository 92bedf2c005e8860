using System.Net;
using System.Text.Json;
using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Sessions;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Storage;
using Arcanum.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Tests.Metrics;

/// <summary>/v1/sys/health over a real SQLite store that goes away: 503 with the reason.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_StoreUnreachable_Is503WithTheReason()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arcanum-health-" + Guid.NewGuid().ToString("N"));
        await using var store = await SqliteCoordinatorStore.OpenAsync(Path.Combine(directory, "data", "coordinator.db"));
        await store.MigrateAsync();
        for (var id = 1; id <= 3; id++)
        {
            await store.UpsertNodeAsync(new NodeRecord(id, $"node-{id}", new byte[32], new byte[32], null, null));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddArcanumApi(new ApiOptions { AdminToken = "health-test-token-0123456789" });
        builder.Services.AddSingleton<ICoordinatorStore>(store);
        builder.Services.AddSingleton<IGovernanceStore>(store);
        builder.Services.AddSingleton<IKeyOperations, RecordingKeyOperations>();
        builder.Services.AddSingleton<IClusterView, FakeClusterView>();
        builder.Services.AddSingleton<INodeLinkAcceptor, EchoNodeLinkAcceptor>();
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapArcanumApi();
        await app.StartAsync();
        ((FakeClusterView)app.Services.GetRequiredService<IClusterView>()).SetConnected(1, 2, 3);
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

        using (var ready = await client.GetAsync("/v1/sys/health"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("""{"status":"ok","nodes":{"connected":3,"total":3},"reason":null}""", await ready.Content.ReadAsStringAsync());
        }

        await store.DisposeAsync(); // closes the pooled connections, so the volume can go
        Directory.Delete(directory, recursive: true);

        using var response = await client.GetAsync("/v1/sys/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.Equal("store unreachable", body.GetProperty("reason").GetString());
        Assert.Equal(3, body.GetProperty("nodes").GetProperty("connected").GetInt32());
        await app.StopAsync();
    }
}
