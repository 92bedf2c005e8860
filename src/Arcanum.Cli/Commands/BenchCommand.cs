using System.CommandLine;
using System.Globalization;
using Arcanum.Client.Bench;
using Spectre.Console;

namespace Arcanum.Cli.Commands;

/// <summary>
/// <c>arcanum bench sign --key ID --count N --concurrency C</c>: end-to-end signing load through the
/// REST API (<see cref="SignBenchmark"/>); <c>arcanum bench ledger --count N --accounts A --concurrency C</c>: sustained
/// ledger transactions and finality latency (<see cref="LedgerBenchmark"/>). Exit code 1 when nothing succeeded.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(ClientEnvironment environment)
    {
        var command = new Command("bench", "Measure the cluster end to end through the REST API.");
        command.Subcommands.Add(Sign(environment));
        command.Subcommands.Add(Ledger(environment));
        return command;
    }

    private static Command Ledger(ClientEnvironment environment)
    {
        var count = new Option<int>("--count") { Description = "Transactions to submit.", DefaultValueFactory = _ => 10_000 };
        var accounts = new Option<int>("--accounts") { Description = "Fresh accounts sending them (each in nonce order).", DefaultValueFactory = _ => 256 };
        var concurrency = new Option<int>("--concurrency") { Description = "Submissions in flight at once.", DefaultValueFactory = _ => 64 };
        var rate = new Option<double>("--rate") { Description = "Offered load: submissions per second (0 = as fast as possible).", DefaultValueFactory = _ => 0 };
        var command = new Command("ledger", "Submit N signed ledger transactions (access/register_resource from fresh accounts), C at a time, optionally paced to R per second; print finalized transactions per second and finality latency percentiles.")
        {
            count, accounts, concurrency, rate,
        };
        ClientAction.Attach(command, environment, async (invocation, cancellationToken) =>
        {
            var transactions = invocation.ParseResult.GetValue(count);
            var senders = invocation.ParseResult.GetValue(accounts);
            var inFlight = invocation.ParseResult.GetValue(concurrency);
            var offered = invocation.ParseResult.GetValue(rate);
            if (transactions < 1 || senders < 1 || inFlight < 1)
            {
                throw new UsageException("--count, --accounts and --concurrency must be at least 1.");
            }

            if (offered < 0 || !double.IsFinite(offered))
            {
                throw new UsageException("--rate must be 0 (unpaced) or a positive number of submissions per second.");
            }

            var benchmark = new LedgerBenchmark(invocation.Client);
            var result = invocation.Output.Interactive
                ? await invocation.Output.Console.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask("finalized", maxValue: transactions);
                    return await benchmark.RunAsync(transactions, senders, inFlight, new Progress<int>(done => task.Value = done), cancellationToken, offered).ConfigureAwait(false);
                }).ConfigureAwait(false)
                : await benchmark.RunAsync(transactions, senders, inFlight, null, cancellationToken, offered).ConfigureAwait(false);
            WriteLedger(invocation.Output, result);
            return result.Finalized == 0 ? ClientAction.Failure : ClientAction.Success;
        });
        return command;
    }

    private static void WriteLedger(CommandOutput output, LedgerBenchmarkResult result)
    {
        if (output.Json)
        {
            output.WriteJson(result, LedgerBenchJsonContext.Default.LedgerBenchmarkResult);
            return;
        }

        output.WriteFields(
        [
            ("transactions", string.Create(CultureInfo.InvariantCulture, $"{result.Count} from {result.Accounts} accounts ({result.Concurrency} in flight, {(result.OfferedRate > 0 ? $"{result.OfferedRate:0}/s offered" : "unpaced")})")),
            ("refused", result.Errors.ToString(CultureInfo.InvariantCulture)),
            ("not finalized", result.NotFinalized.ToString(CultureInfo.InvariantCulture)),
            ("blocks", result.Blocks.ToString(CultureInfo.InvariantCulture)),
            ("finality p50", Milliseconds(result.FinalityP50Ms)),
            ("finality p95", Milliseconds(result.FinalityP95Ms)),
            ("finality p99", Milliseconds(result.FinalityP99Ms)),
            ("submitted/s", result.SubmittedPerSecond.ToString("0.0", CultureInfo.InvariantCulture)),
            ("finalized/s", result.FinalizedPerSecond.ToString("0.0", CultureInfo.InvariantCulture)),
            ("elapsed", result.ElapsedSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"),
        ]);
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
