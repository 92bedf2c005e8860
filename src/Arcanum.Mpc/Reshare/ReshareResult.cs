using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;

namespace Arcanum.Mpc.Reshare;

/// <summary>
/// What a reshare gives one party: the new committee's public key data (same PK and chain code as
/// before, new threshold and verification shares) and, for a member of the new committee, its new
/// share. A party that was only in the old committee gets the new <see cref="GroupKey"/> and no
/// share — its completion marker, and the public data it may keep to verify the new committee.
/// </summary>
public sealed class ReshareResult<TPoint, TScalar>(GroupKey<TPoint, TScalar> groupKey, KeyShare<TPoint, TScalar>? share) : IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public GroupKey<TPoint, TScalar> GroupKey { get; } = groupKey;

    /// <summary>This party's new share; null when it is not in the new committee.</summary>
    public KeyShare<TPoint, TScalar>? Share { get; } = share;

    public void Dispose() => Share?.Dispose();

    public override string ToString() => Share is null ? "ReshareResult(no share)" : $"ReshareResult({Share})";
}
