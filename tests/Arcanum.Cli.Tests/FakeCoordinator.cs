using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arcanum.Cli.Tests;

/// <summary>A request the double received: what the client sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, string? ContentType, string Query = "");

/// <summary>
/// A test double of the coordinator's REST API on a real Kestrel socket (127.0.0.1, ephemeral port):
/// serves canned JSON per "METHOD /path", records every request, answers 401 problem details to a
/// wrong bearer token, fails every <see cref="FailSignEvery"/>-th sign request with a 503 problem,
/// and streams <see cref="Events"/> on the /v1/events WebSocket.
/// </summary>
public sealed class FakeCoordinator : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string ContentType, string Body)> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<string, (int Status, string Body)>> _handlers = new(StringComparer.Ordinal);
    private int _signCount;

    private FakeCoordinator(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>JSON text messages sent on /v1/events to each connection before it is closed.</summary>
    public IReadOnlyList<string> Events { get; set; } = [];

    /// <summary>When &gt; 0, every n-th POST to a sign route answers 503 problem details.</summary>
    public int FailSignEvery { get; set; }

    public Uri Address { get; private set; } = null!;

    public static async Task<FakeCoordinator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var coordinator = new FakeCoordinator(app);
        app.UseWebSockets();
        app.Run(coordinator.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        coordinator.Address = new Uri(address);
        return coordinator;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (escaped, as on the wire) with <paramref name="body"/>.</summary>
    public void Serve(string method, string path, int status, string body, string contentType = "application/json") =>
        _routes[$"{method} {path}"] = (status, contentType, body);

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with what <paramref name="respond"/> makes of the request body.</summary>
    public void Serve(string method, string path, Func<string, (int Status, string Body)> respond) => _handlers[$"{method} {path}"] = respond;

    public int SignRequestCount => Requests.Count(request => request.Method == "POST" && request.Path.EndsWith("/sign", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.ToUriComponent();
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(new RecordedRequest(context.Request.Method, path, body, authorization.Length == 0 ? null : authorization, context.Request.ContentType,
            context.Request.QueryString.ToUriComponent()));

        if (authorization != "Bearer " + Token)
        {
            await WriteAsync(context, 401, "application/problem+json",
                """{"type":"urn:arcanum:problem:unauthorized","title":"Unauthorized","status":401,"detail":"Missing or wrong bearer token."}""");
            return;
        }

        if (path == "/v1/events" && context.WebSockets.IsWebSocketRequest)
        {
            await StreamEventsAsync(context);
            return;
        }

        if (context.Request.Method == "POST" && path.EndsWith("/sign", StringComparison.Ordinal) && FailSignEvery > 0
            && Interlocked.Increment(ref _signCount) % FailSignEvery == 0)
        {
            await WriteAsync(context, 503, "application/problem+json",
                """{"type":"urn:arcanum:problem:session-aborted","title":"Session aborted","status":503,"detail":"Node 2 sent an invalid share."}""");
            return;
        }

        if (_handlers.TryGetValue($"{context.Request.Method} {path}", out var handler))
        {
            var (status, answer) = handler(body);
            await WriteAsync(context, status, "application/json", answer);
            return;
        }

        if (_routes.TryGetValue($"{context.Request.Method} {path}", out var route))
        {
            await WriteAsync(context, route.Status, route.ContentType, route.Body);
            return;
        }

        await WriteAsync(context, 404, "application/problem+json",
            """{"type":"urn:arcanum:problem:not-found","title":"Not found","status":404,"detail":"No such route in the test double."}""");
    }

    private async Task StreamEventsAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        foreach (var message in Events)
        {
            await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, context.RequestAborted);
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        if (body.Length > 0)
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }
}
