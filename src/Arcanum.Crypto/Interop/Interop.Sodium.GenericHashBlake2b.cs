using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_generichash_blake2b.h: BLAKE2b (RFC 7693), optionally keyed.</summary>
    internal static partial class Sodium
    {
        internal const int Blake2bBytesMin = 16;
        internal const int Blake2bBytesMax = 64;
        internal const int Blake2bKeyBytesMin = 16;
        internal const int Blake2bKeyBytesMax = 64;

        /// <summary>
        /// <c>crypto_generichash_blake2b</c>: BLAKE2b with digest length <c>output.Length</c> and the
        /// given key (empty for unkeyed). Returns −1 only for an output length outside 1..64 or a key
        /// longer than 64 bytes, which callers rule out, so −1 is reported as a fault.
        /// </summary>
        internal static void Blake2b(Span<byte> output, ReadOnlySpan<byte> message, ReadOnlySpan<byte> key)
        {
            EnsureInitialized();
            var result = crypto_generichash_blake2b(output, (nuint)output.Length, message, (ulong)message.Length, key, (nuint)key.Length);
            NativeCall.ThrowIfFailed(result, nameof(crypto_generichash_blake2b));
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_generichash_blake2b(Span<byte> @out, nuint outlen, ReadOnlySpan<byte> @in, ulong inlen,
            ReadOnlySpan<byte> key, nuint keylen);
    }
}
