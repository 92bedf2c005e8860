using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.Kdf;

/// <summary>
/// Argon2id version 1.3 (RFC 9106) turning a password into key material, through libsodium's
/// <c>crypto_pwhash</c> with <c>crypto_pwhash_ALG_ARGON2ID13</c>: one lane, t = opsLimit passes,
/// m = memoryLimit / 1024 KiB, no secret or associated data. The limits are the library's own.
/// </summary>
public static class Argon2id
{
    /// <summary>The salt length, <c>crypto_pwhash_SALTBYTES</c> (16).</summary>
    public static int SaltLength => Sodium.PwHashSaltBytes();

    /// <summary>Smallest and largest output length, <c>crypto_pwhash_BYTES_MIN</c> and <c>_MAX</c>.</summary>
    public static (ulong Min, ulong Max) OutputLengthRange => Sodium.PwHashOutputLengthRange();

    /// <summary>Password lengths accepted, <c>crypto_pwhash_PASSWD_MIN</c> and <c>_MAX</c>.</summary>
    public static (ulong Min, ulong Max) PasswordLengthRange => Sodium.PwHashPasswordLengthRange();

    /// <summary>Passes over memory accepted, <c>crypto_pwhash_OPSLIMIT_MIN</c> and <c>_MAX</c>.</summary>
    public static (ulong Min, ulong Max) OpsLimitRange => Sodium.PwHashOpsLimitRange();

    /// <summary>Memory accepted in bytes, <c>crypto_pwhash_MEMLIMIT_MIN</c> and <c>_MAX</c>.</summary>
    public static (ulong Min, ulong Max) MemoryLimitRange => Sodium.PwHashMemLimitRange();

    /// <summary>
    /// Fills <paramref name="destination"/> with Argon2id(password, salt). Every parameter is checked
    /// against the library's limits first, and an out-of-range one throws an
    /// <see cref="ArgumentException"/> naming it; <see cref="InsufficientMemoryException"/> means the
    /// memory could not be allocated.
    /// </summary>
    /// <param name="password">The password bytes (any length the library accepts, including empty).</param>
    /// <param name="salt">Exactly <see cref="SaltLength"/> bytes, unique per derived key.</param>
    /// <param name="opsLimit">Passes over memory (Argon2 t).</param>
    /// <param name="memoryLimitBytes">Memory in bytes (Argon2 m × 1024).</param>
    /// <param name="destination">The output key; its length is the output length.</param>
    public static void DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ulong opsLimit, ulong memoryLimitBytes,
        Span<byte> destination)
    {
        if (salt.Length != SaltLength)
        {
            throw new ArgumentException($"The salt must be exactly {SaltLength} bytes long.", nameof(salt));
        }

        RequireInRange((ulong)password.Length, PasswordLengthRange, nameof(password), "password length");
        RequireInRange(opsLimit, OpsLimitRange, nameof(opsLimit), "opsLimit");
        RequireInRange(memoryLimitBytes, MemoryLimitRange, nameof(memoryLimitBytes), "memory limit");
        RequireInRange((ulong)destination.Length, OutputLengthRange, nameof(destination), "output length");

        Sodium.PwHashArgon2id(destination, password, salt, opsLimit, checked((nuint)memoryLimitBytes));
    }

    private static void RequireInRange(ulong value, (ulong Min, ulong Max) range, string parameter, string what)
    {
        if (value < range.Min || value > range.Max)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"The {what} must be between {range.Min} and {range.Max}.");
        }
    }
}
