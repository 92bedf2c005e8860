using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

/// <summary>
/// Locates and checks the native libraries once per process. Every <c>[LibraryImport]</c> in this
/// assembly is resolved here, so a missing or outdated library surfaces as one
/// <see cref="NativeLibraryUnavailableException"/> naming the Debian package, never as a
/// <see cref="DllNotFoundException"/> stack.
/// </summary>
public static class NativeLibraries
{
    /// <summary>libsecp256k1 0.2 or later with the recovery, ECDH, extrakeys and schnorrsig modules.</summary>
    public static readonly NativeLibrarySpec Secp256k1 = new(
        Libraries.Secp256k1,
        ["libsecp256k1.so.1", "libsecp256k1.so.2", "libsecp256k1.so", "libsecp256k1.dylib"],
        "libsecp256k1-1",
        [
            "secp256k1_context_create", "secp256k1_context_randomize", "secp256k1_ecdsa_sign",
            "secp256k1_ecdsa_recover", "secp256k1_ecdh", "secp256k1_keypair_xonly_tweak_add",
            "secp256k1_schnorrsig_sign_custom", "secp256k1_schnorrsig_verify", "secp256k1_ec_pubkey_combine",
        ]);

    /// <summary>libsodium 1.0.18 or later (ristretto255 and the no-clamp scalar multiplications).</summary>
    public static readonly NativeLibrarySpec Sodium = new(
        Libraries.Sodium,
        ["libsodium.so.23", "libsodium.so.26", "libsodium.so", "libsodium.dylib"],
        "libsodium23",
        [
            "sodium_init", "crypto_sign_ed25519_detached", "crypto_scalarmult_ed25519_noclamp",
            "crypto_core_ristretto255_add", "crypto_scalarmult_ristretto255", "crypto_pwhash",
            "crypto_generichash_blake2b",
        ]);

    private static readonly ConcurrentDictionary<string, Lazy<nint>> Loaded = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> LoadedFileNames = new(StringComparer.Ordinal);

    /// <summary>The specifications of every library this assembly imports.</summary>
    public static IReadOnlyList<NativeLibrarySpec> All { get; } = [Secp256k1, Sodium];

    /// <summary>
    /// Loads every library and checks its exports; throws <see cref="NativeLibraryUnavailableException"/>
    /// for the first that is missing. Call once at start-up for an early, clear failure.
    /// </summary>
    public static void EnsureAvailable()
    {
        foreach (var library in All)
        {
            _ = Handle(library);
        }
    }

    /// <summary>The handle of a loaded and checked library (loaded on first use, then cached).</summary>
    public static nint Handle(NativeLibrarySpec library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return Loaded.GetOrAdd(library.LogicalName, _ => new Lazy<nint>(() => Load(library))).Value;
    }

    /// <summary>
    /// What was loaded for each library, for start-up banners and self-checks: the file name the
    /// loader found and the version the library reports (libsecp256k1 reports none, so its entry
    /// names the modules its exports prove).
    /// </summary>
    public static IReadOnlyList<(NativeLibrarySpec Library, string FileName, string Version)> Describe()
    {
        EnsureAvailable();
        return
        [
            (Secp256k1, LoadedFileNames[Secp256k1.LogicalName], "0.2 or later: recovery, ecdh, extrakeys, schnorrsig"),
            (Sodium, LoadedFileNames[Sodium.LogicalName], Interop.Sodium.VersionString()),
        ];
    }

    /// <summary>
    /// Loads a library by trying each of its file names, then checks its required exports.
    /// Not cached: <see cref="Handle"/> is the cached entry point.
    /// </summary>
    public static nint Load(NativeLibrarySpec library)
    {
        ArgumentNullException.ThrowIfNull(library);
        nint handle = 0;
        foreach (var fileName in library.FileNames)
        {
            if (NativeLibrary.TryLoad(fileName, out handle))
            {
                LoadedFileNames[library.LogicalName] = fileName;
                break;
            }
        }

        if (handle == 0)
        {
            throw new NativeLibraryUnavailableException(library,
                $"The native library {library.LogicalName} was not found: install the Debian package " +
                $"{library.DebianPackage} (sudo apt-get install {library.DebianPackage}).");
        }

        var missing = library.RequiredExports.Where(name => !NativeLibrary.TryGetExport(handle, name, out _)).ToList();
        if (missing.Count > 0)
        {
            NativeLibrary.Free(handle);
            throw new NativeLibraryUnavailableException(library,
                $"The installed {library.LogicalName} library is too old or lacks a module (missing {string.Join(", ", missing)}): " +
                $"install the Debian package {library.DebianPackage} (sudo apt-get install {library.DebianPackage}).");
        }

        return handle;
    }

    /// <summary>
    /// Routes this assembly's <c>[LibraryImport]</c>s through <see cref="Handle"/>. A module
    /// initializer is the one place that is guaranteed to run before any stub in any nested
    /// <c>Interop</c> class, which is what a library-wide resolver needs.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Registers this assembly's own native-library resolver; it touches no other assembly.")]
    internal static void RegisterResolver() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var library = All.FirstOrDefault(l => l.LogicalName == libraryName);
        return library is null ? 0 : Handle(library);
    }
}
