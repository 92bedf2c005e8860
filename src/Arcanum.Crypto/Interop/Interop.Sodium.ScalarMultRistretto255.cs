using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_scalarmult_ristretto255.h.</summary>
    internal static partial class Sodium
    {
        /// <summary>
        /// <c>crypto_scalarmult_ristretto255</c>: q = [n]p, constant-time in n. Returns false (−1) when p
        /// does not decode or when the result is the identity (n ≡ 0 mod ℓ, or p the identity). Bit 255
        /// of n is ignored.
        /// </summary>
        internal static bool Ristretto255ScalarMult(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p)
        {
            NativeCall.RequireLength(q, Ristretto255PointBytes);
            NativeCall.RequireLength(n, Ed25519ScalarBytes);
            NativeCall.RequireLength(p, Ristretto255PointBytes);
            EnsureInitialized();
            return crypto_scalarmult_ristretto255(q, n, p) == 0;
        }

        /// <summary>
        /// <c>crypto_scalarmult_ristretto255_base</c>: q = [n]B, constant-time in n. Returns false (−1)
        /// when the result is the identity.
        /// </summary>
        internal static bool Ristretto255ScalarMultBase(Span<byte> q, ReadOnlySpan<byte> n)
        {
            NativeCall.RequireLength(q, Ristretto255PointBytes);
            NativeCall.RequireLength(n, Ed25519ScalarBytes);
            EnsureInitialized();
            return crypto_scalarmult_ristretto255_base(q, n) == 0;
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_scalarmult_ristretto255(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_scalarmult_ristretto255_base(Span<byte> q, ReadOnlySpan<byte> n);
    }
}
