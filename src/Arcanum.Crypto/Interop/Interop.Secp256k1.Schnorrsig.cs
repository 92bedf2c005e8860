using System.Runtime.InteropServices;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>secp256k1_schnorrsig.h: BIP340 Schnorr signatures.</summary>
    internal static unsafe partial class Secp256k1
    {
        internal const int SchnorrSignatureLength = 64;
        internal const int AuxRandLength = 32;

        /// <summary>
        /// secp256k1_schnorrsig_sign32: signs a 32-byte message with the BIP340 nonce function.
        /// An empty <paramref name="auxRand"/> is the same as 32 zero bytes (header).
        /// </summary>
        internal static void SignSchnorr32(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> message, in Keypair keypair, ReadOnlySpan<byte> auxRand, Span<byte> signature)
        {
            RequireLength(message, 32, nameof(message));
            RequireOptionalLength(auxRand, AuxRandLength, nameof(auxRand));
            RequireLength(signature, SchnorrSignatureLength, nameof(signature));
            int result;
            fixed (Keypair* k = &keypair)
            fixed (byte* m = message, a = auxRand, s = signature)
            {
                result = secp256k1_schnorrsig_sign32(context, s, m, k, a);
            }

            Check(result, nameof(secp256k1_schnorrsig_sign32));
        }

        /// <summary>
        /// secp256k1_schnorrsig_sign_custom: signs a message of any length (BIP340 allows variable
        /// length), with the BIP340 nonce function and <paramref name="auxRand"/> as its aux_rand
        /// (passed through extraparams.ndata; empty means 32 zero bytes).
        /// </summary>
        internal static void SignSchnorr(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> message, in Keypair keypair, ReadOnlySpan<byte> auxRand, Span<byte> signature)
        {
            RequireOptionalLength(auxRand, AuxRandLength, nameof(auxRand));
            RequireLength(signature, SchnorrSignatureLength, nameof(signature));
            int result;
            fixed (Keypair* k = &keypair)
            fixed (byte* m = message, a = auxRand, s = signature)
            {
                var extraParams = new SchnorrExtraParams { NonceData = a };
                SchnorrExtraParams.SetMagic(ref extraParams);
                result = secp256k1_schnorrsig_sign_custom(context, s, m, (nuint)message.Length, k, &extraParams);
            }

            Check(result, nameof(secp256k1_schnorrsig_sign_custom));
        }

        /// <summary>secp256k1_schnorrsig_verify: BIP340 Verify for a message of any length.</summary>
        internal static bool VerifySchnorr(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, in XOnlyPublicKey key)
        {
            RequireLength(signature, SchnorrSignatureLength, nameof(signature));
            int result;
            fixed (XOnlyPublicKey* k = &key)
            fixed (byte* s = signature, m = message)
            {
                result = secp256k1_schnorrsig_verify(context, s, m, (nuint)message.Length, k);
            }

            return Succeeded(result, nameof(secp256k1_schnorrsig_verify));
        }

        /// <summary>
        /// secp256k1_schnorrsig_extraparams: magic (da 6f b3 8c), nonce function (NULL selects
        /// secp256k1_nonce_function_bip340) and the nonce function's data (the 32-byte aux_rand).
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct SchnorrExtraParams
        {
            public fixed byte Magic[4];
            public void* NonceFunction;
            public void* NonceData;

            public static void SetMagic(ref SchnorrExtraParams value)
            {
                value.Magic[0] = 0xda;
                value.Magic[1] = 0x6f;
                value.Magic[2] = 0xb3;
                value.Magic[3] = 0x8c;
            }
        }

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_schnorrsig_sign32(
            Secp256k1ContextHandle ctx, byte* sig64, byte* msg32, Keypair* keypair, byte* aux_rand32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_schnorrsig_sign_custom(
            Secp256k1ContextHandle ctx, byte* sig64, byte* msg, nuint msglen, Keypair* keypair, SchnorrExtraParams* extraparams);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_schnorrsig_verify(
            Secp256k1ContextHandle ctx, byte* sig64, byte* msg, nuint msglen, XOnlyPublicKey* pubkey);
    }
}
