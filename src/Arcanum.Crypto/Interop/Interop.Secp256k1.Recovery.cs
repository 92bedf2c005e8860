using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>secp256k1_recovery.h: ECDSA signatures that carry a recovery id (0–3).</summary>
    internal static unsafe partial class Secp256k1
    {
        /// <summary>secp256k1_ecdsa_recoverable_signature (65 opaque bytes).</summary>
        [InlineArray(65)]
        internal struct RecoverableSignature
        {
            private byte _element0;
        }

        /// <summary>
        /// secp256k1_ecdsa_sign_recoverable: the same RFC 6979 signature as <see cref="SignEcdsa"/>
        /// (low s), plus the id that recovers the public key.
        /// </summary>
        internal static void SignRecoverable(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> extraEntropy,
            out RecoverableSignature signature)
        {
            RequireLength(hash, HashLength, nameof(hash));
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            RequireOptionalLength(extraEntropy, 32, nameof(extraEntropy));
            signature = default;
            int result;
            fixed (RecoverableSignature* s = &signature)
            fixed (byte* h = hash, k = secretKey, e = extraEntropy)
            {
                result = secp256k1_ecdsa_sign_recoverable(context, s, h, k, null, e);
            }

            Check(result, nameof(secp256k1_ecdsa_sign_recoverable));
        }

        /// <summary>secp256k1_ecdsa_recoverable_signature_serialize_compact: r ‖ s and the recovery id.</summary>
        internal static int SerializeRecoverableSignature(Secp256k1ContextHandle context, in RecoverableSignature signature, Span<byte> output)
        {
            RequireLength(output, CompactSignatureLength, nameof(output));
            int recoveryId;
            int result;
            fixed (RecoverableSignature* s = &signature)
            fixed (byte* o = output)
            {
                result = secp256k1_ecdsa_recoverable_signature_serialize_compact(context, o, &recoveryId, s);
            }

            Check(result, nameof(secp256k1_ecdsa_recoverable_signature_serialize_compact));
            return recoveryId;
        }

        /// <summary>
        /// secp256k1_ecdsa_recoverable_signature_parse_compact: false if r or s is not below n or the
        /// recovery id is outside 0–3 (checked here: the library treats that as an illegal argument).
        /// </summary>
        internal static bool TryParseRecoverableSignature(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> input, int recoveryId, out RecoverableSignature signature)
        {
            RequireLength(input, CompactSignatureLength, nameof(input));
            signature = default;
            if (recoveryId is < 0 or > 3)
            {
                return false;
            }

            int result;
            fixed (RecoverableSignature* s = &signature)
            fixed (byte* i = input)
            {
                result = secp256k1_ecdsa_recoverable_signature_parse_compact(context, s, i, recoveryId);
            }

            return Succeeded(result, nameof(secp256k1_ecdsa_recoverable_signature_parse_compact));
        }

        /// <summary>secp256k1_ecdsa_recoverable_signature_convert: drops the recovery id.</summary>
        internal static void ConvertRecoverableSignature(Secp256k1ContextHandle context, in RecoverableSignature input, out EcdsaSignature signature)
        {
            signature = default;
            int result;
            fixed (RecoverableSignature* i = &input)
            fixed (EcdsaSignature* s = &signature)
            {
                result = secp256k1_ecdsa_recoverable_signature_convert(context, s, i);
            }

            Check(result, nameof(secp256k1_ecdsa_recoverable_signature_convert));
        }

        /// <summary>
        /// secp256k1_ecdsa_recover: true if a public key was recovered, which guarantees the
        /// signature is valid for it. High-s signatures are recovered too (the library does not
        /// enforce low s here).
        /// </summary>
        internal static bool TryRecover(Secp256k1ContextHandle context, in RecoverableSignature signature, ReadOnlySpan<byte> hash, out PublicKey key)
        {
            RequireLength(hash, HashLength, nameof(hash));
            key = default;
            int result;
            fixed (RecoverableSignature* s = &signature)
            fixed (PublicKey* k = &key)
            fixed (byte* h = hash)
            {
                result = secp256k1_ecdsa_recover(context, k, s, h);
            }

            return Succeeded(result, nameof(secp256k1_ecdsa_recover));
        }

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_sign_recoverable(
            Secp256k1ContextHandle ctx, RecoverableSignature* sig, byte* msghash32, byte* seckey, void* noncefp, void* ndata);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_recoverable_signature_serialize_compact(
            Secp256k1ContextHandle ctx, byte* output64, int* recid, RecoverableSignature* sig);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_recoverable_signature_parse_compact(
            Secp256k1ContextHandle ctx, RecoverableSignature* sig, byte* input64, int recid);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_recoverable_signature_convert(
            Secp256k1ContextHandle ctx, EcdsaSignature* sig, RecoverableSignature* sigin);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_recover(
            Secp256k1ContextHandle ctx, PublicKey* pubkey, RecoverableSignature* sig, byte* msghash32);
    }
}
