using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arcanum.TestKit;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// The curl examples of docs/chains.md and docs/policy.md, run as written: every <c>```sh</c> block whose first
/// line is <c># example: NAME</c> runs in bash (after its document's <c>setup</c> block, from the checkout, with the
/// cluster's ARCANUM_ADDR and ARCANUM_TOKEN). A chain example's last line must be a signed transaction or
/// signature — not a problem detail; a policy example's last line must be what the document says it is.
/// </summary>
[Collection(FiveNodeCollection.Name)]
public sealed partial class DocsExampleTests(FiveNodeCluster fixture)
{
    public static TheoryData<string, string> Examples => new()
    {
        { "bitcoin", "signedTransaction" },
        { "taproot", "signedTransaction" },
        { "ethereum", "signature" },
        { "solana", "signedTransaction" },
        { "cosmos", "txRaw" },
        { "tron", "txID" },
    };

    public static TheoryData<string, string> PolicyExamples => new()
    {
        { "daily-limit", "urn:arcanum:problem:policy-denied" },
        { "allowlist", "urn:arcanum:problem:policy-denied" },
        { "approvals", "\"status\":\"completed\",\"result\":{\"signedTransaction\":\"0x02" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ChainsDocExample_SignsEndToEnd(string name, string expectedProperty)
    {
        var lines = await RunExampleAsync("chains.md", name);
        foreach (var line in lines.Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            Assert.False(json.RootElement.TryGetProperty("status", out _), $"the example printed a problem: {line}");
        }

        using var last = JsonDocument.Parse(lines[^1]);
        Assert.True(last.RootElement.TryGetProperty(expectedProperty, out var value) && value.GetString()!.Length > 0, lines[^1]);
    }

    [Theory]
    [MemberData(nameof(PolicyExamples))]
    public async Task PolicyDocExample_DecidesAsDocumented(string name, string expectedInLastLine)
    {
        var lines = await RunExampleAsync("policy.md", name);

        Assert.Contains(expectedInLastLine, lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines[..^1], l => l.Contains("urn:arcanum:problem", StringComparison.Ordinal));
    }

    /// <summary>Runs one example of <paramref name="document"/> after its setup block; its non-empty output lines.</summary>
    private async Task<string[]> RunExampleAsync(string document, string name)
    {
        var blocks = ExampleBlocks(await File.ReadAllTextAsync(Path.Combine(Checkout.Root, "docs", document)));
        Assert.True(blocks.ContainsKey("setup"), $"docs/{document} has no '# example: setup' block");
        Assert.True(blocks.TryGetValue(name, out var example), $"docs/{document} has no '# example: {name}' block");

        var (exitCode, output, errors) = await RunBashAsync("set -euo pipefail\n" + blocks["setup"] + "\n" + example);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        return lines;
    }

    private static Dictionary<string, string> ExampleBlocks(string markdown) =>
        ShellBlock().Matches(markdown).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value, StringComparer.Ordinal);

    private async Task<(int ExitCode, string Output, string Errors)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = Checkout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ARCANUM_ADDR"] = fixture.Cluster.Address.ToString().TrimEnd('/');
        start.Environment["ARCANUM_TOKEN"] = DevClusterProcess.Token;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    [GeneratedRegex(@"```sh\n# example: (?<name>[a-z0-9-]+)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
