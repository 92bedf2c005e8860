using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Derivation;

/// <summary>
/// One non-hardened derivation step on public data only: from the parent key K and chain code c and
/// an index i &lt; 2^31, the additive tweak I_L (child key K + I_L·G) and the child chain code.
/// Because the step needs no secret, every party derives the same tweak and adds it to its own
/// share (Σλ_i = 1 over any signer set, so the shares of s + I_L are s_i + I_L).
/// </summary>
public interface IDerivationScheme<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>
    /// Computes the tweak and writes the 32-byte child chain code. False when this index yields no
    /// valid child (BIP32: I_L ≥ n); the caller reports it (BIP32 says to proceed with the next index).
    /// </summary>
    bool TryDeriveStep(TPoint parentKey, ReadOnlySpan<byte> chainCode, uint index, out TScalar tweak, Span<byte> childChainCode);
}
