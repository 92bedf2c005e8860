using System.Text.RegularExpressions;

namespace Arcanum.Architecture.Tests;

/// <summary>
/// ARCHITECTURE §2: references only flow downward, and the protocol, chain and policy code is free of web
/// frameworks, database drivers, clocks and ambient randomness.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    /// <summary>The projects that must stay pure: no ASP.NET Core, no database driver, no clock.</summary>
    public static TheoryData<string> PureProjects => ["Arcanum.Crypto", "Arcanum.Mpc", "Arcanum.Chains", "Arcanum.Ledger"];

    /// <summary>
    /// Source folders whose code reads no clock and no ambient randomness: the pure projects, and the policy
    /// engine inside the coordinator (issue 7: "pure, no I/O"; time is a parameter).
    /// </summary>
    public static TheoryData<string> PureSourceFolders => ["src/Arcanum.Crypto", "src/Arcanum.Mpc", "src/Arcanum.Chains", "src/Arcanum.Ledger", PolicyFolder];

    private const string PolicyFolder = "src/Arcanum.Coordinator/Policy";

    /// <summary>Every source project and the only projects it may reference directly.</summary>
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Arcanum.Crypto", [] },
        { "Arcanum.Mpc", ["Arcanum.Crypto"] },
        { "Arcanum.Chains", ["Arcanum.Crypto"] },
        { "Arcanum.Ledger", ["Arcanum.Crypto"] },
        { "Arcanum.Storage", ["Arcanum.Ledger"] },
        { "Arcanum.Transport", ["Arcanum.Crypto", "Arcanum.Mpc"] },
        { "Arcanum.Node", ["Arcanum.Crypto", "Arcanum.Mpc", "Arcanum.Ledger", "Arcanum.Storage", "Arcanum.Transport"] },
        { "Arcanum.Coordinator", ["Arcanum.Crypto", "Arcanum.Mpc", "Arcanum.Chains", "Arcanum.Ledger", "Arcanum.Storage", "Arcanum.Transport", "Arcanum.Client"] },
        { "Arcanum.Client", ["Arcanum.Crypto", "Arcanum.Ledger"] },
        { "Arcanum.Cli", ["Arcanum.Crypto", "Arcanum.Mpc", "Arcanum.Chains", "Arcanum.Ledger", "Arcanum.Storage", "Arcanum.Transport", "Arcanum.Node", "Arcanum.Coordinator", "Arcanum.Client"] },
    };

    [Theory]
    [MemberData(nameof(PureProjects))]
    public void PureProject_TransitiveReferences_HaveNoWebFrameworkOrDatabaseDriver(string project)
    {
        var offending = ProjectFile.Closure(project)
            .SelectMany(p => p.FrameworkReferences.Concat(p.PackageReferences).Select(r => $"{p.Name} → {r}"))
            .Where(r => ForbiddenInPureCode().IsMatch(r))
            .ToList();

        Assert.True(offending.Count == 0, $"{project} must not depend on: {string.Join(", ", offending)}");
    }

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Project_DirectReferences_OnlyPointDownward(string project, string[] allowed)
    {
        var references = ProjectFile.Load(RepositoryLayout.SourceProjectPath(project)).ProjectReferences;

        var upward = references.Except(allowed, StringComparer.Ordinal).ToList();

        Assert.True(upward.Count == 0, $"{project} references {string.Join(", ", upward)}, which is not below it.");
    }

    [Fact]
    public void AllowedReferences_CoverEverySourceProject()
    {
        var onDisk = Directory.GetDirectories(Path.Combine(RepositoryLayout.Root, "src")).Select(d => Path.GetFileName(d)!).Order().ToList();
        var listed = AllowedReferences.Select(row => (string)row[0]).Order().ToList();

        Assert.Equal(listed, onDisk);
    }

    [Theory]
    [MemberData(nameof(PureSourceFolders))]
    public void PureFolder_Sources_ReadNoClockAndNoAmbientRandomness(string folder)
    {
        var offending = OffendingLines(folder,
            line => Clock().IsMatch(line) || (AmbientRandomness().IsMatch(line) && !line.Contains("// ambient-rng-ok:", StringComparison.Ordinal)));

        Assert.True(offending.Count == 0, "Clock or ambient randomness in pure code:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void PolicyFolder_Sources_UseNoWebFrameworkStorageFilesOrNetwork()
    {
        var offending = OffendingLines(PolicyFolder, ImpureInPolicy().IsMatch);

        Assert.True(offending.Count == 0, "The policy engine must stay pure (no ASP.NET Core, storage, files or network):\n" + string.Join("\n", offending));
    }

    /// <summary>"file:line: text" for every line of a folder's C# sources (build output excluded) that <paramref name="offends"/>.</summary>
    private static List<string> OffendingLines(string relativeFolder, Func<string, bool> offends)
    {
        var folder = Path.Combine(RepositoryLayout.Root, relativeFolder);
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => offends(l.line))
            .Select(l => $"{Path.GetRelativePath(folder, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();
    }

    [Fact]
    public void SourceScan_CodeWithClockRead_IsDetected()
    {
        Assert.Matches(Clock(), "var now = DateTime.UtcNow;");
        Assert.Matches(AmbientRandomness(), "RandomNumberGenerator.Fill(buffer);");
        Assert.Matches(ForbiddenInPureCode(), "Arcanum.Mpc → Microsoft.AspNetCore.App");
        Assert.Matches(ForbiddenInPureCode(), "Arcanum.Chains → Npgsql");
        Assert.Matches(ImpureInPolicy(), "using Microsoft.AspNetCore.Http;");
        Assert.Matches(ImpureInPolicy(), "using Arcanum.Storage;");
        Assert.Matches(ImpureInPolicy(), "using System.IO;");
        Assert.Matches(ImpureInPolicy(), "var client = new System.Net.Http.HttpClient();");
        Assert.Matches(ImpureInPolicy(), "var text = File.ReadAllText(path);");
        Assert.DoesNotMatch(ImpureInPolicy(), "using System.Numerics;");
        Assert.DoesNotMatch(ImpureInPolicy(), "using System.Text.Json;");
    }

    [GeneratedRegex(@"Microsoft\.AspNetCore|Npgsql|Microsoft\.Data\.Sqlite|SQLitePCLRaw|Dapper|EntityFrameworkCore|System\.Data\.SqlClient|Microsoft\.Data\.SqlClient")]
    private static partial Regex ForbiddenInPureCode();

    // The policy engine decides from its arguments alone: no web framework, no store, no files, no network. The
    // SDK's implicit global usings include System.IO, so direct uses of its file types are caught by name too.
    [GeneratedRegex(@"\b(Microsoft\.AspNetCore|Arcanum\.Storage|System\.IO|System\.Net)\b|\b(File|Directory)\.\w+\(|\bnew (FileStream|StreamReader|StreamWriter|HttpClient|TcpClient|Socket)\b")]
    private static partial Regex ImpureInPolicy();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|\bStopwatch\b|\bTimeProvider\.System\b|\bEnvironment\.TickCount")]
    private static partial Regex Clock();

    // Randomness is injected as a RandomNumberGenerator parameter; a line that must draw from the
    // operating system itself (for example, side-channel blinding of a native context) says why with
    // an "// ambient-rng-ok:" comment.
    [GeneratedRegex(@"RandomNumberGenerator\.(Fill|GetBytes|GetInt32|Create|GetItems|GetHexString|GetString)\b|\bnew Random\(|\bRandom\.Shared\b")]
    private static partial Regex AmbientRandomness();
}
