using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>A signer's released signature share z_i (RFC 9591 §5.2 output). Public once released.</summary>
public readonly record struct SignatureShare<TScalar>(PartyId Signer, TScalar Value)
    where TScalar : struct, IScalar<TScalar>;
