using System.Runtime.InteropServices;

namespace Arcanum.Crypto.Interop;

internal static partial class Interop
{
    /// <summary>sodium/crypto_pwhash.h, used only with <c>crypto_pwhash_ALG_ARGON2ID13</c> (Argon2id v1.3, RFC 9106).</summary>
    internal static partial class Sodium
    {
        /// <summary><c>crypto_pwhash_saltbytes</c>: the salt length (16).</summary>
        internal static int PwHashSaltBytes()
        {
            EnsureInitialized();
            return checked((int)crypto_pwhash_saltbytes());
        }

        /// <summary><c>crypto_pwhash_bytes_min</c> and <c>_max</c>: the output lengths accepted.</summary>
        internal static (ulong Min, ulong Max) PwHashOutputLengthRange()
        {
            EnsureInitialized();
            return (crypto_pwhash_bytes_min(), crypto_pwhash_bytes_max());
        }

        /// <summary><c>crypto_pwhash_passwd_min</c> and <c>_max</c>: the password lengths accepted.</summary>
        internal static (ulong Min, ulong Max) PwHashPasswordLengthRange()
        {
            EnsureInitialized();
            return (crypto_pwhash_passwd_min(), crypto_pwhash_passwd_max());
        }

        /// <summary><c>crypto_pwhash_opslimit_min</c> and <c>_max</c> (Argon2id: passes over memory).</summary>
        internal static (ulong Min, ulong Max) PwHashOpsLimitRange()
        {
            EnsureInitialized();
            return (crypto_pwhash_opslimit_min(), crypto_pwhash_opslimit_max());
        }

        /// <summary><c>crypto_pwhash_memlimit_min</c> and <c>_max</c>, in bytes.</summary>
        internal static (ulong Min, ulong Max) PwHashMemLimitRange()
        {
            EnsureInitialized();
            return (crypto_pwhash_memlimit_min(), crypto_pwhash_memlimit_max());
        }

        /// <summary>
        /// <c>crypto_pwhash</c> with <c>crypto_pwhash_alg_argon2id13()</c>: Argon2id, one lane, t =
        /// <paramref name="opsLimit"/>, m = <paramref name="memLimit"/> / 1024 KiB. It returns −1 for
        /// parameters outside the library's limits (callers validate those first) or when the memory
        /// cannot be allocated, which is what remains and is reported as
        /// <see cref="InsufficientMemoryException"/>.
        /// </summary>
        internal static void PwHashArgon2id(Span<byte> output, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt,
            ulong opsLimit, nuint memLimit)
        {
            NativeCall.RequireLength(salt, PwHashSaltBytes());
            EnsureInitialized();

            // The header declares every pointer nonnull, and an empty span would marshal as NULL: hand
            // over a one-byte buffer instead and pass the real length (0) beside it.
            ReadOnlySpan<byte> passwordPointer = password.IsEmpty ? stackalloc byte[1] : password;
            var result = crypto_pwhash(output, (ulong)output.Length, passwordPointer, (ulong)password.Length, salt,
                opsLimit, memLimit, crypto_pwhash_alg_argon2id13());
            if (result != 0)
            {
                throw new InsufficientMemoryException(
                    $"Argon2id could not run with a memory limit of {memLimit} bytes (crypto_pwhash returned {result}).");
            }
        }

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_pwhash_alg_argon2id13();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_saltbytes();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_bytes_min();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_bytes_max();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_passwd_min();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_passwd_max();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_opslimit_min();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_opslimit_max();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_memlimit_min();

        [LibraryImport(Libraries.Sodium)]
        private static partial nuint crypto_pwhash_memlimit_max();

        [LibraryImport(Libraries.Sodium)]
        private static partial int crypto_pwhash(Span<byte> @out, ulong outlen, ReadOnlySpan<byte> passwd, ulong passwdlen,
            ReadOnlySpan<byte> salt, ulong opslimit, nuint memlimit, int alg);
    }
}
