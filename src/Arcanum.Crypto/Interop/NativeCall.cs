using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Arcanum.Crypto.Interop;

/// <summary>
/// Checks shared by the native wrappers: buffer lengths before a call (native functions that take a
/// bare pointer read or write a fixed number of bytes, so a wrong length would be a memory-safety
/// bug) and return codes after it.
/// </summary>
internal static class NativeCall
{
    internal static void RequireLength(ReadOnlySpan<byte> buffer, int length,
        [CallerArgumentExpression(nameof(buffer))] string? name = null)
    {
        if (buffer.Length != length)
        {
            throw new ArgumentException($"The buffer must be exactly {length} bytes long (it is {buffer.Length}).", name);
        }
    }

    /// <summary>For functions documented to return 0 on success: anything else means a library fault.</summary>
    internal static void ThrowIfFailed(int result, string function)
    {
        if (result != 0)
        {
            throw new CryptographicException($"{function} failed (returned {result}).");
        }
    }
}
