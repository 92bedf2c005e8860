using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arcanum.Client.Contracts;

namespace Arcanum.Coordinator.Tests.Api;

/// <summary>/v1/events (bearer, header or query) and /v1/cluster (public; the node link acceptor takes the socket).</summary>
public sealed class WebSocketRoutesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Events_Authorized_ReceivesPublishedEvent(bool tokenInHeader)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = new ClientWebSocket();
        if (tokenInHeader)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + ApiServer.AdminToken);
        }

        await socket.ConnectAsync(_server.WebSocketUri(tokenInHeader ? "/v1/events" : $"/v1/events?token={ApiServer.AdminToken}"), timeout.Token);
        await WaitForSubscribersAsync(1, timeout.Token);

        _server.Events.Publish(new SessionEvent("session.round", new string('a', 32), "sign", "key-ecdsa", "running", 2, ApiServer.Created));
        var message = await ReceiveTextAsync(socket, timeout.Token);

        var json = JsonDocument.Parse(message).RootElement;
        Assert.Equal(["type", "session", "kind", "keyId", "status", "round", "time"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("session.round", json.GetProperty("type").GetString());
        Assert.Equal(2, json.GetProperty("round").GetInt32());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        await WaitForSubscribersAsync(0, timeout.Token);
    }

    [Fact]
    public async Task Events_ClientSendsMessages_TheyAreIgnoredAndEventsStillFlow()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + ApiServer.AdminToken);
        await socket.ConnectAsync(_server.WebSocketUri("/v1/events"), timeout.Token);
        await WaitForSubscribersAsync(1, timeout.Token);

        await socket.SendAsync(new byte[5000], WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
        await socket.SendAsync("{\"subscribe\":\"everything\"}"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        _server.Events.Publish(new SessionEvent("session.ended", new string('b', 32), "keygen", null, "completed", null, ApiServer.Created));
        var json = JsonDocument.Parse(await ReceiveTextAsync(socket, timeout.Token)).RootElement;

        Assert.Equal("session.ended", json.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("keyId").ValueKind);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Theory]
    [InlineData("/v1/events")]
    [InlineData("/v1/events?token=wrong")]
    public async Task Events_NoOrWrongToken_IsRefusedWith401(string path)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_server.WebSocketUri(path), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal(0, _server.Events.SubscriberCount);
    }

    [Fact]
    public async Task Events_PlainHttp_Returns400()
    {
        using var response = await _server.Client.GetAsync("/v1/events");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "websocket-required");
    }

    [Fact]
    public async Task Cluster_WebSocketWithoutToken_IsHandedToTheLinkAcceptor()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(_server.WebSocketUri("/v1/cluster"), timeout.Token);
        await socket.SendAsync("noise-hello"u8.ToArray(), WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
        var echo = await ReceiveTextAsync(socket, timeout.Token);

        Assert.Equal("noise-hello", echo);
        Assert.Equal(1, _server.LinkAcceptor.Accepted);
    }

    [Fact]
    public async Task Cluster_PlainHttp_Returns400()
    {
        using var anonymous = _server.NewClient(token: null);

        using var response = await anonymous.GetAsync("/v1/cluster");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "websocket-required");
        Assert.Equal(0, _server.LinkAcceptor.Accepted);
    }

    private async Task WaitForSubscribersAsync(int count, CancellationToken cancellationToken)
    {
        while (_server.Events.SubscriberCount != count)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    internal static async Task<string> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
