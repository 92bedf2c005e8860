using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/core.h and sodium/version.h.</summary>
    internal static partial class Sodium
    {
        private static readonly Lazy<bool> Initialized = new(InitializeOnce, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>
        /// Calls <c>sodium_init</c> exactly once per process (it returns 0 the first time and 1 when
        /// already initialised, −1 on failure). Every libsodium wrapper calls this before its stub.
        /// </summary>
        internal static void EnsureInitialized() => _ = Initialized.Value;

        /// <summary>The library's version string, e.g. "1.0.18".</summary>
        internal static string VersionString()
        {
            EnsureInitialized();
            return Marshal.PtrToStringUTF8(sodium_version_string()) ?? string.Empty;
        }

        private static bool InitializeOnce()
        {
            if (sodium_init() < 0)
            {
                throw new InvalidOperationException("libsodium failed to initialise (sodium_init returned -1).");
            }

            return true;
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int sodium_init();

        [LibraryImport(Libraries.Sodium)]
        private static partial nint sodium_version_string();
    }
}
