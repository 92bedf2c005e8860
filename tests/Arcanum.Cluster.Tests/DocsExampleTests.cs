using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arcanum.TestKit;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// The curl examples of docs/chains.md, run as written: every <c>```sh</c> block whose first line is
/// <c># example: NAME</c> runs in bash (after the <c>setup</c> block, from the checkout, with the cluster's
/// ARCANUM_ADDR and ARCANUM_TOKEN), and its last output line must be a signed transaction or signature — not a
/// problem detail.
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

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ChainsDocExample_SignsEndToEnd(string name, string expectedProperty)
    {
        var blocks = ExampleBlocks(await File.ReadAllTextAsync(Path.Combine(Checkout.Root, "docs", "chains.md")));
        Assert.True(blocks.ContainsKey("setup"), "docs/chains.md has no '# example: setup' block");
        Assert.True(blocks.TryGetValue(name, out var example), $"docs/chains.md has no '# example: {name}' block");

        var (exitCode, output, errors) = await RunBashAsync("set -euo pipefail\n" + blocks["setup"] + "\n" + example);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines.Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            Assert.False(json.RootElement.TryGetProperty("status", out _), $"the example printed a problem: {line}");
        }

        using var last = JsonDocument.Parse(lines[^1]);
        Assert.True(last.RootElement.TryGetProperty(expectedProperty, out var value) && value.GetString()!.Length > 0, lines[^1]);
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
