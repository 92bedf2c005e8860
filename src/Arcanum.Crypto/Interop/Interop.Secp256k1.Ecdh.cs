using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>
    /// secp256k1_ecdh.h: constant-time k·P (the library's <c>ecmult_const</c>) followed by a hash
    /// function of the resulting affine point.
    /// </summary>
    internal static unsafe partial class Secp256k1
    {
        internal const int CoordinatesLength = 64;

        /// <summary>
        /// secp256k1_ecdh with the library's default hash: SHA-256 of the compressed shared point.
        /// False if the scalar is zero or not below n.
        /// </summary>
        internal static bool TryEcdhSha256(Secp256k1ContextHandle context, in PublicKey key, ReadOnlySpan<byte> scalar, Span<byte> output)
        {
            RequireLength(scalar, SecretKeyLength, nameof(scalar));
            RequireLength(output, HashLength, nameof(output));
            int result;
            fixed (PublicKey* k = &key)
            fixed (byte* s = scalar, o = output)
            {
                result = secp256k1_ecdh(context, o, k, s, null, null);
            }

            return Succeeded(result, nameof(secp256k1_ecdh));
        }

        /// <summary>
        /// secp256k1_ecdh with a hash function that returns the point itself: writes the affine
        /// coordinates x ‖ y (32 bytes each, big-endian) of k·P, computed in constant time.
        /// False if the scalar is zero or not below n.
        /// </summary>
        internal static bool TryEcdhCoordinates(Secp256k1ContextHandle context, in PublicKey key, ReadOnlySpan<byte> scalar, Span<byte> output)
        {
            RequireLength(scalar, SecretKeyLength, nameof(scalar));
            RequireLength(output, CoordinatesLength, nameof(output));
            int result;
            fixed (PublicKey* k = &key)
            fixed (byte* s = scalar, o = output)
            {
                result = secp256k1_ecdh(context, o, k, s, &CopyCoordinates, null);
            }

            return Succeeded(result, nameof(secp256k1_ecdh));
        }

        /// <summary>A secp256k1_ecdh_hash_function that copies x32 ‖ y32 to a 64-byte output.</summary>
        [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
        private static int CopyCoordinates(byte* output, byte* x32, byte* y32, void* data)
        {
            Buffer.MemoryCopy(x32, output, 32, 32);
            Buffer.MemoryCopy(y32, output + 32, 32, 32);
            return 1;
        }

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdh(
            Secp256k1ContextHandle ctx, byte* output, PublicKey* pubkey, byte* seckey,
            delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int> hashfp, void* data);
    }
}
