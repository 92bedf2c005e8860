using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Derivation;

/// <summary>
/// Non-hardened derivation of threshold keys (ARCHITECTURE §3 "Derivation"): the public steps run
/// on the group key and chain code; each party then adds the total tweak to its own share locally
/// (no protocol run: the tweak is public and Σλ_i = 1, so s_i + T are shares of s + T).
/// </summary>
public static class KeyDerivation
{
    /// <summary>The child group key at <paramref name="path"/>, or which step has no valid child.</summary>
    public static DerivationResult<TPoint, TScalar> Derive<TPoint, TScalar>(
        IDerivationScheme<TPoint, TScalar> scheme, GroupKey<TPoint, TScalar> parent, DerivationPath path)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(path);
        var key = parent.PublicKey;
        var chainCode = parent.ChainCode.ToArray();
        var childChainCode = new byte[GroupKey<TPoint, TScalar>.ChainCodeLength];
        var total = TScalar.Zero;
        for (var step = 0; step < path.Indices.Count; step++)
        {
            var index = path.Indices[step];
            if (!scheme.TryDeriveStep(key, chainCode, index, out var tweak, childChainCode)
                || key + TPoint.MultiplyBase(tweak) is not { IsIdentity: false } childKey)
            {
                return new(null, DerivationError.InvalidChild,
                    $"step {step + 1} (index {index}) of {path} has no valid child; BIP32 says to use the next index instead");
            }

            key = childKey;
            total += tweak;
            (chainCode, childChainCode) = (childChainCode, chainCode);
        }

        var tweaked = parent.Tweak(total);
        var child = new GroupKey<TPoint, TScalar>(tweaked.PublicKey, tweaked.VerificationShares, parent.Threshold, chainCode);
        return new(new DerivedKey<TPoint, TScalar>(child, total, path), DerivationError.None, "derived");
    }

    /// <summary>
    /// This party's share of <paramref name="child"/>: s_i + T, what KeyShare.Tweak(T) computes,
    /// under the child group key (which carries the child chain code). The caller disposes the result as it does any share.
    /// </summary>
    public static KeyShare<TPoint, TScalar> DeriveShare<TPoint, TScalar>(KeyShare<TPoint, TScalar> share, DerivedKey<TPoint, TScalar> child)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(child);

        // The KeyShare constructor checks (s_i + T)·G = Y_i + T·G, so a child of another key is refused.
        return new KeyShare<TPoint, TScalar>(share.Id, share.Secret + child.Tweak, child.GroupKey);
    }
}
