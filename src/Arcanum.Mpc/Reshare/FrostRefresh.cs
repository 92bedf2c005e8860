using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Reshare;

/// <summary>
/// Proactive refresh (Herzberg et al. 1995): the whole committee reshares the key to itself with
/// the same threshold — same PK and chain code, fresh shares on a new random polynomial, so old
/// shares do not combine with new ones. It is a reshare with D = N = the key's parties (each
/// member deals λ_i·s_i), rather than Herzberg's zero-constant-term update; the two are equivalent
/// in what they guarantee, and this keeps one dealing engine.
/// </summary>
public static class FrostRefresh
{
    /// <summary>Starts this party's refresh of <paramref name="share"/>; the session's parties must be exactly the key's parties.</summary>
    public static RoundResult<KeyShare<TPoint, TScalar>>.Continue Start<TPoint, TScalar>(
        ProtocolContext context, KeyShare<TPoint, TScalar> share, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(share);
        var parties = share.GroupKey.Parties.ToArray();
        return FrostReshare.Start(context, share.GroupKey, share, parties, parties, share.GroupKey.Threshold, (_, refreshed) => refreshed!, rng);
    }
}
