using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// Who repairs whose share, checked against the group key before any message is sent: the target r
/// (a party of the key whose share is lost) and at least t (and at least two) distinct helpers, r
/// not among them. Holds what every party checks against: each helper's ζ_i = λ_i(r) and the
/// expected Δ_i·G = ζ_i·Y_i.
/// </summary>
internal sealed class RepairPlan<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly PartyId[] _helpers;
    private readonly Dictionary<PartyId, TScalar> _coefficients;
    private readonly Dictionary<PartyId, TPoint> _deltaCommitments;

    private RepairPlan(GroupKey<TPoint, TScalar> groupKey, PartyId target, PartyId[] helpers)
    {
        GroupKey = groupKey;
        Target = target;
        _helpers = helpers;
        _coefficients = helpers.ToDictionary(h => h, h => ShareRepairSteps.LagrangeCoefficientAt<TScalar>(target, h, helpers));
        _deltaCommitments = helpers.ToDictionary(h => h, h => groupKey.VerificationShares[h] * _coefficients[h]);
    }

    public GroupKey<TPoint, TScalar> GroupKey { get; }

    /// <summary>r, the party whose share is restored.</summary>
    public PartyId Target { get; }

    /// <summary>H, ascending.</summary>
    public IReadOnlyList<PartyId> Helpers => _helpers;

    /// <summary>The position of <paramref name="helper"/> in <see cref="Helpers"/> (and in every D_{i,·} list).</summary>
    public int PositionOf(PartyId helper) => Array.IndexOf(_helpers, helper);

    /// <summary>H ∪ {r}: the parties of the session.</summary>
    public IEnumerable<PartyId> Parties => Helpers.Append(Target);

    /// <summary>ζ_i = λ_i(r) over H.</summary>
    public TScalar Coefficient(PartyId helper) => _coefficients[helper];

    /// <summary>ζ_i·Y_i, which Σ_j D_{i,j} must equal.</summary>
    public TPoint DeltaCommitment(PartyId helper) => _deltaCommitments[helper];

    /// <summary>The plan, or null and the reason it cannot work.</summary>
    public static RepairPlan<TPoint, TScalar>? TryCreate(
        GroupKey<TPoint, TScalar> groupKey, PartyId target, IEnumerable<PartyId> helpers, out string error)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        ArgumentNullException.ThrowIfNull(helpers);
        var sorted = helpers.Order().ToArray();
        var stranger = sorted.Where(h => !groupKey.VerificationShares.ContainsKey(h)).Select(h => (PartyId?)h).FirstOrDefault();
        error = (stranger, sorted.Length) switch
        {
            _ when !groupKey.VerificationShares.ContainsKey(target) => $"{target} holds no share of this key",
            _ when sorted.Distinct().Count() != sorted.Length => "a helper is listed twice",
            _ when sorted.Contains(target) => $"{target} cannot help repair its own share",
            ({ } s, _) => $"helper {s} holds no share of this key",
            (_, var count) when count < groupKey.Threshold =>
                $"{count} helpers cannot repair a share of a {groupKey.Threshold}-of-{groupKey.PartyCount} key; at least {groupKey.Threshold} are needed",
            (_, < 2) => "repair needs at least two helpers (a lone helper's σ would be its own ζ_i·s_i, revealing its share to r)",
            (_, var count) when count >= ProtocolContext.MaxParties => $"at most {ProtocolContext.MaxParties - 1} helpers take part in one repair",
            _ => "",
        };
        return error.Length == 0 ? new RepairPlan<TPoint, TScalar>(groupKey, target, sorted) : null;
    }
}
