using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Ecdsa.Ot;

/// <summary>
/// The RVOLE sender's reply: τ (ξ rows × 2ℓ payloads, row-major, each a canonical 32-byte scalar) ‖
/// γ (ℓ scalars) ‖ u (ℓ scalars) ‖ SHA-256 of r. The receiver decodes it into this holder, whose
/// buffers (and the receiver's scratch shares z̃^B) are zeroed on dispose.
/// </summary>
internal sealed class RvoleReply : IDisposable
{
    public const int TauCount = OtParameters.BatchSize * OtParameters.OtWidth;
    public const int GammaOffset = TauCount * Secp256k1Scalar.Length;
    public const int UOffset = GammaOffset + (OtParameters.VoleWidth * Secp256k1Scalar.Length);
    public const int CheckHashOffset = UOffset + (OtParameters.VoleWidth * Secp256k1Scalar.Length);
    public const int Length = CheckHashOffset + SHA256.HashSizeInBytes;

    /// <summary>τ_{j,k} at index j·2ℓ + k.</summary>
    public Secp256k1Scalar[] Tau { get; } = new Secp256k1Scalar[TauCount];

    public Secp256k1Scalar[] Gamma { get; } = new Secp256k1Scalar[OtParameters.VoleWidth];

    public Secp256k1Scalar[] U { get; } = new Secp256k1Scalar[OtParameters.VoleWidth];

    public byte[] CheckHash { get; } = new byte[SHA256.HashSizeInBytes];

    /// <summary>Scratch for the receiver's z̃^B_{i,j} at index i·ξ + j.</summary>
    public Secp256k1Scalar[] ReceiverShares { get; } = new Secp256k1Scalar[OtParameters.VoleWidth * OtParameters.BatchSize];

    /// <summary>Scratch for the receiver's recomputed r (<see cref="Rvole.CheckValueOffset"/>).</summary>
    public byte[] CheckValues { get; } = new byte[Rvole.CheckValuesLength];

    /// <summary>The byte offset of τ_{j,k}.</summary>
    public static int TauOffset(int row, int payload) => ((row * OtParameters.OtWidth) + payload) * Secp256k1Scalar.Length;

    /// <summary>The part of a reply the challenges χ̃, χ̂ are drawn from: τ ‖ γ.</summary>
    public static ReadOnlySpan<byte> Challenged(ReadOnlySpan<byte> reply) => reply[..UOffset];

    /// <summary>Exact length, every scalar canonical; the reason names the first bad field.</summary>
    public bool TryDecode(ReadOnlySpan<byte> reply, out string error)
    {
        if (reply.Length != Length)
        {
            error = $"the sender's reply has {reply.Length} bytes, not {Length}";
            return false;
        }

        if (!TryDecodeScalars(reply, 0, Tau, "τ", out error)
            || !TryDecodeScalars(reply, GammaOffset, Gamma, "γ", out error)
            || !TryDecodeScalars(reply, UOffset, U, "u", out error))
        {
            return false;
        }

        reply[CheckHashOffset..].CopyTo(CheckHash);
        return true;
    }

    public void Dispose()
    {
        Array.Clear(Tau);
        Array.Clear(Gamma);
        Array.Clear(U);
        Array.Clear(ReceiverShares);
        CryptographicOperations.ZeroMemory(CheckValues);
    }

    private static bool TryDecodeScalars(ReadOnlySpan<byte> reply, int offset, Span<Secp256k1Scalar> values, string name, out string error)
    {
        for (var n = 0; n < values.Length; n++)
        {
            if (!Secp256k1Scalar.TryDecode(reply.Slice(offset + (n * Secp256k1Scalar.Length), Secp256k1Scalar.Length), out values[n]))
            {
                error = $"{name}[{n}] is not a canonical scalar";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }
}
