using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>
    /// secp256k1.h: contexts, public and secret keys, ECDSA signatures and tagged hashes.
    /// Opaque library structures are fixed-size value types here (<see cref="PublicKey"/>,
    /// <see cref="EcdsaSignature"/>); their contents are implementation-defined and are only ever
    /// handed back to the library. Every wrapper checks the lengths the header requires, so the
    /// library's illegal-argument callback never fires in correct code; if it does, it raises a
    /// <see cref="Secp256k1Exception"/> instead of the library's default <c>abort()</c>.
    /// </summary>
    internal static unsafe partial class Secp256k1
    {
        internal const int SecretKeyLength = 32;
        internal const int HashLength = 32;
        internal const int CompressedPublicKeyLength = 33;
        internal const int UncompressedPublicKeyLength = 65;
        internal const int CompactSignatureLength = 64;

        /// <summary>The longest DER signature: SEQUENCE of two 33-byte INTEGERs (header says 72).</summary>
        internal const int MaxDerSignatureLength = 72;

        // SECP256K1_CONTEXT_NONE = SECP256K1_FLAGS_TYPE_CONTEXT; since 0.2.0 every context can sign and verify.
        private const uint ContextNone = 1u << 0;
        private const uint EcCompressed = (1u << 1) | (1u << 8);
        private const uint EcUncompressed = 1u << 1;

        [ThreadStatic]
        private static string? _illegalArgument;

        /// <summary>secp256k1_pubkey: a parsed, valid public key (64 opaque bytes).</summary>
        [InlineArray(64)]
        internal struct PublicKey
        {
            private byte _element0;
        }

        /// <summary>secp256k1_ecdsa_signature: a parsed signature (64 opaque bytes).</summary>
        [InlineArray(64)]
        internal struct EcdsaSignature
        {
            private byte _element0;
        }

        /// <summary>Creates a context (SECP256K1_CONTEXT_NONE) whose illegal-argument callback throws instead of aborting.</summary>
        internal static Secp256k1ContextHandle CreateContext()
        {
            var context = secp256k1_context_create(ContextNone);
            if (context.IsInvalid)
            {
                context.Dispose();
                throw new Secp256k1Exception("secp256k1_context_create returned NULL.");
            }

            secp256k1_context_set_illegal_callback(context, &OnIllegalArgument, null);
            return context;
        }

        /// <summary>secp256k1_context_randomize: blinds the context's base-point multiplication with a 32-byte seed.</summary>
        internal static void RandomizeContext(Secp256k1ContextHandle context, ReadOnlySpan<byte> seed)
        {
            RequireLength(seed, 32, nameof(seed));
            int result;
            fixed (byte* s = seed)
            {
                result = secp256k1_context_randomize(context, s);
            }

            Check(result, nameof(secp256k1_context_randomize));
        }

        internal static void DestroyContext(nint context) => secp256k1_context_destroy(context);

        /// <summary>
        /// secp256k1_ec_pubkey_parse: accepts 33-byte compressed, 65-byte uncompressed and (beware)
        /// 65-byte hybrid (06/07) encodings; callers restrict the prefixes they accept.
        /// False if the encoding is malformed, a coordinate is not below p, or the point is off the curve.
        /// </summary>
        internal static bool TryParsePublicKey(Secp256k1ContextHandle context, ReadOnlySpan<byte> input, out PublicKey key)
        {
            key = default;
            int result;
            fixed (PublicKey* k = &key)
            fixed (byte* i = input)
            {
                result = secp256k1_ec_pubkey_parse(context, k, i, (nuint)input.Length);
            }

            return Succeeded(result, nameof(secp256k1_ec_pubkey_parse));
        }

        /// <summary>secp256k1_ec_pubkey_serialize: writes 33 (compressed) or 65 (uncompressed) bytes.</summary>
        internal static void SerializePublicKey(Secp256k1ContextHandle context, in PublicKey key, Span<byte> output, bool compressed)
        {
            var length = compressed ? CompressedPublicKeyLength : UncompressedPublicKeyLength;
            RequireLength(output, length, nameof(output));
            var written = (nuint)length;
            int result;
            fixed (PublicKey* k = &key)
            fixed (byte* o = output)
            {
                result = secp256k1_ec_pubkey_serialize(context, o, &written, k, compressed ? EcCompressed : EcUncompressed);
            }

            Check(result, nameof(secp256k1_ec_pubkey_serialize));
        }

        /// <summary>secp256k1_ecdsa_signature_parse_compact: false if r or s is not below n.</summary>
        internal static bool TryParseCompactSignature(Secp256k1ContextHandle context, ReadOnlySpan<byte> input, out EcdsaSignature signature)
        {
            RequireLength(input, CompactSignatureLength, nameof(input));
            signature = default;
            int result;
            fixed (EcdsaSignature* s = &signature)
            fixed (byte* i = input)
            {
                result = secp256k1_ecdsa_signature_parse_compact(context, s, i);
            }

            return Succeeded(result, nameof(secp256k1_ecdsa_signature_parse_compact));
        }

        /// <summary>
        /// secp256k1_ecdsa_signature_parse_der: strict DER (definite minimal lengths, no excess
        /// padding, no trailing bytes). An INTEGER that is negative or not below n parses as zero,
        /// which no verification accepts.
        /// </summary>
        internal static bool TryParseDerSignature(Secp256k1ContextHandle context, ReadOnlySpan<byte> input, out EcdsaSignature signature)
        {
            signature = default;
            int result;
            fixed (EcdsaSignature* s = &signature)
            fixed (byte* i = NonNull(input))
            {
                result = secp256k1_ecdsa_signature_parse_der(context, s, i, (nuint)input.Length);
            }

            return Succeeded(result, nameof(secp256k1_ecdsa_signature_parse_der));
        }

        /// <summary>secp256k1_ecdsa_signature_serialize_der; returns the number of bytes written (at most 72).</summary>
        internal static int SerializeDerSignature(Secp256k1ContextHandle context, in EcdsaSignature signature, Span<byte> output)
        {
            if (output.Length < MaxDerSignatureLength)
            {
                throw new ArgumentException($"The destination must hold {MaxDerSignatureLength} bytes.", nameof(output));
            }

            var written = (nuint)output.Length;
            int result;
            fixed (EcdsaSignature* s = &signature)
            fixed (byte* o = output)
            {
                result = secp256k1_ecdsa_signature_serialize_der(context, o, &written, s);
            }

            Check(result, nameof(secp256k1_ecdsa_signature_serialize_der));
            return (int)written;
        }

        /// <summary>secp256k1_ecdsa_signature_serialize_compact: 64 bytes r ‖ s.</summary>
        internal static void SerializeCompactSignature(Secp256k1ContextHandle context, in EcdsaSignature signature, Span<byte> output)
        {
            RequireLength(output, CompactSignatureLength, nameof(output));
            int result;
            fixed (EcdsaSignature* s = &signature)
            fixed (byte* o = output)
            {
                result = secp256k1_ecdsa_signature_serialize_compact(context, o, s);
            }

            Check(result, nameof(secp256k1_ecdsa_signature_serialize_compact));
        }

        /// <summary>secp256k1_ecdsa_verify: true only for a valid signature with low s (s ≤ n/2).</summary>
        internal static bool VerifyEcdsa(Secp256k1ContextHandle context, in EcdsaSignature signature, ReadOnlySpan<byte> hash, in PublicKey key)
        {
            RequireLength(hash, HashLength, nameof(hash));
            int result;
            fixed (EcdsaSignature* s = &signature)
            fixed (PublicKey* k = &key)
            fixed (byte* h = hash)
            {
                result = secp256k1_ecdsa_verify(context, s, h, k);
            }

            return Succeeded(result, nameof(secp256k1_ecdsa_verify));
        }

        /// <summary>secp256k1_ecdsa_signature_normalize: writes the low-s form; true if the input had a high s.</summary>
        internal static bool NormalizeSignature(Secp256k1ContextHandle context, in EcdsaSignature input, out EcdsaSignature normalized)
        {
            normalized = default;
            int result;
            fixed (EcdsaSignature* i = &input)
            fixed (EcdsaSignature* o = &normalized)
            {
                result = secp256k1_ecdsa_signature_normalize(context, o, i);
            }

            return Succeeded(result, nameof(secp256k1_ecdsa_signature_normalize));
        }

        /// <summary>
        /// secp256k1_ecdsa_sign with the default nonce function (RFC 6979 HMAC-SHA256). A 32-byte
        /// <paramref name="extraEntropy"/> is RFC 6979 §3.6 additional data; empty means none.
        /// The result always has low s. Fails only for an invalid secret key.
        /// </summary>
        internal static void SignEcdsa(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> extraEntropy, out EcdsaSignature signature)
        {
            RequireLength(hash, HashLength, nameof(hash));
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            RequireOptionalLength(extraEntropy, 32, nameof(extraEntropy));
            signature = default;
            int result;
            fixed (EcdsaSignature* s = &signature)
            fixed (byte* h = hash, k = secretKey, e = extraEntropy)
            {
                result = secp256k1_ecdsa_sign(context, s, h, k, null, e);
            }

            Check(result, nameof(secp256k1_ecdsa_sign));
        }

        /// <summary>secp256k1_ec_seckey_verify: true for 32 bytes encoding an integer in [1, n − 1].</summary>
        internal static bool VerifySecretKey(Secp256k1ContextHandle context, ReadOnlySpan<byte> secretKey)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            int result;
            fixed (byte* k = secretKey)
            {
                result = secp256k1_ec_seckey_verify(context, k);
            }

            return Succeeded(result, nameof(secp256k1_ec_seckey_verify));
        }

        /// <summary>secp256k1_ec_pubkey_create: k·G in constant time; false if k is zero or not below n.</summary>
        internal static bool TryCreatePublicKey(Secp256k1ContextHandle context, ReadOnlySpan<byte> secretKey, out PublicKey key)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            key = default;
            int result;
            fixed (PublicKey* p = &key)
            fixed (byte* k = secretKey)
            {
                result = secp256k1_ec_pubkey_create(context, p, k);
            }

            return Succeeded(result, nameof(secp256k1_ec_pubkey_create));
        }

        /// <summary>secp256k1_ec_seckey_negate in place; false if the key is invalid.</summary>
        internal static bool TryNegateSecretKey(Secp256k1ContextHandle context, Span<byte> secretKey)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            int result;
            fixed (byte* k = secretKey)
            {
                result = secp256k1_ec_seckey_negate(context, k);
            }

            return Succeeded(result, nameof(secp256k1_ec_seckey_negate));
        }

        /// <summary>secp256k1_ec_pubkey_negate in place (always succeeds for a valid key).</summary>
        internal static void NegatePublicKey(Secp256k1ContextHandle context, ref PublicKey key)
        {
            int result;
            fixed (PublicKey* k = &key)
            {
                result = secp256k1_ec_pubkey_negate(context, k);
            }

            Check(result, nameof(secp256k1_ec_pubkey_negate));
        }

        /// <summary>secp256k1_ec_seckey_tweak_add in place: k + t mod n; false if t ≥ n or the sum is zero.</summary>
        internal static bool TryTweakAddSecretKey(Secp256k1ContextHandle context, Span<byte> secretKey, ReadOnlySpan<byte> tweak)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            RequireLength(tweak, 32, nameof(tweak));
            int result;
            fixed (byte* k = secretKey)
            fixed (byte* t = tweak)
            {
                result = secp256k1_ec_seckey_tweak_add(context, k, t);
            }

            return Succeeded(result, nameof(secp256k1_ec_seckey_tweak_add));
        }

        /// <summary>secp256k1_ec_pubkey_tweak_add in place: P + t·G; false if t ≥ n or the sum is the identity.</summary>
        internal static bool TryTweakAddPublicKey(Secp256k1ContextHandle context, ref PublicKey key, ReadOnlySpan<byte> tweak)
        {
            RequireLength(tweak, 32, nameof(tweak));
            int result;
            fixed (PublicKey* k = &key)
            fixed (byte* t = tweak)
            {
                result = secp256k1_ec_pubkey_tweak_add(context, k, t);
            }

            return Succeeded(result, nameof(secp256k1_ec_pubkey_tweak_add));
        }

        /// <summary>secp256k1_ec_seckey_tweak_mul in place: k·t mod n; false if t is zero or not below n.</summary>
        internal static bool TryTweakMulSecretKey(Secp256k1ContextHandle context, Span<byte> secretKey, ReadOnlySpan<byte> tweak)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            RequireLength(tweak, 32, nameof(tweak));
            int result;
            fixed (byte* k = secretKey)
            fixed (byte* t = tweak)
            {
                result = secp256k1_ec_seckey_tweak_mul(context, k, t);
            }

            return Succeeded(result, nameof(secp256k1_ec_seckey_tweak_mul));
        }

        /// <summary>
        /// secp256k1_ec_pubkey_tweak_mul in place: t·P; false if t is zero or not below n.
        /// Variable-time in t (the library uses its verification multiplier here): public tweaks only.
        /// </summary>
        internal static bool TryTweakMulPublicKey(Secp256k1ContextHandle context, ref PublicKey key, ReadOnlySpan<byte> tweak)
        {
            RequireLength(tweak, 32, nameof(tweak));
            int result;
            fixed (PublicKey* k = &key)
            fixed (byte* t = tweak)
            {
                result = secp256k1_ec_pubkey_tweak_mul(context, k, t);
            }

            return Succeeded(result, nameof(secp256k1_ec_pubkey_tweak_mul));
        }

        /// <summary>secp256k1_ec_pubkey_combine: the sum of one or more keys; false if the sum is the identity.</summary>
        internal static bool TryCombinePublicKeys(Secp256k1ContextHandle context, ReadOnlySpan<PublicKey> keys, out PublicKey sum)
        {
            if (keys.IsEmpty)
            {
                throw new ArgumentException("secp256k1_ec_pubkey_combine needs at least one key.", nameof(keys));
            }

            sum = default;
            Span<nint> pointers = keys.Length <= 16 ? stackalloc nint[keys.Length] : new nint[keys.Length];
            int result;
            fixed (PublicKey* first = keys)
            fixed (PublicKey* s = &sum)
            fixed (nint* p = pointers)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    p[i] = (nint)(first + i);
                }

                result = secp256k1_ec_pubkey_combine(context, s, (PublicKey**)p, (nuint)keys.Length);
            }

            return Succeeded(result, nameof(secp256k1_ec_pubkey_combine));
        }

        /// <summary>secp256k1_tagged_sha256: SHA256(SHA256(tag) ‖ SHA256(tag) ‖ message) (BIP340 "Design").</summary>
        internal static void TaggedSha256(Secp256k1ContextHandle context, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> message, Span<byte> hash)
        {
            RequireLength(hash, HashLength, nameof(hash));
            int result;
            fixed (byte* h = hash)
            fixed (byte* t = NonNull(tag), m = NonNull(message))
            {
                result = secp256k1_tagged_sha256(context, h, t, (nuint)tag.Length, m, (nuint)message.Length);
            }

            Check(result, nameof(secp256k1_tagged_sha256));
        }

        /// <summary>
        /// A span whose address is never NULL: several functions reject a NULL pointer even with a
        /// zero length (<c>ARG_CHECK(msg != NULL)</c>), and <c>fixed</c> yields NULL for an empty span.
        /// </summary>
        private static ReadOnlySpan<byte> NonNull(ReadOnlySpan<byte> span) => span.IsEmpty ? [0] : span;

        /// <summary>Maps a return code that is documented as 0/1 to a boolean, after checking for an illegal argument.</summary>
        private static bool Succeeded(int result, string function)
        {
            ThrowIfIllegalArgument(function);
            return result == 1;
        }

        /// <summary>For calls documented to return 1 whenever their arguments are valid.</summary>
        private static void Check(int result, string function)
        {
            if (!Succeeded(result, function))
            {
                throw new Secp256k1Exception($"{function} failed (returned {result}).");
            }
        }

        private static void ThrowIfIllegalArgument(string function)
        {
            var message = _illegalArgument;
            if (message is not null)
            {
                _illegalArgument = null;
                throw new Secp256k1Exception($"{function} was called with an illegal argument: {message}");
            }
        }

        private static void RequireLength(ReadOnlySpan<byte> span, int length, string name)
        {
            if (span.Length != length)
            {
                throw new ArgumentException($"Expected exactly {length} bytes, got {span.Length}.", name);
            }
        }

        private static void RequireOptionalLength(ReadOnlySpan<byte> span, int length, string name)
        {
            if (!span.IsEmpty)
            {
                RequireLength(span, length, name);
            }
        }

        /// <summary>
        /// The illegal-argument callback. The header guarantees that after it returns the API call
        /// returns without crashing (with an undefined result), so it records the message for the
        /// wrapper on this thread to throw.
        /// </summary>
        [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
        private static void OnIllegalArgument(byte* message, void* data) =>
            _illegalArgument = Marshal.PtrToStringUTF8((nint)message) ?? "(no message)";

        [LibraryImport(Libraries.Secp256k1)]
        private static partial Secp256k1ContextHandle secp256k1_context_create(uint flags);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial void secp256k1_context_destroy(nint ctx);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial void secp256k1_context_set_illegal_callback(
            Secp256k1ContextHandle ctx, delegate* unmanaged[Cdecl]<byte*, void*, void> fun, void* data);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_context_randomize(Secp256k1ContextHandle ctx, byte* seed32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_parse(Secp256k1ContextHandle ctx, PublicKey* pubkey, byte* input, nuint inputlen);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_serialize(
            Secp256k1ContextHandle ctx, byte* output, nuint* outputlen, PublicKey* pubkey, uint flags);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_signature_parse_compact(Secp256k1ContextHandle ctx, EcdsaSignature* sig, byte* input64);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_signature_parse_der(
            Secp256k1ContextHandle ctx, EcdsaSignature* sig, byte* input, nuint inputlen);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_signature_serialize_der(
            Secp256k1ContextHandle ctx, byte* output, nuint* outputlen, EcdsaSignature* sig);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_signature_serialize_compact(Secp256k1ContextHandle ctx, byte* output64, EcdsaSignature* sig);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_verify(Secp256k1ContextHandle ctx, EcdsaSignature* sig, byte* msghash32, PublicKey* pubkey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_signature_normalize(Secp256k1ContextHandle ctx, EcdsaSignature* sigout, EcdsaSignature* sigin);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ecdsa_sign(
            Secp256k1ContextHandle ctx, EcdsaSignature* sig, byte* msghash32, byte* seckey, void* noncefp, void* ndata);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_seckey_verify(Secp256k1ContextHandle ctx, byte* seckey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_create(Secp256k1ContextHandle ctx, PublicKey* pubkey, byte* seckey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_seckey_negate(Secp256k1ContextHandle ctx, byte* seckey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_negate(Secp256k1ContextHandle ctx, PublicKey* pubkey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_seckey_tweak_add(Secp256k1ContextHandle ctx, byte* seckey, byte* tweak32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_tweak_add(Secp256k1ContextHandle ctx, PublicKey* pubkey, byte* tweak32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_seckey_tweak_mul(Secp256k1ContextHandle ctx, byte* seckey, byte* tweak32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_tweak_mul(Secp256k1ContextHandle ctx, PublicKey* pubkey, byte* tweak32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_ec_pubkey_combine(Secp256k1ContextHandle ctx, PublicKey* @out, PublicKey** ins, nuint n);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_tagged_sha256(
            Secp256k1ContextHandle ctx, byte* hash32, byte* tag, nuint taglen, byte* msg, nuint msglen);
    }
}
