namespace Arcanum.TestKit;

/// <summary>
/// Locates the official test-vector files. They are read where they are published for the project
/// — the <c>shared/vectors</c> folder beside the checkout — and never copied into the repository.
/// <c>ARCANUM_VECTORS</c> overrides the location. A missing folder or file fails the test that
/// asked for it, with a message that says where the vectors were expected.
/// </summary>
public static class VectorFiles
{
    public const string EnvironmentVariable = "ARCANUM_VECTORS";

    /// <summary>The vectors folder: <c>$ARCANUM_VECTORS</c>, else <c>../shared/vectors</c> beside the checkout.</summary>
    public static string Root => Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    /// <summary>The full path of one vector file, e.g. <c>Path("bip340", "test-vectors.csv")</c>; throws if it is missing.</summary>
    public static string Path(params string[] relative)
    {
        var path = System.IO.Path.Combine([Root, .. relative]);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Test-vector file '{System.IO.Path.Combine(relative)}' is missing: expected at {path} " +
                $"(the shared/vectors folder beside the checkout, or set {EnvironmentVariable}).", path);
        }

        return path;
    }

    public static string ReadAllText(params string[] relative) => File.ReadAllText(Path(relative));

    /// <summary>
    /// Resolves the folder from an override or by walking up from <paramref name="startDirectory"/>
    /// to the checkout (the folder holding <c>Arcanum.slnx</c>) and taking <c>../shared/vectors</c>.
    /// </summary>
    public static string Locate(string? overridePath, string startDirectory)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            return Directory.Exists(overridePath)
                ? overridePath
                : throw new DirectoryNotFoundException(
                    $"{EnvironmentVariable} is set to '{overridePath}', which is not a folder of test vectors.");
        }

        if (Checkout.Find(startDirectory) is { } checkout)
        {
            var vectors = System.IO.Path.GetFullPath(System.IO.Path.Combine(checkout, "..", "shared", "vectors"));
            return Directory.Exists(vectors)
                ? vectors
                : throw new DirectoryNotFoundException(
                    $"Test vectors are expected at {vectors} (the shared/vectors folder beside the checkout); " +
                    $"put them there or set {EnvironmentVariable}.");
        }

        throw new DirectoryNotFoundException(
            $"Could not find the checkout (Arcanum.slnx) above {startDirectory}, so not the test vectors beside it either; set {EnvironmentVariable}.");
    }
}
