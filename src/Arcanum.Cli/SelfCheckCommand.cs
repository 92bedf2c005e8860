using System.CommandLine;
using System.Security.Cryptography;
using Arcanum.Crypto.Interop;
using Spectre.Console;

namespace Arcanum.Cli;

/// <summary>
/// <c>arcanum selfcheck</c>: a self-check of the crypto core — load and version-check the native
/// libraries, then sign and verify with each primitive — printed as a table. Exit code 0 when
/// everything held, 1 otherwise. <c>arcanum dev</c> runs the same checks before it starts a cluster.
/// </summary>
internal static class SelfCheckCommand
{
    public static Command Create()
    {
        var command = new Command("selfcheck",
            "Self-check of the crypto core: load libsecp256k1 and libsodium, sign and verify with each primitive, print a table; exits 1 if any check fails.");
        command.SetAction(_ => Run(AnsiConsole.Console));
        return command;
    }

    internal static int Run(IAnsiConsole console)
    {
        IReadOnlyList<(NativeLibrarySpec Library, string FileName, string Version)> libraries;
        try
        {
            libraries = NativeLibraries.Describe();
        }
        catch (NativeLibraryUnavailableException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }

        var native = new Table().Title("Native libraries").AddColumns("library", "file", "version");
        foreach (var (library, fileName, version) in libraries)
        {
            native.AddRow(Markup.Escape(library.LogicalName), Markup.Escape(fileName), Markup.Escape(version));
        }

        console.Write(native);

        using var rng = RandomNumberGenerator.Create();
        var results = SelfCheck.Run(rng);
        var checks = new Table().Title("Crypto core self-check").AddColumns("primitive", "check", "result", "time");
        foreach (var result in results)
        {
            checks.AddRow(
                Markup.Escape(result.Primitive),
                Markup.Escape(result.Check),
                result.Passed ? "[green]ok[/]" : "[red]FAILED[/]",
                $"{result.Elapsed.TotalMilliseconds:0.000} ms");
        }

        console.Write(checks);
        var failed = results.Count(r => !r.Passed);
        console.MarkupLine(failed == 0
            ? $"[green]All {results.Count} checks passed.[/]"
            : $"[red]{failed} of {results.Count} checks failed.[/]");
        return failed == 0 ? 0 : 1;
    }
}
