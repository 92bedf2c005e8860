using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_scalarmult_ed25519.h, the variants without clamping (the scalar is used as given).</summary>
    internal static partial class Sodium
    {
        /// <summary>
        /// <c>crypto_scalarmult_ed25519_noclamp</c>: q = [n]p, constant-time in n. Returns false (−1) when
        /// p fails the same checks as <see cref="Ed25519IsValidPoint"/>, when the result is the identity,
        /// or when n is all zero. Bit 255 of n is ignored.
        /// </summary>
        internal static bool Ed25519ScalarMultNoClamp(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p)
        {
            NativeCall.RequireLength(q, Ed25519PointBytes);
            NativeCall.RequireLength(n, Ed25519ScalarBytes);
            NativeCall.RequireLength(p, Ed25519PointBytes);
            EnsureInitialized();
            return crypto_scalarmult_ed25519_noclamp(q, n, p) == 0;
        }

        /// <summary>
        /// <c>crypto_scalarmult_ed25519_base_noclamp</c>: q = [n]B, constant-time in n. Returns false (−1)
        /// when the result is the identity or n is all zero.
        /// </summary>
        internal static bool Ed25519ScalarMultBaseNoClamp(Span<byte> q, ReadOnlySpan<byte> n)
        {
            NativeCall.RequireLength(q, Ed25519PointBytes);
            NativeCall.RequireLength(n, Ed25519ScalarBytes);
            EnsureInitialized();
            return crypto_scalarmult_ed25519_base_noclamp(q, n) == 0;
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_scalarmult_ed25519_noclamp(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_scalarmult_ed25519_base_noclamp(Span<byte> q, ReadOnlySpan<byte> n);
    }
}
