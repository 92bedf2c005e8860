using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>secp256k1_extrakeys.h: BIP340 x-only public keys and keypairs (with BIP341 tweaks).</summary>
    internal static unsafe partial class Secp256k1
    {
        internal const int XOnlyPublicKeyLength = 32;

        /// <summary>secp256k1_xonly_pubkey: a point with even y (64 opaque bytes).</summary>
        [InlineArray(64)]
        internal struct XOnlyPublicKey
        {
            private byte _element0;
        }

        /// <summary>secp256k1_keypair: a secret key and its public key (96 opaque bytes; holds the secret).</summary>
        [InlineArray(96)]
        internal struct Keypair
        {
            private byte _element0;
        }

        /// <summary>secp256k1_xonly_pubkey_parse: BIP340 lift_x; false if x ≥ p or no point has this x.</summary>
        internal static bool TryParseXOnlyPublicKey(Secp256k1ContextHandle context, ReadOnlySpan<byte> input, out XOnlyPublicKey key)
        {
            RequireLength(input, XOnlyPublicKeyLength, nameof(input));
            key = default;
            int result;
            fixed (XOnlyPublicKey* k = &key)
            fixed (byte* i = input)
            {
                result = secp256k1_xonly_pubkey_parse(context, k, i);
            }

            return Succeeded(result, nameof(secp256k1_xonly_pubkey_parse));
        }

        /// <summary>secp256k1_xonly_pubkey_serialize: the 32-byte x coordinate.</summary>
        internal static void SerializeXOnlyPublicKey(Secp256k1ContextHandle context, in XOnlyPublicKey key, Span<byte> output)
        {
            RequireLength(output, XOnlyPublicKeyLength, nameof(output));
            int result;
            fixed (XOnlyPublicKey* k = &key)
            fixed (byte* o = output)
            {
                result = secp256k1_xonly_pubkey_serialize(context, o, k);
            }

            Check(result, nameof(secp256k1_xonly_pubkey_serialize));
        }

        /// <summary>
        /// secp256k1_xonly_pubkey_from_pubkey: the x-only key of P; <paramref name="negated"/> is
        /// true when P has odd y, so that the x-only key stands for −P (pk_parity = 1).
        /// </summary>
        internal static XOnlyPublicKey XOnlyFromPublicKey(Secp256k1ContextHandle context, in PublicKey key, out bool negated)
        {
            XOnlyPublicKey xonly;
            int parity;
            int result;
            fixed (PublicKey* k = &key)
            {
                result = secp256k1_xonly_pubkey_from_pubkey(context, &xonly, &parity, k);
            }

            Check(result, nameof(secp256k1_xonly_pubkey_from_pubkey));
            negated = parity == 1;
            return xonly;
        }

        /// <summary>
        /// secp256k1_xonly_pubkey_tweak_add: Q = P + t·G for the even-y point P (BIP341
        /// taproot_tweak_pubkey). False if t ≥ n or Q is the identity.
        /// </summary>
        internal static bool TryTweakAddXOnlyPublicKey(
            Secp256k1ContextHandle context, in XOnlyPublicKey internalKey, ReadOnlySpan<byte> tweak, out PublicKey tweaked)
        {
            RequireLength(tweak, 32, nameof(tweak));
            tweaked = default;
            int result;
            fixed (XOnlyPublicKey* i = &internalKey)
            fixed (PublicKey* o = &tweaked)
            fixed (byte* t = tweak)
            {
                result = secp256k1_xonly_pubkey_tweak_add(context, o, i, t);
            }

            return Succeeded(result, nameof(secp256k1_xonly_pubkey_tweak_add));
        }

        /// <summary>
        /// secp256k1_xonly_pubkey_tweak_add_check: true iff the x-only key
        /// <paramref name="tweakedKey"/> with y parity <paramref name="tweakedParityOdd"/> equals P + t·G.
        /// </summary>
        internal static bool CheckXOnlyTweakAdd(
            Secp256k1ContextHandle context, ReadOnlySpan<byte> tweakedKey, bool tweakedParityOdd, in XOnlyPublicKey internalKey, ReadOnlySpan<byte> tweak)
        {
            RequireLength(tweakedKey, XOnlyPublicKeyLength, nameof(tweakedKey));
            RequireLength(tweak, 32, nameof(tweak));
            int result;
            fixed (XOnlyPublicKey* i = &internalKey)
            fixed (byte* q = tweakedKey, t = tweak)
            {
                result = secp256k1_xonly_pubkey_tweak_add_check(context, q, tweakedParityOdd ? 1 : 0, i, t);
            }

            return Succeeded(result, nameof(secp256k1_xonly_pubkey_tweak_add_check));
        }

        /// <summary>secp256k1_keypair_create: false if the secret key is zero or not below n.</summary>
        internal static bool TryCreateKeypair(Secp256k1ContextHandle context, ReadOnlySpan<byte> secretKey, out Keypair keypair)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            keypair = default;
            int result;
            fixed (Keypair* k = &keypair)
            fixed (byte* s = secretKey)
            {
                result = secp256k1_keypair_create(context, k, s);
            }

            return Succeeded(result, nameof(secp256k1_keypair_create));
        }

        /// <summary>secp256k1_keypair_sec: copies the keypair's secret key out.</summary>
        internal static void KeypairSecretKey(Secp256k1ContextHandle context, in Keypair keypair, Span<byte> secretKey)
        {
            RequireLength(secretKey, SecretKeyLength, nameof(secretKey));
            int result;
            fixed (Keypair* k = &keypair)
            fixed (byte* s = secretKey)
            {
                result = secp256k1_keypair_sec(context, s, k);
            }

            Check(result, nameof(secp256k1_keypair_sec));
        }

        /// <summary>secp256k1_keypair_pub: the keypair's full public key (with its y parity).</summary>
        internal static PublicKey KeypairPublicKey(Secp256k1ContextHandle context, in Keypair keypair)
        {
            PublicKey key;
            int result;
            fixed (Keypair* k = &keypair)
            {
                result = secp256k1_keypair_pub(context, &key, k);
            }

            Check(result, nameof(secp256k1_keypair_pub));
            return key;
        }

        /// <summary>secp256k1_keypair_xonly_pub: the x-only public key and whether it negates the full key.</summary>
        internal static XOnlyPublicKey KeypairXOnlyPublicKey(Secp256k1ContextHandle context, in Keypair keypair, out bool negated)
        {
            XOnlyPublicKey key;
            int parity;
            int result;
            fixed (Keypair* k = &keypair)
            {
                result = secp256k1_keypair_xonly_pub(context, &key, &parity, k);
            }

            Check(result, nameof(secp256k1_keypair_xonly_pub));
            negated = parity == 1;
            return key;
        }

        /// <summary>
        /// secp256k1_keypair_xonly_tweak_add in place: the secret becomes d′ + t where d′ is d
        /// negated if d·G has odd y (BIP341 taproot_tweak_seckey). False if t ≥ n or the result is zero.
        /// </summary>
        internal static bool TryTweakAddKeypair(Secp256k1ContextHandle context, ref Keypair keypair, ReadOnlySpan<byte> tweak)
        {
            RequireLength(tweak, 32, nameof(tweak));
            int result;
            fixed (Keypair* k = &keypair)
            fixed (byte* t = tweak)
            {
                result = secp256k1_keypair_xonly_tweak_add(context, k, t);
            }

            return Succeeded(result, nameof(secp256k1_keypair_xonly_tweak_add));
        }

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_xonly_pubkey_parse(Secp256k1ContextHandle ctx, XOnlyPublicKey* pubkey, byte* input32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_xonly_pubkey_serialize(Secp256k1ContextHandle ctx, byte* output32, XOnlyPublicKey* pubkey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_xonly_pubkey_from_pubkey(
            Secp256k1ContextHandle ctx, XOnlyPublicKey* xonly_pubkey, int* pk_parity, PublicKey* pubkey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_xonly_pubkey_tweak_add(
            Secp256k1ContextHandle ctx, PublicKey* output_pubkey, XOnlyPublicKey* internal_pubkey, byte* tweak32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_xonly_pubkey_tweak_add_check(
            Secp256k1ContextHandle ctx, byte* tweaked_pubkey32, int tweaked_pk_parity, XOnlyPublicKey* internal_pubkey, byte* tweak32);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_keypair_create(Secp256k1ContextHandle ctx, Keypair* keypair, byte* seckey);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_keypair_sec(Secp256k1ContextHandle ctx, byte* seckey, Keypair* keypair);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_keypair_pub(Secp256k1ContextHandle ctx, PublicKey* pubkey, Keypair* keypair);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_keypair_xonly_pub(
            Secp256k1ContextHandle ctx, XOnlyPublicKey* pubkey, int* pk_parity, Keypair* keypair);

        [LibraryImport(Libraries.Secp256k1)]
        private static partial int secp256k1_keypair_xonly_tweak_add(Secp256k1ContextHandle ctx, Keypair* keypair, byte* tweak32);
    }
}
