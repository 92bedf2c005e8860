using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Bench;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum bench sign --key ID --count N --concurrency C</c>: end-to-end signing load through the
/// REST API (<see cref="SignBenchmark"/>). Exit code 1 when not one request succeeded.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("bench", "Measure the cluster end to end through the REST API.");
        command.Subcommands.Add(Sign(environment));
        return command;
    }

    private static Command Sign(ClientEnvironment environment)
    {
        var key = new Option<string>("--key") { Description = "The key to sign with.", Required = true };
        var count = new Option<int>("--count") { Description = "Measured sign requests.", DefaultValueFactory = _ => 1000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 32 };
        var command = new Command("sign", "Send N sign requests, C at a time (after an unmeasured warm-up of min(20, N)); print latency percentiles and throughput.")
        {
            key, count, concurrency,
        };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var requests = invocation.ParseResult.GetValue(count);
            var inFlight = invocation.ParseResult.GetValue(concurrency);
            if (requests < 1 || inFlight < 1)
            {
                throw new UsageException("--count and --concurrency must be at least 1.");
            }

            var benchmark = new SignBenchmark(invocation.Client);
            var keyId = invocation.ParseResult.GetRequiredValue(key);
            var result = invocation.Output.Interactive
                ? await invocation.Output.Console.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask("signing", maxValue: requests);
                    return await benchmark.RunAsync(keyId, requests, inFlight, new Progress<int>(done => task.Value = done), cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false)
                : await benchmark.RunAsync(keyId, requests, inFlight, null, cancellationToken).ConfigureAwait(false);
            Write(invocation.Output, result);
            return result.Errors == result.Count ? ClientAction.Failure : ClientAction.Success;
        });
        return command;
    }

    private static void Write(CommandOutput output, SignBenchmarkResult result)
    {
        if (output.Json)
        {
            output.WriteJson(result, BenchJsonContext.Default.SignBenchmarkResult);
            return;
        }

        output.WriteFields(
        [
            ("scheme", result.Scheme),
            ("requests", string.Create(CultureInfo.InvariantCulture, $"{result.Count} ({result.Concurrency} in flight)")),
            ("errors", result.Errors.ToString(CultureInfo.InvariantCulture)),
            ("latency p50", Milliseconds(result.P50Ms)),
            ("latency p95", Milliseconds(result.P95Ms)),
            ("latency p99", Milliseconds(result.P99Ms)),
            ("signatures/s", result.SignaturesPerSecond.ToString("0.0", CultureInfo.InvariantCulture)),
            ("elapsed", result.ElapsedSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"),
        ]);
    }

    private static string Milliseconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
}
