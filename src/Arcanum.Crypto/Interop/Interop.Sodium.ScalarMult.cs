using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_scalarmult.h and sodium/crypto_scalarmult_curve25519.h (X25519, RFC 7748 §5).</summary>
    internal static partial class Sodium
    {
        /// <summary>crypto_scalarmult_curve25519_BYTES and _SCALARBYTES: 32.</summary>
        internal const int Curve25519Bytes = 32;

        /// <summary>
        /// q = X25519(n, p). libsodium clamps n, masks the top bit of p, and returns −1 when the result
        /// is all zeros (p has small order, RFC 7748 §6.1), which maps to false; q is then zeroed.
        /// </summary>
        internal static unsafe bool TryScalarMultCurve25519(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p)
        {
            CheckLength(q.Length, nameof(q));
            CheckLength(n.Length, nameof(n));
            CheckLength(p.Length, nameof(p));
            EnsureInitialized();

            int result;
            fixed (byte* qPtr = q)
            fixed (byte* nPtr = n)
            fixed (byte* pPtr = p)
            {
                result = crypto_scalarmult_curve25519(qPtr, nPtr, pPtr);
            }

            switch (result)
            {
                case 0:
                    return true;
                case -1:
                    CryptographicOperations.ZeroMemory(q);
                    return false;
                default:
                    throw new CryptographicException($"crypto_scalarmult_curve25519 returned the undocumented code {result}.");
            }
        }

        /// <summary>
        /// q = X25519(n, 9), the public key of the private key n. It returns 0; for a clamped scalar the
        /// result is never the identity, so any other code is a library fault.
        /// </summary>
        internal static unsafe void ScalarMultCurve25519Base(Span<byte> q, ReadOnlySpan<byte> n)
        {
            CheckLength(q.Length, nameof(q));
            CheckLength(n.Length, nameof(n));
            EnsureInitialized();

            int result;
            fixed (byte* qPtr = q)
            fixed (byte* nPtr = n)
            {
                result = crypto_scalarmult_curve25519_base(qPtr, nPtr);
            }

            if (result != 0)
            {
                CryptographicOperations.ZeroMemory(q);
                throw new CryptographicException($"crypto_scalarmult_curve25519_base failed (returned {result}).");
            }
        }

        private static void CheckLength(int length, string name)
        {
            if (length != Curve25519Bytes)
            {
                throw new ArgumentException($"X25519 values are exactly {Curve25519Bytes} bytes.", name);
            }
        }

        [LibraryImport(Libraries.Sodium)]
        private static unsafe partial int crypto_scalarmult_curve25519(byte* q, byte* n, byte* p);

        [LibraryImport(Libraries.Sodium)]
        private static unsafe partial int crypto_scalarmult_curve25519_base(byte* q, byte* n);
    }
}
