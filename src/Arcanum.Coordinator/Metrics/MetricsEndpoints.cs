using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text exposition (docs/operations.md, "Metrics"), and the
/// registrations behind it and the other instruments.
/// </summary>
public static class MetricsEndpoints
{
    /// <summary>The scrape path (Prometheus' default metrics_path).</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// Registers <see cref="IMeterFactory"/>-backed <see cref="ArcanumMetrics"/> (it needs an
    /// <see cref="Sessions.IClusterView"/> registered by the host) and the <see cref="PrometheusTextExporter"/>.
    /// </summary>
    public static IServiceCollection AddArcanumMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddSingleton<ArcanumMetrics>();
        services.AddSingleton<PrometheusTextExporter>();
        return services;
    }

    /// <summary>
    /// Counts every request (<see cref="HttpMetricsMiddleware"/>); call it before every other middleware
    /// so that it sees the final status of each response.
    /// </summary>
    public static IApplicationBuilder UseHttpMetrics(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<HttpMetricsMiddleware>();
    }

    /// <summary>
    /// Maps <see cref="Path"/> on <paramref name="routes"/> and starts collecting; the caller decides who
    /// may read it (the returned builder takes <c>RequireAuthorization</c>).
    /// </summary>
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        // Resolved now, not at the first scrape: the listener only sees measurements made after it starts.
        var exporter = routes.ServiceProvider.GetRequiredService<PrometheusTextExporter>();
        return routes.MapGet(Path, () => Results.Text(exporter.Scrape(), PrometheusTextExporter.ContentType))
            .WithName("Metrics")
            .WithSummary("Prometheus text exposition format 0.0.4 of the coordinator's metrics (docs/operations.md)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }
}
