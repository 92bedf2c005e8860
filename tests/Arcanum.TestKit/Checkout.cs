namespace Arcanum.TestKit;

/// <summary>The checkout the tests run from: the folder holding <c>Arcanum.slnx</c>, found by walking up from the test binaries.</summary>
public static class Checkout
{
    /// <summary>The checkout above the test binaries; throws when there is none.</summary>
    public static string Root => Find(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException($"No directory above {AppContext.BaseDirectory} contains Arcanum.slnx.");

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> holding <c>Arcanum.slnx</c>, or null.</summary>
    public static string? Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Arcanum.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
