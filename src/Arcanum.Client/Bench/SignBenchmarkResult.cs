using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Client.Bench;

/// <summary>
/// The outcome of <see cref="SignBenchmark"/>: <see cref="Count"/> measured requests of which
/// <see cref="Errors"/> failed; latency percentiles (nearest rank, milliseconds) over the successful
/// requests (0 when none succeeded); successful signatures per second of wall-clock time.
/// </summary>
public sealed record SignBenchmarkResult(
    string Scheme,
    int Count,
    int Concurrency,
    int Errors,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double SignaturesPerSecond,
    double ElapsedSeconds);

/// <summary>Source-generated JSON for <see cref="SignBenchmarkResult"/> (camelCase, as the API writes).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignBenchmarkResult))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
