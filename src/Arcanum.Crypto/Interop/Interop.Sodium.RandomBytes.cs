using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/randombytes.h.</summary>
    internal static partial class Sodium
    {
        /// <summary><c>randombytes_buf</c>: fills the buffer from the operating system's CSPRNG (getrandom on Linux).</summary>
        internal static void RandomBytes(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return;
            }

            EnsureInitialized();
            randombytes_buf(buffer, (nuint)buffer.Length);
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial void randombytes_buf(Span<byte> buf, nuint size);
    }
}
