using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// Turns exceptions that escape an endpoint into problems: <see cref="ApiProblemException"/> (from
/// session orchestration) into its own problem, <see cref="BadHttpRequestException"/> (Kestrel:
/// body over the limit, malformed chunking, slow body) into its status, and anything else into a
/// 500 problem that reveals nothing about the failure (the exception is logged instead).
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // The client went away; there is no one to answer.
        }

        if (httpContext.Response.HasStarted)
        {
            LogAfterResponseStarted(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            return true;
        }

        var problem = exception switch
        {
            ApiProblemException known => ApiProblems.From(known),
            BadHttpRequestException badRequest => ApiProblems.FromStatus(badRequest.StatusCode, "body"),
            _ => null,
        };
        if (problem is null)
        {
            LogUnexpected(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            problem = ApiProblems.Create(StatusCodes.Status500InternalServerError, "internal", "Internal error",
                $"the coordinator failed to process the request (trace {httpContext.TraceIdentifier})");
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Unexpected failure on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Failure on {Method} {Path} after the response started")]
    private static partial void LogAfterResponseStarted(ILogger logger, string method, PathString path, Exception exception);
}
