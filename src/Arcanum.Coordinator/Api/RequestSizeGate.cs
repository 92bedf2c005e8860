using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// Refuses a request whose Content-Length exceeds every route's limit (<see cref="ApiOptions.MaxAnyBodyBytes"/>)
/// with 413 before routing, whatever the route. Otherwise a route that answers without reading the
/// body (401, 404, 405) would leave Kestrel to drain it past its limit and drop a connection it had
/// just answered as keep-alive. Chunked bodies are bounded while read (<see cref="RequestBodyBytes"/>,
/// and Kestrel's own limit).
/// </summary>
internal sealed class RequestSizeGate(RequestDelegate next, ApiOptions options)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > options.MaxAnyBodyBytes
            ? ApiProblems.BodyTooLarge(options.MaxAnyBodyBytes).ExecuteAsync(context)
            : next(context);
}
