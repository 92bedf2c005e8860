using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Audit;

/// <summary>
/// Audits every mutating request (POST, PUT, DELETE) of the routes it is attached to: an entry
/// <c>{action: the route name, target: its route values, requestHash, decision: authorized, outcome: started}</c>
/// is written before the endpoint runs — if it cannot be, the request fails with 503 and the endpoint never runs —
/// and a second entry with the HTTP status once the endpoint returned (that one cannot undo what was done, so a
/// failure to write it is logged and counted, not answered).
/// </summary>
internal sealed class AuditFilter(AuditLog log, ApiOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return await next(context);
        }

        var caller = CallerIdentity.Of(http.User);
        var action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.ToString();
        var target = string.Join(' ', http.Request.RouteValues.Select(value => $"{value.Key}={value.Value}"));
        var requestHash = await RequestDigest.GetAsync(http, options.MaxAnyBodyBytes);
        await log.AppendAsync(new AuditEvent(caller, action, target, requestHash, "authorized", "started"), http.RequestAborted);

        int status;
        object? result;
        try
        {
            result = await next(context);
            status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        }
        catch (ApiProblemException problem)
        {
            await RecordOutcomeAsync(caller, action, target, requestHash, problem.Status);
            throw;
        }

        await RecordOutcomeAsync(caller, action, target, requestHash, status);
        return result;
    }

    private async Task RecordOutcomeAsync(CallerIdentity caller, string action, string target, string requestHash, int status)
    {
        try
        {
            await log.AppendAsync(new AuditEvent(caller, action, target, requestHash, "authorized", $"status {status}"), CancellationToken.None);
        }
        catch (ApiProblemException)
        {
            // AuditLog has logged and counted the failure; the operation already happened and its answer stands.
        }
    }
}
