using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Derivation;

/// <summary>
/// A child of a threshold key: its group key (child key, verification shares Y_i + T·G, child chain
/// code) and the total tweak T = Σ I_L along <see cref="Path"/>, which each party adds to its share.
/// T is public (anyone with the parent key and chain code computes it).
/// </summary>
public sealed record DerivedKey<TPoint, TScalar>(GroupKey<TPoint, TScalar> GroupKey, TScalar Tweak, DerivationPath Path)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>;

/// <summary>Why a path yields no child.</summary>
public enum DerivationError
{
    None,

    /// <summary>BIP32: I_L ≥ n (or, for Ed25519, I_L = 0) or the child is the point at infinity; BIP32 says to use the next index.</summary>
    InvalidChild,
}

/// <summary>The child key, or the step that has no valid child.</summary>
public sealed record DerivationResult<TPoint, TScalar>(DerivedKey<TPoint, TScalar>? Key, DerivationError Error, string Message)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public bool Succeeded => Key is not null;
}
