using System.Diagnostics;
using System.Security.Cryptography;
using Arcanum.Client.Contracts;

namespace Arcanum.Client.Bench;

/// <summary>
/// End-to-end signing load through the REST API: learns the key's scheme (GET /v1/keys/{id}), sends
/// a warm-up of min(20, count) requests that are not measured, then <c>count</c> sign requests with
/// <c>concurrency</c> in flight at once, each over a fresh random 32-byte payload (a digest for
/// digest-signing schemes, a message otherwise). A request that fails with an API error, a transport
/// error or a malformed answer is counted in <see cref="SignBenchmarkResult.Errors"/> and the run goes on.
/// </summary>
public sealed class SignBenchmark(ArcanumClient client)
{
    /// <summary>Requests sent before measuring (connection pool, JIT, coordinator caches).</summary>
    public const int MaxWarmUpRequests = 20;

    private const int PayloadBytes = 32;

    /// <summary>
    /// Runs the benchmark; <paramref name="progress"/> receives the number of measured requests
    /// finished so far. Cancelling <paramref name="cancellationToken"/> stops it with
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<SignBenchmarkResult> RunAsync(string keyId, int count, int concurrency, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);

        var key = await client.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        var signsDigest = KeySchemes.SignsDigest(key.Scheme);

        var warmUp = new double[Math.Min(MaxWarmUpRequests, count)];
        await RunRequestsAsync(keyId, signsDigest, warmUp, concurrency, null, cancellationToken).ConfigureAwait(false);

        var latencies = new double[count];
        var started = Stopwatch.GetTimestamp();
        var errors = await RunRequestsAsync(keyId, signsDigest, latencies, concurrency, progress, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var succeeded = latencies.Where(latency => !double.IsNaN(latency)).Order().ToArray();
        return new SignBenchmarkResult(
            key.Scheme,
            count,
            concurrency,
            errors,
            LatencyPercentiles.NearestRank(succeeded, 50),
            LatencyPercentiles.NearestRank(succeeded, 95),
            LatencyPercentiles.NearestRank(succeeded, 99),
            elapsed.TotalSeconds > 0 ? succeeded.Length / elapsed.TotalSeconds : 0,
            elapsed.TotalSeconds);
    }

    /// <summary>Fills <paramref name="latencies"/> (ms; NaN for a failed request) using <paramref name="concurrency"/> workers; returns the error count.</summary>
    private async Task<int> RunRequestsAsync(string keyId, bool signsDigest, double[] latencies, int concurrency, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var next = -1;
        var finished = 0;
        var errors = 0;

        async Task WorkAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < latencies.Length)
            {
                var ok = await SignOnceAsync(keyId, signsDigest, cancellationToken).ConfigureAwait(false);
                latencies[index] = ok ?? double.NaN;
                if (ok is null)
                {
                    Interlocked.Increment(ref errors);
                }

                progress?.Report(Interlocked.Increment(ref finished));
            }
        }

        var workers = Enumerable.Range(0, Math.Min(concurrency, latencies.Length)).Select(_ => Task.Run(WorkAsync, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return errors;
    }

    /// <summary>One sign request; its latency in milliseconds, or null when it failed.</summary>
    private async Task<double?> SignOnceAsync(string keyId, bool signsDigest, CancellationToken cancellationToken)
    {
        var payload = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PayloadBytes));
        var request = signsDigest ? new SignRequest(Digest: payload) : new SignRequest(Message: payload);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await client.SignAsync(keyId, request, cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        catch (Exception e) when (IsRequestFailure(e, cancellationToken))
        {
            return null;
        }
    }

    private static bool IsRequestFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        ArcanumApiException or HttpRequestException or InvalidDataException => true,
        // HttpClient's own time-out surfaces as a cancellation the caller did not ask for.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
