using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Arcanum.TestKit.Verifiers;

/// <summary>
/// Runs <c>tests/verifiers/chains.mjs</c>, the Node.js builders and verifiers that check chain transactions
/// with each ecosystem's own libraries (ethers, bitcoinjs-lib with tiny-secp256k1, @noble/curves,
/// cosmjs-types). One node process answers one batch: a JSON array of requests on stdin, a JSON array of
/// answers in the same order on stdout. The request shapes are documented in <c>chains.mjs</c> and
/// <c>docs/testing.md</c>.
/// </summary>
public static class ChainVerifiers
{
    /// <summary>How long one batch may take before the node process is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string> VerifiersDirectory = new(FindVerifiersDirectory);

    /// <summary>
    /// Sends <paramref name="requests"/> (serialized with their runtime types) to one node process and returns its
    /// answers in order. Throws <see cref="InvalidOperationException"/> naming the cause — node missing, npm
    /// dependencies not installed, a non-zero exit (with node's stderr), or an answer count that differs — and
    /// <see cref="TimeoutException"/> after <see cref="Timeout"/>.
    /// </summary>
    public static async Task<JsonElement[]> RunAsync(IEnumerable<object> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var batch = requests.ToArray();
        using var process = Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(batch).AsMemory(), timeout.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node chains.mjs did not answer {batch.Length} requests within {Timeout.TotalSeconds} s.");
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node chains.mjs exited with status {process.ExitCode}: {errors.Trim()}");
        }

        var answers = JsonSerializer.Deserialize<JsonElement[]>(output);
        return answers is not null && answers.Length == batch.Length
            ? answers
            : throw new InvalidOperationException($"node chains.mjs answered {answers?.Length ?? 0} items for {batch.Length} requests: {output}");
    }

    /// <summary>Runs <c>verify</c> requests in one batch and returns their verdicts in order.</summary>
    public static async Task<VerifierVerdict[]> VerifyAllAsync(IEnumerable<object> requests)
    {
        var answers = await RunAsync(requests).ConfigureAwait(false);
        return [.. answers.Select(VerifierVerdict.FromJson)];
    }

    private static Process Start()
    {
        var directory = VerifiersDirectory.Value;
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"{directory}/node_modules is missing: run npm ci in tests/verifiers (test.sh does).");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(directory, "chains.mjs")])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node was not found on PATH; the chain verifiers need Node.js 18 or later (Debian package nodejs).", e);
        }
    }

    /// <summary>tests/verifiers in the checkout.</summary>
    private static string FindVerifiersDirectory() => Path.Combine(Checkout.Root, "tests", "verifiers");
}
