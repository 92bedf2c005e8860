using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>
    /// sodium/crypto_core_ed25519.h: edwards25519 point encodings and arithmetic modulo
    /// ℓ = 2^252 + 27742317777372353535851937790883648493. The scalar functions are constant-time
    /// (fixed-width additions and ref10's sc25519 reduction, multiplication and inversion chain).
    /// </summary>
    internal static partial class Sodium
    {
        internal const int Ed25519PointBytes = 32;
        internal const int Ed25519ScalarBytes = 32;
        internal const int Ed25519NonReducedScalarBytes = 64;

        /// <summary>
        /// <c>crypto_core_ed25519_is_valid_point</c> (1 valid, 0 not). In 1.0.18 it checks, in order:
        /// y &lt; p (the sign bit is not part of the test), the encoding is not one of the small-order
        /// blocklist (the eight small-order points, and the non-canonical encodings of y = 0 and y = 1,
        /// with either sign bit, so x = 0 with the sign bit set is refused), x can be recovered (on the
        /// curve), and x([ℓ]P) = 0. That last test is the weak point: it also holds for P + T₂ with T₂ the
        /// point of order 2, which upstream fixed later (CVE-2025-69277); callers must not rely on it alone.
        /// </summary>
        internal static bool Ed25519IsValidPoint(ReadOnlySpan<byte> point)
        {
            NativeCall.RequireLength(point, Ed25519PointBytes);
            EnsureInitialized();
            return crypto_core_ed25519_is_valid_point(point) == 1;
        }

        /// <summary>
        /// <c>crypto_core_ed25519_add</c>: r = p + q. Returns −1 only when an input does not decode to a
        /// point on the curve, which for the group elements we pass is a fault. The identity comes out as
        /// its canonical encoding 01 00…00.
        /// </summary>
        internal static void Ed25519Add(Span<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
        {
            RequirePointTriple(result, p, q);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_core_ed25519_add(result, p, q), nameof(crypto_core_ed25519_add));
        }

        /// <summary><c>crypto_core_ed25519_sub</c>: r = p − q, with the same return codes as <see cref="Ed25519Add"/>.</summary>
        internal static void Ed25519Subtract(Span<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
        {
            RequirePointTriple(result, p, q);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_core_ed25519_sub(result, p, q), nameof(crypto_core_ed25519_sub));
        }

        /// <summary><c>crypto_core_ed25519_scalar_add</c>: z = x + y mod ℓ (inputs must be reduced).</summary>
        internal static void Ed25519ScalarAdd(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
        {
            RequireScalarTriple(z, x, y);
            EnsureInitialized();
            crypto_core_ed25519_scalar_add(z, x, y);
        }

        /// <summary><c>crypto_core_ed25519_scalar_sub</c>: z = x − y mod ℓ.</summary>
        internal static void Ed25519ScalarSubtract(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
        {
            RequireScalarTriple(z, x, y);
            EnsureInitialized();
            crypto_core_ed25519_scalar_sub(z, x, y);
        }

        /// <summary><c>crypto_core_ed25519_scalar_mul</c>: z = x·y mod ℓ.</summary>
        internal static void Ed25519ScalarMultiply(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
        {
            RequireScalarTriple(z, x, y);
            EnsureInitialized();
            crypto_core_ed25519_scalar_mul(z, x, y);
        }

        /// <summary><c>crypto_core_ed25519_scalar_negate</c>: neg = −s mod ℓ.</summary>
        internal static void Ed25519ScalarNegate(Span<byte> negated, ReadOnlySpan<byte> s)
        {
            NativeCall.RequireLength(negated, Ed25519ScalarBytes);
            NativeCall.RequireLength(s, Ed25519ScalarBytes);
            EnsureInitialized();
            crypto_core_ed25519_scalar_negate(negated, s);
        }

        /// <summary>
        /// <c>crypto_core_ed25519_scalar_invert</c>: recip = s^(ℓ−2) mod ℓ by a fixed addition chain.
        /// Returns false when s is zero (the function returns −1 and writes 0).
        /// </summary>
        internal static bool Ed25519ScalarInvert(Span<byte> reciprocal, ReadOnlySpan<byte> s)
        {
            NativeCall.RequireLength(reciprocal, Ed25519ScalarBytes);
            NativeCall.RequireLength(s, Ed25519ScalarBytes);
            EnsureInitialized();
            return crypto_core_ed25519_scalar_invert(reciprocal, s) == 0;
        }

        /// <summary><c>crypto_core_ed25519_scalar_reduce</c>: r = s mod ℓ for a 64-byte little-endian s.</summary>
        internal static void Ed25519ScalarReduce(Span<byte> reduced, ReadOnlySpan<byte> wide)
        {
            NativeCall.RequireLength(reduced, Ed25519ScalarBytes);
            NativeCall.RequireLength(wide, Ed25519NonReducedScalarBytes);
            EnsureInitialized();
            crypto_core_ed25519_scalar_reduce(reduced, wide);
        }

        private static void RequirePointTriple(ReadOnlySpan<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
        {
            NativeCall.RequireLength(result, Ed25519PointBytes);
            NativeCall.RequireLength(p, Ed25519PointBytes);
            NativeCall.RequireLength(q, Ed25519PointBytes);
        }

        private static void RequireScalarTriple(ReadOnlySpan<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
        {
            NativeCall.RequireLength(z, Ed25519ScalarBytes);
            NativeCall.RequireLength(x, Ed25519ScalarBytes);
            NativeCall.RequireLength(y, Ed25519ScalarBytes);
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ed25519_is_valid_point(ReadOnlySpan<byte> p);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ed25519_add(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ed25519_sub(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

        [LibraryImport(Libraries.Sodium)]
        private static partial void crypto_core_ed25519_scalar_add(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

        [LibraryImport(Libraries.Sodium)]
        private static partial void crypto_core_ed25519_scalar_sub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

        [LibraryImport(Libraries.Sodium)]
        private static partial void crypto_core_ed25519_scalar_mul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

        [LibraryImport(Libraries.Sodium)]
        private static partial void crypto_core_ed25519_scalar_negate(Span<byte> neg, ReadOnlySpan<byte> s);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ed25519_scalar_invert(Span<byte> recip, ReadOnlySpan<byte> s);

        [LibraryImport(Libraries.Sodium)]
        private static partial void crypto_core_ed25519_scalar_reduce(Span<byte> r, ReadOnlySpan<byte> s);
    }
}
