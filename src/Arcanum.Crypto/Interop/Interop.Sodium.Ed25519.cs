using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Arcanum.Crypto.SafeHandles;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_sign_ed25519.h: pure Ed25519 (RFC 8032 §5.1).</summary>
    internal static partial class Sodium
    {
        internal const int Ed25519SeedBytes = 32;
        internal const int Ed25519PublicKeyBytes = 32;
        internal const int Ed25519SecretKeyBytes = 64;
        internal const int Ed25519SignatureBytes = 64;

        /// <summary>
        /// <c>crypto_sign_ed25519_seed_keypair</c>: RFC 8032 §5.1.5 key generation from a 32-byte
        /// seed. The secret key is libsodium's 64-byte form, seed ‖ public key. Always returns 0.
        /// </summary>
        internal static void Ed25519SeedKeypair(Span<byte> publicKey, SodiumSecretHandle secretKey, ReadOnlySpan<byte> seed)
        {
            NativeCall.RequireLength(publicKey, Ed25519PublicKeyBytes);
            NativeCall.RequireLength(seed, Ed25519SeedBytes);
            RequireEd25519SecretKey(secretKey);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_sign_ed25519_seed_keypair(publicKey, secretKey, seed), nameof(crypto_sign_ed25519_seed_keypair));
        }

        /// <summary><c>crypto_sign_ed25519_sk_to_seed</c>: copies the seed out of a secret key. Always returns 0.</summary>
        internal static void Ed25519SecretKeyToSeed(Span<byte> seed, SodiumSecretHandle secretKey)
        {
            NativeCall.RequireLength(seed, Ed25519SeedBytes);
            RequireEd25519SecretKey(secretKey);
            EnsureInitialized();
            NativeCall.ThrowIfFailed(crypto_sign_ed25519_sk_to_seed(seed, secretKey), nameof(crypto_sign_ed25519_sk_to_seed));
        }

        /// <summary><c>crypto_sign_ed25519_detached</c>: RFC 8032 §5.1.6 signing. Always returns 0.</summary>
        internal static void Ed25519SignDetached(Span<byte> signature, ReadOnlySpan<byte> message, SodiumSecretHandle secretKey)
        {
            NativeCall.RequireLength(signature, Ed25519SignatureBytes);
            RequireEd25519SecretKey(secretKey);
            EnsureInitialized();
            var result = crypto_sign_ed25519_detached(signature, out var written, message, (ulong)message.Length, secretKey);
            NativeCall.ThrowIfFailed(result, nameof(crypto_sign_ed25519_detached));
            if (written != Ed25519SignatureBytes)
            {
                throw new CryptographicException($"crypto_sign_ed25519_detached wrote {written} bytes instead of {Ed25519SignatureBytes}.");
            }
        }

        /// <summary>
        /// <c>crypto_sign_ed25519_verify_detached</c>: 0 when the signature is valid, −1 otherwise
        /// (an expected outcome, returned as false). libsodium 1.0.18 verifies strictly and
        /// cofactorless; see <see cref="Signatures.Ed25519PublicKey.Verify"/>.
        /// </summary>
        internal static bool Ed25519VerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
        {
            NativeCall.RequireLength(signature, Ed25519SignatureBytes);
            NativeCall.RequireLength(publicKey, Ed25519PublicKeyBytes);
            EnsureInitialized();
            return crypto_sign_ed25519_verify_detached(signature, message, (ulong)message.Length, publicKey) == 0;
        }

        private static void RequireEd25519SecretKey(SodiumSecretHandle secretKey)
        {
            if (secretKey.Length != Ed25519SecretKeyBytes)
            {
                throw new ArgumentException($"An Ed25519 secret key takes {Ed25519SecretKeyBytes} bytes.", nameof(secretKey));
            }
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_sign_ed25519_seed_keypair(Span<byte> pk, SodiumSecretHandle sk, ReadOnlySpan<byte> seed);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_sign_ed25519_sk_to_seed(Span<byte> seed, SodiumSecretHandle sk);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_sign_ed25519_detached(
            Span<byte> sig, out ulong siglen, ReadOnlySpan<byte> m, ulong mlen, SodiumSecretHandle sk);

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_sign_ed25519_verify_detached(
            ReadOnlySpan<byte> sig, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> pk);
    }
}
