using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Arcanum.Coordinator.Tests.Governance;
using Arcanum.Coordinator.Tests.TestDoubles;
using Arcanum.Ledger.Modules.Accounts;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>WebSocket /v1/ledger/events: a finalized block reaches a subscriber; plain HTTP, a missing token and no ledger are problems.</summary>
public sealed class LedgerEventsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private LedgerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LedgerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Events_AuditorSubscribes_ReceivesTheFinalizedBlock(bool tokenInHeader)
    {
        var (_, _, secret) = await Tokens.CreateAsync(_host.Server, "ledger-watcher", "auditor");
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = new ClientWebSocket();
        if (tokenInHeader)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + secret);
        }

        await socket.ConnectAsync(_host.Server.WebSocketUri(tokenInHeader ? "/v1/ledger/events" : $"/v1/ledger/events?token={secret}"), timeout.Token);
        await WaitForSubscribersAsync(1, timeout.Token);
        await _host.SubmitAsync(_host.Ledger.Sign("alice", "accounts", "transfer", new TransferArgs(_host.Ledger.Id("bob"), 3).Encode()));
        await _host.SubmitAsync(_host.Ledger.Sign("bob", "accounts", "transfer", new TransferArgs(_host.Ledger.Id("carol"), 3).Encode()));
        var block = _host.Ledger.FinalizeBlock();

        var json = JsonDocument.Parse(await WebSocketRoutesTests.ReceiveTextAsync(socket, timeout.Token)).RootElement;

        Assert.Equal(["type", "height", "hash", "transactions", "time"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(LedgerServiceDouble.BlockEventType, json.GetProperty("type").GetString());
        Assert.Equal(1, json.GetProperty("height").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(block.Header.Hash()), json.GetProperty("hash").GetString());
        Assert.Equal(2, json.GetProperty("transactions").GetInt32());
        Assert.Equal((long)block.Header.TimeUnixMilliseconds, json.GetProperty("time").GetInt64());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        await WaitForSubscribersAsync(0, timeout.Token);
    }

    [Fact]
    public async Task Events_PlainHttp_400WebSocketRequired()
    {
        using var response = await _host.Client.GetAsync("/v1/ledger/events");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "websocket-required");
        Assert.Equal(0, _host.Ledger.SubscriberCount);
    }

    [Fact]
    public async Task Events_NoToken_RefusedBeforeTheUpgrade()
    {
        using var socket = new ClientWebSocket();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_host.Server.WebSocketUri("/v1/ledger/events"), CancellationToken.None));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _host.Ledger.SubscriberCount);
    }

    private async Task WaitForSubscribersAsync(int count, CancellationToken cancellationToken)
    {
        while (_host.Ledger.SubscriberCount != count)
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
