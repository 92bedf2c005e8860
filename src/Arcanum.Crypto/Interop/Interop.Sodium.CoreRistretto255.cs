using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_core_ristretto255.h: the ristretto255 group of RFC 9496.</summary>
    internal static partial class Sodium
    {
        internal const int Ristretto255PointBytes = 32;
        internal const int Ristretto255HashBytes = 64;

        /// <summary>
        /// <c>crypto_core_ristretto255_is_valid_point</c> (1 valid, 0 not): RFC 9496 §4.3.1 decoding.
        /// The all-zero encoding of the identity is valid. In 1.0.18 the canonicity test ignores bit 255,
        /// so an encoding with the top bit set is accepted as if it were clear (fixed upstream in 2020);
        /// callers must refuse such encodings themselves.
        /// </summary>
        internal static bool Ristretto255IsValidPoint(ReadOnlySpan<byte> point)
        {
            NativeCall.RequireLength(point, Ristretto255PointBytes);
            EnsureInitialized();
            return crypto_core_ristretto255_is_valid_point(point) == 1;
        }

        /// <summary>
        /// <c>crypto_core_ristretto255_add</c>: r = p + q (RFC 9496 §4.4). Returns −1 only when an input
        /// does not decode, which for the group elements we pass is a fault.
        /// </summary>
        internal static void Ristretto255Add(Span<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
        {
            RequireRistrettoTriple(result, p, q);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_core_ristretto255_add(result, p, q), nameof(crypto_core_ristretto255_add));
        }

        /// <summary><c>crypto_core_ristretto255_sub</c>: r = p − q, with the same return codes as <see cref="Ristretto255Add"/>.</summary>
        internal static void Ristretto255Subtract(Span<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
        {
            RequireRistrettoTriple(result, p, q);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_core_ristretto255_sub(result, p, q), nameof(crypto_core_ristretto255_sub));
        }

        /// <summary>
        /// <c>crypto_core_ristretto255_from_hash</c>: the one-way map of RFC 9496 §4.3.4 from 64 uniform
        /// bytes to a group element. Always returns 0.
        /// </summary>
        internal static void Ristretto255FromHash(Span<byte> point, ReadOnlySpan<byte> uniform)
        {
            NativeCall.RequireLength(point, Ristretto255PointBytes);
            NativeCall.RequireLength(uniform, Ristretto255HashBytes);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_core_ristretto255_from_hash(point, uniform), nameof(crypto_core_ristretto255_from_hash));
        }

        private static void RequireRistrettoTriple(ReadOnlySpan<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
        {
            NativeCall.RequireLength(result, Ristretto255PointBytes);
            NativeCall.RequireLength(p, Ristretto255PointBytes);
            NativeCall.RequireLength(q, Ristretto255PointBytes);
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ristretto255_is_valid_point(ReadOnlySpan<byte> p);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ristretto255_add(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ristretto255_sub(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_core_ristretto255_from_hash(Span<byte> p, ReadOnlySpan<byte> r);
    }
}
