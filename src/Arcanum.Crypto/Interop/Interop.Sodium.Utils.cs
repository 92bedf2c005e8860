using System.Runtime.InteropServices;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/utils.h: guarded allocations for long-lived secrets.</summary>
    internal static partial class Sodium
    {
        /// <summary>
        /// <c>sodium_malloc</c>: <paramref name="length"/> bytes placed right before a guard page and
        /// locked against swapping where the system allows. Returns NULL when out of memory.
        /// </summary>
        internal static SodiumSecretHandle Malloc(int length)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
            EnsureInitialized();
            var handle = sodium_malloc((nuint)length);
            if (handle.IsInvalid)
            {
                handle.Dispose();
                throw new OutOfMemoryException($"sodium_malloc could not allocate {length} bytes of guarded memory.");
            }

            return handle;
        }

        /// <summary><c>sodium_free</c>: zeroes the region, then unlocks and releases it. Only for <see cref="SodiumSecretHandle"/>.</summary>
        internal static void Free(nint pointer)
        {
            EnsureInitialized();
            sodium_free(pointer);
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial SodiumSecretHandle sodium_malloc(nuint size);

        [LibraryImport(Libraries.Sodium)]
        private static partial void sodium_free(nint ptr);
    }
}
