using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Governance;

/// <summary>How an <see cref="OperationResult"/> is answered over HTTP and stored with a completed request.</summary>
internal static class OperationResults
{
    /// <summary>The body as JSON (source-generated contracts), "null" for none.</summary>
    public static string ToJson(OperationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Body is null ? "null" : JsonSerializer.Serialize(result.Body, ApiJsonContext.Default.GetTypeInfo(result.Body.GetType())!);
    }

    public static IResult ToHttp(OperationResult result) => new OperationHttpResult(result);

    /// <summary>A random id: <paramref name="prefix"/> and <paramref name="bytes"/> random bytes in hex.</summary>
    public static string NewId(RandomNumberGenerator rng, string prefix, int bytes)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var buffer = new byte[bytes];
        rng.GetBytes(buffer);
        return prefix + Convert.ToHexStringLower(buffer);
    }

    private sealed class OperationHttpResult(OperationResult result) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => result.Status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            if (result.Location is not null)
            {
                httpContext.Response.Headers.Location = result.Location;
            }

            if (result.Body is null)
            {
                httpContext.Response.StatusCode = result.Status;
                return Task.CompletedTask;
            }

            return Results.Json(result.Body, ApiJsonContext.Default.GetTypeInfo(result.Body.GetType())!, statusCode: result.Status).ExecuteAsync(httpContext);
        }
    }
}
