using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Keys;

/// <summary>
/// One party's secret share s_i of a threshold key together with the key's public data (ZF frost's
/// KeyPackage). The share is zeroed on <see cref="Dispose"/>, prints as [redacted], and is only
/// handed to protocol code through <see cref="Secret"/>.
/// </summary>
public sealed class KeyShare<TPoint, TScalar> : IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private TScalar _secret;
    private bool _disposed;

    public KeyShare(PartyId id, TScalar secret, GroupKey<TPoint, TScalar> groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        if (!groupKey.VerificationShares.TryGetValue(id, out var verificationShare))
        {
            throw new ArgumentException($"{id} has no verification share in the group key.", nameof(id));
        }

        if (TPoint.MultiplyBase(secret) != verificationShare)
        {
            throw new ArgumentException($"The secret share does not match {id}'s verification share.", nameof(secret));
        }

        Id = id;
        _secret = secret;
        GroupKey = groupKey;
    }

    /// <summary>For transformations whose consistency follows from the source share's.</summary>
    private KeyShare(GroupKey<TPoint, TScalar> groupKey, PartyId id, TScalar secret)
    {
        Id = id;
        _secret = secret;
        GroupKey = groupKey;
    }

    public PartyId Id { get; }

    public GroupKey<TPoint, TScalar> GroupKey { get; }

    /// <summary>Y_i, this party's public verification share.</summary>
    public TPoint VerificationShare => GroupKey.VerificationShares[Id];

    /// <summary>s_i. Throws after <see cref="Dispose"/>.</summary>
    public TScalar Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The share of secret s + t (see <see cref="GroupKey{TPoint, TScalar}.Tweak"/>).</summary>
    public KeyShare<TPoint, TScalar> Tweak(TScalar tweak) => new(GroupKey.Tweak(tweak), Id, Secret + tweak);

    /// <summary>The share of secret −s (see <see cref="GroupKey{TPoint, TScalar}.Negate"/>).</summary>
    public KeyShare<TPoint, TScalar> Negate() => new(GroupKey.Negate(), Id, -Secret);

    public void Dispose()
    {
        _secret = default;
        _disposed = true;
    }

    public override string ToString() => $"KeyShare({Id}, [redacted])";
}
