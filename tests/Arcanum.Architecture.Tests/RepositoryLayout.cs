namespace Arcanum.Architecture.Tests;

/// <summary>Finds the checkout root (the folder holding <c>Arcanum.slnx</c>) from the test binaries.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string SourceProjectPath(string name) => Path.Combine(Root, "src", name, name + ".csproj");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arcanum.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Arcanum.slnx above {AppContext.BaseDirectory}.");
    }
}
