using Arcanum.Crypto.Interop;

namespace Arcanum.Crypto.Tests.Interop;

public sealed class NativeLibrariesTests
{
    [Fact]
    public void Load_MissingLibrary_ThrowsOneSentenceNamingDebianPackage()
    {
        var bogus = new NativeLibrarySpec("bogus", ["libarcanum-bogus.so.7"], "libarcanum-bogus7", []);

        var error = Assert.Throws<NativeLibraryUnavailableException>(() => NativeLibraries.Load(bogus));

        Assert.Same(bogus, error.Library);
        Assert.Contains("apt-get install libarcanum-bogus7", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_LibraryWithoutRequiredExport_ThrowsNamingTheExport()
    {
        var reduced = NativeLibraries.Sodium with { RequiredExports = ["arcanum_no_such_symbol"] };

        var error = Assert.Throws<NativeLibraryUnavailableException>(() => NativeLibraries.Load(reduced));

        Assert.Contains("arcanum_no_such_symbol", error.Message, StringComparison.Ordinal);
        Assert.Contains("libsodium23", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureAvailable_InstalledLibraries_LoadsEveryOne()
    {
        NativeLibraries.EnsureAvailable();

        Assert.All(NativeLibraries.All, library => Assert.NotEqual(0, NativeLibraries.Handle(library)));
    }
}
