using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// Repair of one lost share (Laing–Stinson 2017, §4, as in ZF frost's keys::repairable): helpers H
/// (|H| ≥ t) restore f(r) for participant r without anyone learning another party's share.
/// Session parties are H ∪ {r}.
/// <list type="number">
/// <item>Round 1, each helper i: Δ_i = ζ_i·s_i with ζ_i = λ_i(r) over H, split into random parts
/// δ_{i,j} (Σ_j δ_{i,j} = Δ_i); broadcast D_{i,j} = δ_{i,j}·G for all j, send δ_{i,j} to helper j.
/// r sends nothing.</item>
/// <item>Round 2, each helper j: check δ_{i,j}·G = D_{i,j}, send σ_j = Σ_i δ_{i,j} to r.</item>
/// <item>r: check σ_j·G = Σ_i D_{i,j}, s_r = Σ_j σ_j, check s_r·G = Y_r.</item>
/// </list>
/// Departure from the paper: the commitments D_{i,j} (and their checks) are Arcanum's addition, so
/// a helper that splits a wrong Δ_i, sends a part that does not match, or sends a wrong σ is named.
/// They reveal nothing beyond the public Y_i: Σ_j D_{i,j} = ζ_i·Y_i is public already.
/// </summary>
public static class ShareRepair
{
    /// <summary>Starts helper <paramref name="share"/>.Id; aborts at once (blaming nobody) when the plan cannot work.</summary>
    public static RoundResult<RepairOutput<TPoint, TScalar>> StartHelper<TPoint, TScalar>(
        SessionId session, KeyShare<TPoint, TScalar> share, PartyId target, IEnumerable<PartyId> helpers, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(rng);
        var plan = RepairPlan<TPoint, TScalar>.TryCreate(share.GroupKey, target, helpers, out var error);
        if (plan is null || plan.PositionOf(share.Id) < 0)
        {
            return Invalid<TPoint, TScalar>(plan is null ? error : $"{share.Id} is not one of the helpers");
        }

        var context = new ProtocolContext(session, share.Id, plan.Parties);

        // Step 1: Δ_i = ζ_i·s_i, split into one part per helper (ascending), committed as D_{i,j}.
        var parts = ShareRepairSteps.SplitDelta(plan.Coefficient(share.Id) * share.Secret, plan.Helpers.Count, rng);
        var broadcast = Round<RepairOutput<TPoint, TScalar>>.Message(
            context, 1, null, RepairCodec.EncodeCommitments<TPoint, TScalar>(parts.Select(TPoint.MultiplyBase)), echo: null);
        var outgoing = new List<ProtocolMessage> { broadcast };
        foreach (var helper in context.Others.Where(p => p != target))
        {
            var delta = new RepairDelta { Delta = ByteString.CopyFrom(RepairCodec.EncodeScalar(parts[plan.PositionOf(helper)])) };
            outgoing.Add(Round<RepairOutput<TPoint, TScalar>>.Message(context, 1, helper, delta, echo: null));
        }

        var round = new HelperRound<TPoint, TScalar>(context, plan, broadcast, parts[plan.PositionOf(share.Id)]);
        Array.Clear(parts);
        return new RoundResult<RepairOutput<TPoint, TScalar>>.Continue(round, outgoing);
    }

    /// <summary>Starts the target r, which knows the public <paramref name="groupKey"/> but has lost its share.</summary>
    public static RoundResult<RepairOutput<TPoint, TScalar>> StartTarget<TPoint, TScalar>(
        SessionId session, GroupKey<TPoint, TScalar> groupKey, PartyId target, IEnumerable<PartyId> helpers)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var plan = RepairPlan<TPoint, TScalar>.TryCreate(groupKey, target, helpers, out var error);
        if (plan is null)
        {
            return Invalid<TPoint, TScalar>(error);
        }

        var context = new ProtocolContext(session, target, plan.Parties);
        return new RoundResult<RepairOutput<TPoint, TScalar>>.Continue(new TargetRound1<TPoint, TScalar>(context, plan), []);
    }

    private static RoundResult<RepairOutput<TPoint, TScalar>> Invalid<TPoint, TScalar>(string reason)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        new RoundResult<RepairOutput<TPoint, TScalar>>.Aborted(new Abort($"share repair cannot start: {reason}", []));
}
