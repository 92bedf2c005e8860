using System.Security.Cryptography;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Audit;
using Arcanum.Coordinator.Auth;
using Arcanum.Coordinator.Governance;
using Arcanum.Coordinator.Events;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Sessions;
using Arcanum.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// The coordinator's REST API (docs/api.md). The caller builds the host and registers
/// <c>ICoordinatorStore</c>, <see cref="IKeyOperations"/>, <see cref="IClusterView"/> and
/// <see cref="INodeLinkAcceptor"/>, and — for the /v1/ledger routes — <c>ILedgerService</c> (without it they answer
/// 503 ledger-not-configured); <see cref="AddArcanumApi"/> adds the rest and
/// <see cref="MapArcanumApi"/> builds the pipeline and the routes.
/// </summary>
public static class CoordinatorApi
{
    /// <summary>
    /// The hosting layer logs every request URL at Information; /v1/events may carry the token in
    /// its query (RFC 6750 §2.3), so that category only logs warnings and above.
    /// </summary>
    private const string RequestUrlLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Registers JSON (source-generated <see cref="ApiJsonContext"/> and <see cref="LedgerJsonContext"/>), problem details, the OpenAPI
    /// document "v1", the request body limit, bearer authentication and the
    /// <see cref="SessionEventHub"/> as <see cref="ISessionEvents"/>.
    /// </summary>
    public static IServiceCollection AddArcanumApi(this IServiceCollection services, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AdminToken))
        {
            throw new ArgumentException("ApiOptions.AdminToken is required", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodyBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTransactionBodyBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LedgerRateLimitPerSecond, 1, nameof(options));

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(RandomNumberGenerator.Create());
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        services.AddTokenRateLimiting(options);
        services.AddSingleton(provider => new AuditLog(
            provider.GetRequiredService<IGovernanceStore>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<AuditLog>>(),
            provider.GetRequiredService<ArcanumMetrics>(), options.AuditFile is null ? null : new AuditFileSink(options.AuditFile)));
        services.AddSingleton<AuditFilter>();
        services.AddSingleton<PolicyBook>();
        services.AddSingleton<SpendLedger>();
        services.AddSingleton<KeyOperationPreparer>();
        services.AddSingleton<IOperationPreparer>(provider => provider.GetRequiredService<KeyOperationPreparer>());
        services.AddSingleton<Approvals>();
        services.AddSingleton<GovernedRunner>();
        services.AddSingleton<Governed>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, LedgerJsonContext.Default);
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ApiProblems.Normalize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Kestrel counts a chunked body's framing (chunk sizes and CRLFs) toward its limit, so a body exactly at a route's
        // limit would be refused by Kestrel first. The exact limits are the size gate's (Content-Length) and the routes'
        // own (decoded bytes, RequestBodyBytes); Kestrel's, with room for framing, only bounds what no route reads.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 2L * options.MaxAnyBodyBytes);
        services.AddLogging(logging => logging.AddFilter(RequestUrlLogCategory, LogLevel.Warning));
        services.AddAuthentication(BearerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, configureOptions: null);
        services.AddAuthorization();
        services.AddOpenApi("v1", BearerSecurityDocument.Configure);
        services.AddSingleton<SessionEventHub>();
        services.AddSingleton<ISessionEvents>(provider => provider.GetRequiredService<SessionEventHub>());
        services.AddArcanumMetrics();
        return services;
    }

    /// <summary>
    /// Error handling (every error is an RFC 9457 problem), WebSockets, authentication, and the
    /// routes: public /v1/sys/health, /v1/cluster and /openapi/v1.json; /metrics and everything else
    /// under /v1 need a bearer token whose role the route accepts (docs/api.md), are rate limited per
    /// token, and — when they change anything — are audited before they run. Request metrics are counted
    /// first, so they see every status.
    /// </summary>
    public static WebApplication MapArcanumApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHttpMetrics();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeGate>();
        app.UseWebSockets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi();
        MetricsEndpoints.Map(app).RequireRoles(Roles.Operator, Roles.Auditor).ProducesProblem(StatusCodes.Status401Unauthorized);
        var v1 = app.MapGroup("/v1").WithTags("v1");
        ClusterEndpoints.MapPublic(v1);

        var secured = v1.MapGroup("")
            .RequireAuthorization()
            .AddEndpointFilter<AuditFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        ClusterEndpoints.MapSecured(secured);
        KeyEndpoints.Map(secured);
        AddressEndpoints.Map(secured);
        TransactionEndpoints.Map(secured);
        SessionEndpoints.Map(secured);
        TokenEndpoints.Map(secured);
        PolicyEndpoints.Map(secured);
        RequestEndpoints.Map(secured);
        AuditEndpoints.Map(secured);
        LedgerEndpoints.Map(secured);
        return app;
    }
}
