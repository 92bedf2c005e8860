namespace Arcanum.Crypto.Interop;

/// <summary>
/// What Arcanum needs from one native library: the file names to try (in order), the Debian
/// package that provides it, and the exports whose presence proves the build is recent enough
/// and has the modules we call.
/// </summary>
/// <param name="LogicalName">The name used in <c>[LibraryImport]</c> (see <see cref="Libraries"/>).</param>
/// <param name="FileNames">File names tried in order with the system loader.</param>
/// <param name="DebianPackage">The Debian 12 package that installs a suitable build.</param>
/// <param name="RequiredExports">Symbols that must be exported; a missing one means an old or reduced build.</param>
public sealed record NativeLibrarySpec(
    string LogicalName,
    IReadOnlyList<string> FileNames,
    string DebianPackage,
    IReadOnlyList<string> RequiredExports);
