using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests;

/// <summary>A checkout without the vectors beside it fails loudly, saying where they were expected.</summary>
public sealed class VectorFilesTests : IDisposable
{
    private readonly DirectoryInfo _checkout = Directory.CreateTempSubdirectory("arcanum-checkout-");

    [Fact]
    public void Locate_CheckoutWithoutSharedVectors_ThrowsNamingExpectedFolder()
    {
        var checkout = _checkout.CreateSubdirectory("main");
        File.WriteAllText(Path.Combine(checkout.FullName, "Arcanum.slnx"), "<Solution />");
        var deep = checkout.CreateSubdirectory("tests").CreateSubdirectory("bin");

        var error = Assert.Throws<DirectoryNotFoundException>(() => VectorFiles.Locate(null, deep.FullName));

        Assert.Contains(Path.Combine(_checkout.FullName, "shared", "vectors"), error.Message, StringComparison.Ordinal);
        Assert.Contains(VectorFiles.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_OverrideThatIsNoFolder_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => VectorFiles.Locate(Path.Combine(_checkout.FullName, "absent"), _checkout.FullName));

    [Fact]
    public void Path_MissingFile_ThrowsNamingTheFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => VectorFiles.Path("wycheproof", "no_such_test.json"));

        Assert.Contains("no_such_test.json", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _checkout.Delete(recursive: true);
}
