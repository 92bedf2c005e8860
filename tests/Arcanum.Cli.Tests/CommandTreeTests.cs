using System.Diagnostics;

namespace Arcanum.Cli.Tests;

/// <summary>
/// <c>arcanum selfcheck</c> and the command tree as a user runs them: a real process, its exit code and
/// what it prints. (<c>arcanum dev</c> itself is exercised by Arcanum.Cluster.Tests.)
/// </summary>
public sealed class CommandTreeTests
{
    [Fact]
    public async Task SelfCheck_InstalledNativeLibraries_PrintsEveryCheckAndExitsZero()
    {
        var (exitCode, output) = await RunArcanumAsync("selfcheck");

        Assert.True(exitCode == 0, output);
        Assert.Contains("libsodium", output, StringComparison.Ordinal);
        Assert.Contains("secp256k1", output, StringComparison.Ordinal);
        Assert.Contains("Noise IK", output, StringComparison.Ordinal);
        Assert.Matches(@"All \d+ checks passed\.", output);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsDevCommand()
    {
        var (exitCode, output) = await RunArcanumAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("dev", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_BadNodeCount_ExitsTwoBeforeStartingAnything()
    {
        var (exitCode, output) = await RunArcanumAsync("dev", "--nodes", "1", "--data", Path.Combine(Path.GetTempPath(), "arcanum-never-" + Guid.NewGuid().ToString("n")));

        Assert.Equal(2, exitCode);
        Assert.Contains("--nodes must be 2–16", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsNonZero()
    {
        var (exitCode, _) = await RunArcanumAsync("no-such-command");

        Assert.NotEqual(0, exitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunArcanumAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "arcanum.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
