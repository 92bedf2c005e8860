using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Native = Arcanum.Crypto.Interop.Interop.Secp256k1;

namespace Arcanum.Crypto.SafeHandles;

/// <summary>
/// A libsecp256k1 context (<c>secp256k1_context*</c>), destroyed on release. Contexts are created
/// with SECP256K1_CONTEXT_NONE (since 0.2.0 every context signs and verifies; the SIGN/VERIFY
/// flags are deprecated) and randomized once at creation with <c>secp256k1_context_randomize</c>,
/// which blinds the base-point multiplication against side channels; the seed is not key material.
/// Because randomization happens before the handle is shared, the context is then used from any
/// number of threads without locking (secp256k1.h, "Regarding randomization").
/// </summary>
internal sealed class Secp256k1ContextHandle : SafeHandle
{
    private const int SeedLength = 32;

    private static readonly Lazy<Secp256k1ContextHandle> Shared = new(CreateDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Used by the interop marshaller when <c>secp256k1_context_create</c> returns.</summary>
    public Secp256k1ContextHandle()
        : base(0, ownsHandle: true)
    {
    }

    /// <summary>The process-wide context, created and randomized on first use.</summary>
    public static Secp256k1ContextHandle Default => Shared.Value;

    public override bool IsInvalid => handle == 0;

    /// <summary>Creates a context and randomizes it with a 32-byte <paramref name="seed"/>.</summary>
    public static Secp256k1ContextHandle Create(ReadOnlySpan<byte> seed)
    {
        var context = Native.CreateContext();
        try
        {
            Native.RandomizeContext(context, seed);
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        Native.DestroyContext(handle);
        return true;
    }

    private static Secp256k1ContextHandle CreateDefault()
    {
        Span<byte> seed = stackalloc byte[SeedLength];
        try
        {
            RandomNumberGenerator.Fill(seed); // ambient-rng-ok: side-channel blinding seed, not key material
            return Create(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
