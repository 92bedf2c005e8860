using System.Globalization;
using System.Threading.RateLimiting;
using Arcanum.Coordinator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Auth;

/// <summary>
/// Rate limiting with ASP.NET Core's limiter: one token bucket per API token (by accessor) allowing
/// <see cref="ApiOptions.RequestsPerSecondPerToken"/> on average with bursts of twice that, and one per client
/// address for unauthenticated requests (<see cref="ApiOptions.AnonymousRequestsPerSecond"/>). Routes marked with
/// <see cref="LedgerRateLimitMetadata"/> (/v1/ledger) draw from a second bucket per token
/// (<see cref="ApiOptions.LedgerRateLimitPerSecond"/>), so ledger traffic and key operations never use up each other's budget. A request over
/// the limit is answered 429 with <c>Retry-After</c> (seconds) and a problem detail; it is not queued.
/// </summary>
internal static class TokenRateLimiting
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddTokenRateLimiting(this IServiceCollection services, ApiOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                CallerIdentity.TryGet(context.User) is not { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter("address:" + context.Connection.RemoteIpAddress, _ => Bucket(options.AnonymousRequestsPerSecond))
                    : context.GetEndpoint()?.Metadata.GetMetadata<LedgerRateLimitMetadata>() is not null
                        ? RateLimitPartition.GetTokenBucketLimiter("ledger:" + caller.Accessor, _ => Bucket(options.LedgerRateLimitPerSecond))
                        : RateLimitPartition.GetTokenBucketLimiter("token:" + caller.Accessor, _ => Bucket(options.RequestsPerSecondPerToken)));
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiProblems.Create(
                    StatusCodes.Status429TooManyRequests,
                    "rate-limited",
                    "Too many requests",
                    $"this token (or address) is over its request rate; retry after {retryAfter} s",
                    "Authorization").ExecuteAsync(rejected.HttpContext));
            };
        });

    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = 2 * perSecond,
        TokensPerPeriod = Math.Max(1, perSecond / 10),
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>Marks the /v1/ledger routes: per token, they are limited by a bucket of their own (<see cref="ApiOptions.LedgerRateLimitPerSecond"/>).</summary>
internal sealed class LedgerRateLimitMetadata
{
    public static LedgerRateLimitMetadata Instance { get; } = new();
}
