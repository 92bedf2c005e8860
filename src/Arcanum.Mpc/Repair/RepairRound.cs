using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Repair;

/// <summary>What the rounds of a repair share: the plan, and the check of a helper's round-1 broadcast.</summary>
internal abstract class RepairRound<TPoint, TScalar> : Round<RepairOutput<TPoint, TScalar>>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    protected RepairRound(
        ProtocolContext context, RepairPlan<TPoint, TScalar> plan, int number, RoundInputs inputs, ProtocolMessage? ownBroadcast, BroadcastEcho? expectedEcho)
        : base(context, number, inputs, ownBroadcast, expectedEcho, senders: plan.Helpers)
    {
        Plan = plan;
    }

    protected RepairPlan<TPoint, TScalar> Plan { get; }

    /// <summary>
    /// Round 1 broadcast of helper i: D_{i,1..|H|} with Σ_j D_{i,j} = ζ_i·Y_i (= Δ_i·G). This is the
    /// departure from Laing–Stinson §4, which has no commitments: with them, every party can check
    /// that i split its true Δ_i, and each helper j can check the δ_{i,j} it received.
    /// </summary>
    protected MessageCheck VerifyCommitments(ProtocolMessage message)
    {
        if (RepairCodec.TryDecodeCommitments<TPoint, TScalar>(message, Plan.Helpers.Count, out var commitments) is { } fault)
        {
            return Reject(message, fault);
        }

        var sum = TPoint.Identity;
        foreach (var commitment in commitments)
        {
            sum += commitment;
        }

        return sum == Plan.DeltaCommitment(message.From)
            ? Accept(message, commitments)
            : MessageCheck.Fault(message.From, "its delta commitments do not add up to ζ_i·Y_i: it did not split ζ_i·s_i");
    }

    protected static MessageCheck Reject(ProtocolMessage message, MessageFault fault) => MessageCheck.Fault(message.From, fault.Reason);
}
