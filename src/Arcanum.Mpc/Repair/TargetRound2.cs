using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// The target r's second round (Laing–Stinson §4 step 3): it consumes each helper j's σ_j, checks
/// σ_j·G = S_j (so a helper that sends a wrong σ is named), adds them up to s_r and checks
/// s_r·G = Y_r against the group key before it outputs the restored share.
/// </summary>
internal sealed class TargetRound2<TPoint, TScalar> : RepairRound<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly IReadOnlyDictionary<PartyId, TPoint> _sigmaCommitments;

    public TargetRound2(ProtocolContext context, RepairPlan<TPoint, TScalar> plan, IReadOnlyDictionary<PartyId, TPoint> sigmaCommitments, BroadcastEcho round1Echo)
        : base(context, plan, 2, RoundInputs.Unicast, ownBroadcast: null, expectedEcho: round1Echo)
    {
        _sigmaCommitments = sigmaCommitments;
    }

    protected override MessageCheck VerifyContent(ProtocolMessage message)
    {
        if (RepairCodec.TryDecodeScalar<RepairSigma, TScalar>(message, RepairSigma.Parser, m => m.Sigma, out var sigma) is { } fault)
        {
            return Reject(message, fault);
        }

        return TPoint.MultiplyBase(sigma) == _sigmaCommitments[message.From]
            ? Accept(message, sigma)
            : MessageCheck.Fault(message.From, "its σ does not match the sum of the committed parts it received");
    }

    protected override RoundResult<RepairOutput<TPoint, TScalar>> Complete(RandomNumberGenerator rng)
    {
        var secret = ShareRepairSteps.RepairedShare(Plan.Helpers.Select(UnicastFrom<TScalar>));

        // Every σ_j matched S_j and every D_{i,·} added up to ζ_i·Y_i, so s_r·G = Σ_i ζ_i·Y_i. That
        // equals Y_r exactly when the verification shares in the group key lie on one polynomial of
        // degree < |H|; a mismatch means r was given an inconsistent group key, not that a helper cheated.
        if (TPoint.MultiplyBase(secret) != Plan.GroupKey.VerificationShares[Plan.Target])
        {
            return Fail(new Abort("the restored share does not match Y_r: the group key's verification shares are inconsistent", []));
        }

        return new RoundResult<RepairOutput<TPoint, TScalar>>.Done(
            new RepairOutput<TPoint, TScalar>(new KeyShare<TPoint, TScalar>(Plan.Target, secret, Plan.GroupKey)), []);
    }
}
