using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// Counts every request and its duration by method, route template and final status. It runs first in
/// the pipeline and records when the response has been sent (<see cref="HttpResponse.OnCompleted(Func{Task})"/>),
/// so the status is the one the client saw, including 401/403 from authentication, 413 from the
/// size gate and problems written by the exception handler. The route is the matched endpoint's
/// template (from routing, or from <see cref="IExceptionHandlerFeature.Endpoint"/> after the
/// exception handler cleared it); unmatched requests count under <see cref="UnmatchedRoute"/>, and
/// unusual methods under "OTHER", so a client cannot create series at will.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, ArcanumMetrics metrics)
{
    /// <summary>The route label of a request that matched no endpoint.</summary>
    public const string UnmatchedRoute = "unmatched";

    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options,
    };

    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnCompleted(() =>
        {
            metrics.HttpRequestCompleted(MethodLabel(context.Request.Method), RouteLabel(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string MethodLabel(string method) => KnownMethods.TryGetValue(method, out var known) ? known : "OTHER";

    private static string RouteLabel(HttpContext context)
    {
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return endpoint is RouteEndpoint { RoutePattern.RawText: { Length: > 0 } template }
            ? template.StartsWith('/') ? template : "/" + template
            : UnmatchedRoute;
    }
}
