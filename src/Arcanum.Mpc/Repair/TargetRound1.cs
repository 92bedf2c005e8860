using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// The target r's first round: it sends nothing and consumes every helper's round-1 broadcast
/// D_{i,·}, from which it computes the commitment each σ_j must match: S_j = Σ_i D_{i,j}.
/// </summary>
internal sealed class TargetRound1<TPoint, TScalar> : RepairRound<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public TargetRound1(ProtocolContext context, RepairPlan<TPoint, TScalar> plan)
        : base(context, plan, 1, RoundInputs.Broadcast, ownBroadcast: null, expectedEcho: null)
    {
    }

    protected override MessageCheck VerifyContent(ProtocolMessage message) => VerifyCommitments(message);

    protected override RoundResult<RepairOutput<TPoint, TScalar>> Complete(RandomNumberGenerator rng)
    {
        var sigmaCommitments = new Dictionary<PartyId, TPoint>(Plan.Helpers.Count);
        foreach (var recipient in Plan.Helpers)
        {
            var position = Plan.PositionOf(recipient);
            var sum = TPoint.Identity;
            foreach (var dealer in Plan.Helpers)
            {
                sum += BroadcastFrom<TPoint[]>(dealer)[position];
            }

            sigmaCommitments[recipient] = sum;
        }

        return Next(new TargetRound2<TPoint, TScalar>(Context, Plan, sigmaCommitments, EchoOfBroadcasts()), []);
    }
}
