using System.Runtime.InteropServices;
using Sodium = Arcanum.Crypto.Interop.Interop.Sodium;

namespace Arcanum.Crypto.SafeHandles;

/// <summary>
/// Owns a region from <c>sodium_malloc</c> holding a long-lived secret (an Ed25519 secret key): the
/// region sits right before a guard page, is locked against swapping where the system allows, and
/// <c>sodium_free</c> zeroes it before releasing it. Passed to native functions as a
/// <see cref="SafeHandle"/>, so it cannot be freed while a call is using it.
/// </summary>
internal sealed class SodiumSecretHandle : SafeHandle
{
    /// <summary>Used by the interop marshaller, which sets the handle returned by <c>sodium_malloc</c>.</summary>
    public SodiumSecretHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    /// <summary>The size of the region in bytes.</summary>
    public int Length { get; private set; }

    public override bool IsInvalid => handle == 0;

    /// <summary>Allocates <paramref name="length"/> guarded bytes; throws <see cref="OutOfMemoryException"/> when that fails.</summary>
    public static SodiumSecretHandle Allocate(int length)
    {
        var secret = Sodium.Malloc(length);
        secret.Length = length;
        return secret;
    }

    protected override bool ReleaseHandle()
    {
        Sodium.Free(handle);
        return true;
    }
}
