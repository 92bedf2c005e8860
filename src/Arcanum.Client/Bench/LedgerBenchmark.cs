using System.Collections.Concurrent;
using System.Diagnostics;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Client.Bench;

/// <summary>
/// Sustained ledger load through the REST API (<c>arcanum bench ledger</c>, docs/benchmarks.md): fresh accounts each
/// register resources (access/register_resource, one new resource per transaction, nonces in order), signed before
/// the clock starts; <c>concurrency</c> workers submit them (each worker owns some accounts and submits each account's
/// transactions in nonce order). A watcher polls the finalized head every <see cref="PollInterval"/> and reads each new
/// block's transaction hashes. Finality latency = from the start of a transaction's POST to the moment the watcher saw
/// it in a finalized block (so it includes up to one poll interval); throughput = finalized transactions per second from
/// the first POST to the last finalization. With a <c>rate</c>, submissions are paced to that many per second (an
/// offered load), so latency is measured below saturation; without one they go as fast as the workers can.
/// </summary>
public sealed class LedgerBenchmark(ArcanumClient client)
{
    /// <summary>How often the watcher asks for the finalized head.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the watcher waits for the last transactions after the last POST.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="count"/> transactions from <paramref name="accounts"/> accounts, <paramref name="concurrency"/> in flight.</summary>
    public async Task<LedgerBenchmarkResult> RunAsync(int count, int accounts, int concurrency, IProgress<int>? progress, CancellationToken cancellationToken,
        double rate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var status = await client.GetLedgerStatusAsync(cancellationToken).ConfigureAwait(false);
        var queues = SignWorkload(status.ChainId, count, Math.Min(accounts, count));
        var submitted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var finalized = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var errors = 0;
        var slots = 0L;
        var startHeight = status.Height;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var watcher = WatchAsync(startHeight, finalized, clock, progress, stop.Token);
        var workers = Enumerable.Range(0, Math.Min(concurrency, queues.Count)).Select(worker => Task.Run(async () =>
        {
            // Worker w owns accounts w, w + C, w + 2C, …; it interleaves them, each in nonce order.
            var owned = queues.Where((_, index) => index % concurrency == worker).ToList();
            for (var round = 0; owned.Any(q => round < q.Count); round++)
            {
                foreach (var queue in owned.Where(q => round < q.Count))
                {
                    var (transaction, hash) = queue[round];
                    if (rate > 0)
                    {
                        // Pacing: the k-th submission overall is due k / rate seconds after the start.
                        var due = TimeSpan.FromSeconds((Interlocked.Increment(ref slots) - 1) / rate) - clock.Elapsed;
                        if (due > TimeSpan.Zero)
                        {
                            await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    submitted[hash] = clock.ElapsedTicks;
                    try
                    {
                        await client.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ArcanumApiException)
                    {
                        Interlocked.Increment(ref errors);
                        submitted.TryRemove(hash, out _);
                    }
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var submitSeconds = clock.Elapsed.TotalSeconds;

        var settleDeadline = clock.Elapsed + SettleTimeout;
        while (submitted.Keys.Any(h => !finalized.ContainsKey(h)) && clock.Elapsed < settleDeadline)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        var blocks = await watcher.ConfigureAwait(false);

        var latencies = submitted
            .Where(s => finalized.ContainsKey(s.Key))
            .Select(s => (finalized[s.Key] - s.Value) * 1000.0 / Stopwatch.Frequency)
            .Order()
            .ToList();
        var lastFinalized = submitted.Keys.Where(finalized.ContainsKey).Select(h => finalized[h]).DefaultIfEmpty(0).Max();
        var elapsed = lastFinalized * 1.0 / Stopwatch.Frequency;
        return new LedgerBenchmarkResult(
            count,
            rate,
            queues.Count,
            concurrency,
            errors,
            submitted.Count - latencies.Count,
            blocks,
            latencies.Count,
            LatencyPercentiles.NearestRank(latencies, 50),
            LatencyPercentiles.NearestRank(latencies, 95),
            LatencyPercentiles.NearestRank(latencies, 99),
            submitSeconds > 0 ? (count - errors) / submitSeconds : 0,
            elapsed > 0 ? latencies.Count / elapsed : 0,
            elapsed);
    }

    /// <summary>Every account's transactions, signed in nonce order: one queue per account.</summary>
    private static List<List<(Transaction Transaction, string Hash)>> SignWorkload(string chainId, int count, int accounts)
    {
        using var rng = System.Security.Cryptography.RandomNumberGenerator.Create();
        var queues = new List<List<(Transaction, string)>>();
        for (var a = 0; a < accounts; a++)
        {
            using var key = Ed25519PrivateKey.Generate(rng);
            var id = AccountId.FromPublicKey(key.PublicKey).ToHex()[..16];
            var queue = new List<(Transaction, string)>();
            for (var nonce = 0; nonce < count / accounts + (a < count % accounts ? 1 : 0); nonce++)
            {
                var args = new RegisterResourceArgs(ResourceId.Create($"bench-{id}-{nonce}"), PrivacyLevel.Protected).Encode();
                var transaction = Transaction.Sign(chainId, key, (ulong)nonce, "access", "register_resource", args);
                queue.Add((transaction, Convert.ToHexStringLower(transaction.Hash())));
            }

            queues.Add(queue);
        }

        return queues;
    }

    /// <summary>Polls the finalized head and records when each transaction was first seen in a block; returns the blocks seen.</summary>
    private async Task<int> WatchAsync(long fromHeight, ConcurrentDictionary<string, long> finalized, Stopwatch clock, IProgress<int>? progress, CancellationToken stop)
    {
        var height = fromHeight;
        var blocks = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var latest = await client.GetLatestBlockAsync(stop).ConfigureAwait(false);
                for (var next = height + 1; next <= latest.Height; next++)
                {
                    var block = next == latest.Height ? latest : await client.GetBlockAsync((ulong)next, stop).ConfigureAwait(false);
                    var seen = clock.ElapsedTicks;
                    foreach (var hash in block.Transactions)
                    {
                        finalized.TryAdd(hash, seen);
                    }

                    blocks++;
                }

                height = latest.Height;
                progress?.Report(finalized.Count);
                await Task.Delay(PollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        return blocks;
    }
}
