using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arcanum.Client.Bench;

/// <summary>
/// The outcome of <see cref="LedgerBenchmark"/>: <see cref="Count"/> transactions from <see cref="Accounts"/>
/// accounts (paced to <see cref="OfferedRate"/> per second; 0 = unpaced), <see cref="Errors"/> refused at submission, <see cref="NotFinalized"/> accepted but not seen in a block in
/// time; finality percentiles (nearest rank, milliseconds) over the <see cref="Finalized"/> ones; the submission rate
/// and the finalized rate (transactions per second from the first POST to the last finalization).
/// </summary>
public sealed record LedgerBenchmarkResult(
    int Count,
    double OfferedRate,
    int Accounts,
    int Concurrency,
    int Errors,
    int NotFinalized,
    int Blocks,
    int Finalized,
    double FinalityP50Ms,
    double FinalityP95Ms,
    double FinalityP99Ms,
    double SubmittedPerSecond,
    double FinalizedPerSecond,
    double ElapsedSeconds);

/// <summary>Source-generated JSON for <see cref="LedgerBenchmarkResult"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LedgerBenchmarkResult))]
public sealed partial class LedgerBenchJsonContext : JsonSerializerContext;
