using Arcanum.Coordinator.Auth;
using Arcanum.Storage;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POST (IETF draft-ietf-httpapi-idempotency-key-header): the key (1–64 visible ASCII
/// characters) is claimed in the store for the caller's token together with the request's digest
/// (<see cref="RequestDigest"/>), under a unique index — so two coordinators sharing PostgreSQL agree. A completed
/// request's response (status, body, Location) is replayed byte for byte with <c>Idempotent-Replayed: true</c>;
/// the same key while the first request runs is 409; the same key with another method, path or body is 422. Keys
/// are kept 24 h. A request that ends in an exception or a 5xx releases its key, so it can be retried.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IGovernanceStore store, ApiOptions options, TimeProvider time)
{
    public const string HeaderName = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 64;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || CallerIdentity.TryGet(context.User) is not { } caller)
        {
            await next(context);
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<NoIdempotencyMetadata>() is not null)
        {
            await ApiProblems.Create(StatusCodes.Status400BadRequest, "idempotency-not-supported", "Idempotency-Key not accepted here",
                "this route's answer holds a secret that is shown once and never stored, so it cannot be replayed; send the request without the header",
                HeaderName).ExecuteAsync(context);
            return;
        }

        if (values.Count != 1 || values[0] is not { Length: >= 1 and <= MaxKeyLength } key || key.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            await ApiProblems.Create(StatusCodes.Status400BadRequest, "invalid-idempotency-key", "Invalid Idempotency-Key",
                $"give one {HeaderName} header of 1 to {MaxKeyLength} visible ASCII characters", HeaderName).ExecuteAsync(context);
            return;
        }

        var requestHash = await RequestDigest.GetAsync(context, options.MaxAnyBodyBytes);
        var now = time.GetUtcNow();
        var claim = await store.ClaimIdempotencyKeyAsync(new IdempotencyClaim(caller.Accessor, key, requestHash, now, now + Retention), context.RequestAborted);
        switch (claim.Status)
        {
            case IdempotencyStatus.InFlight:
                await ApiProblems.Create(StatusCodes.Status409Conflict, "idempotency-key-in-flight", "Request in progress",
                    "a request with this Idempotency-Key is still running; retry when it has finished", HeaderName).ExecuteAsync(context);
                return;
            case IdempotencyStatus.Mismatch:
                await ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request (method, path or body); use a new key", HeaderName).ExecuteAsync(context);
                return;
            case IdempotencyStatus.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
        }

        await RunAndStoreAsync(context, caller.Accessor, key, requestHash);
    }

    private async Task RunAndStoreAsync(HttpContext context, string scope, string key, string requestHash)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await store.ReleaseIdempotencyKeyAsync(scope, key, requestHash, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = captured.ToArray();
        var response = context.Response;
        if (response.StatusCode >= 500)
        {
            await store.ReleaseIdempotencyKeyAsync(scope, key, requestHash, CancellationToken.None);
        }
        else
        {
            var stored = new StoredResponse(response.StatusCode, response.ContentType, body, response.Headers.Location.Count == 1 ? response.Headers.Location[0] : null);
            await store.CompleteIdempotencyKeyAsync(scope, key, requestHash, stored, CancellationToken.None);
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        response.Headers[ReplayedHeader] = "true";
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }
}

/// <summary>Marks a route whose answer must never be stored (it holds a secret shown once): it refuses an Idempotency-Key.</summary>
internal sealed class NoIdempotencyMetadata
{
    public static NoIdempotencyMetadata Instance { get; } = new();
}
