using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Arcanum.Coordinator.Metrics;

/// <summary>
/// The coordinator's traces: one <see cref="ActivitySource"/> (<see cref="SourceName"/>) whose
/// <c>session {kind}</c> spans are children of the API request's span (ASP.NET Core's
/// <c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c> activity), with a <c>round {n}</c> event each
/// time the furthest party of the session moves to a new round. Exported over OTLP
/// (OpenTelemetry protocol) only when <see cref="EndpointVariable"/> is set.
/// </summary>
public static class ArcanumTracing
{
    /// <summary>The activity source's name (the same as the meter's).</summary>
    public const string SourceName = ArcanumMetrics.MeterName;

    /// <summary>ASP.NET Core's activity source: its request spans are the parents of session spans.</summary>
    public const string AspNetCoreSourceName = "Microsoft.AspNetCore";

    /// <summary>
    /// The OTLP collector's URL (OpenTelemetry specification, "OTLP Exporter Configuration"); the
    /// exporter also reads OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS and the other
    /// standard variables, and OTEL_SERVICE_NAME (default <see cref="DefaultServiceName"/>).
    /// </summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service.name resource attribute unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string DefaultServiceName = "arcanum-coordinator";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// A tracer provider exporting this source's and ASP.NET Core's spans over OTLP when
    /// <paramref name="environment"/> has a non-empty <see cref="EndpointVariable"/>; otherwise null
    /// (no listener, so no span is even created). The caller disposes it, which flushes pending spans.
    /// </summary>
    public static TracerProvider? CreateOtlpExporter(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(environment(EndpointVariable)))
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(environment("OTEL_SERVICE_NAME")))
        {
            resource.AddService(DefaultServiceName);
        }

        return Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(SourceName, AspNetCoreSourceName)
            .AddOtlpExporter()
            .Build();
    }
}
