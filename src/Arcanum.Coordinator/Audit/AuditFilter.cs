using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arcanum.Coordinator.Audit;

/// <summary>
/// Audits every mutating request (POST, PUT, DELETE) of the routes it is attached to: an entry
/// <c>{action: the route name, target: its route values, requestHash, decision: authorized, outcome: started}</c>
/// is written before the endpoint runs — if it cannot be, the request fails with 503 and the endpoint never runs.
/// Governed routes (<see cref="GovernedRouteMetadata"/>) skip that entry: the policy decision entry their
/// operation writes before anything runs takes its place (one write less per signature). Then a second entry
/// with the HTTP status once the endpoint returned. Routes whose writes are their own tamper-evident record
/// (<see cref="SelfRecordedRouteMetadata"/>: ledger transactions, which the committee-signed chain records) are not
/// audited at all, queued without delaying the answer (it cannot undo what was
/// done, so a failure to write it is logged and counted, not answered).
/// </summary>
internal sealed class AuditFilter(AuditLog log, ApiOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<SelfRecordedRouteMetadata>() is not null)
        {
            return await next(context);
        }

        var caller = CallerIdentity.Of(http.User);
        var action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.ToString();
        var target = string.Join(' ', http.Request.RouteValues.Select(value => $"{value.Key}={value.Value}"));
        var requestHash = await RequestDigest.GetAsync(http, options.MaxAnyBodyBytes);
        if (http.GetEndpoint()?.Metadata.GetMetadata<GovernedRouteMetadata>() is null)
        {
            await log.AppendAsync(new AuditEvent(caller, action, target, requestHash, "authorized", "started"), http.RequestAborted);
        }

        int status;
        object? result;
        try
        {
            result = await next(context);
            status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        }
        catch (ApiProblemException problem)
        {
            RecordOutcome(caller, action, target, requestHash, problem.Status);
            throw;
        }

        RecordOutcome(caller, action, target, requestHash, status);
        return result;
    }

    /// <summary>
    /// Queues the outcome entry without holding the answer back for it: the operation already happened, so its
    /// answer stands either way; a failure to write it has been logged and counted by <see cref="AuditLog"/>.
    /// </summary>
    private void RecordOutcome(CallerIdentity caller, string action, string target, string requestHash, int status) =>
        _ = log.AppendAsync(new AuditEvent(caller, action, target, requestHash, "authorized", $"status {status}"), CancellationToken.None)
            .ContinueWith(write => _ = write.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}

/// <summary>Marks a route whose operation is governed by policy: its decision entry is the audit entry written before it runs.</summary>
internal sealed class GovernedRouteMetadata
{
    public static GovernedRouteMetadata Instance { get; } = new();
}

/// <summary>
/// Marks a route whose writes are recorded by a tamper-evident record of their own (the committee-signed ledger, issue 8):
/// the audit log does not duplicate them.
/// </summary>
internal sealed class SelfRecordedRouteMetadata
{
    public static SelfRecordedRouteMetadata Instance { get; } = new();
}
