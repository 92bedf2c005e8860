using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Ledger;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Ledger.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>
/// The API server with a <see cref="LedgerServiceDouble"/> registered as its <see cref="ILedgerService"/> (accounts
/// alice, bob and carol hold 10,000 each at genesis), and helpers to submit transactions through the route.
/// </summary>
internal sealed class LedgerTestHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The options the ledger routes write with (the contracts' own: camelCase, nulls left out).</summary>
    public static JsonSerializerOptions Contract => LedgerJsonContext.Default.Options;

    private LedgerTestHost(ApiServer server, LedgerServiceDouble ledger)
    {
        Server = server;
        Ledger = ledger;
    }

    public ApiServer Server { get; }

    public LedgerServiceDouble Ledger { get; }

    public HttpClient Client => Server.Client;

    public static async Task<LedgerTestHost> StartAsync(bool ready = true, Func<Arcanum.Coordinator.Api.ApiOptions, Arcanum.Coordinator.Api.ApiOptions>? configure = null)
    {
        var ledger = new LedgerServiceDouble(ready, ("alice", 10_000), ("bob", 10_000), ("carol", 10_000));
        var server = await ApiServer.StartAsync(configure: configure, services: services => services.AddSingleton<ILedgerService>(ledger));
        return new LedgerTestHost(server, ledger);
    }

    public static ByteArrayContent Json(byte[] utf8)
    {
        var content = new ByteArrayContent(utf8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    public static ByteArrayContent Json(string json) => Json(Encoding.UTF8.GetBytes(json));

    /// <summary>Submits through POST /v1/ledger/transactions and asserts 202.</summary>
    public async Task<LedgerSubmitResponse> SubmitAsync(Transaction transaction, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsync("/v1/ledger/transactions", Json(TransactionJson.Write(transaction)));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LedgerSubmitResponse>(Web))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Ledger.Dispose();
    }
}
