using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Repair;

/// <summary>
/// A helper j's only round: it consumes every other helper's round-1 broadcast (D_{i,·}) and part
/// δ_{i,j}, checks δ_{i,j}·G = D_{i,j}, and sends σ_j = Σ_i δ_{i,j} (its own part included) to r
/// (Laing–Stinson §4 step 2). The σ message carries the echo of the round-1 broadcasts, so r sees
/// whether a helper equivocated.
/// </summary>
internal sealed class HelperRound<TPoint, TScalar> : RepairRound<TPoint, TScalar>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private TScalar _ownPart;

    public HelperRound(ProtocolContext context, RepairPlan<TPoint, TScalar> plan, ProtocolMessage ownBroadcast, TScalar ownPart)
        : base(context, plan, 1, RoundInputs.BroadcastAndUnicast, ownBroadcast, expectedEcho: null)
    {
        _ownPart = ownPart;
    }

    protected override MessageCheck VerifyContent(ProtocolMessage message)
    {
        if (message.IsBroadcast)
        {
            return VerifyCommitments(message);
        }

        return RepairCodec.TryDecodeScalar<RepairDelta, TScalar>(message, RepairDelta.Parser, m => m.Delta, out var delta) is { } fault
            ? Reject(message, fault)
            : Accept(message, delta);
    }

    protected override RoundResult<RepairOutput<TPoint, TScalar>> Complete(RandomNumberGenerator rng)
    {
        var position = Plan.PositionOf(Context.Self);
        var received = new List<TScalar>(Plan.Helpers.Count) { _ownPart };
        _ownPart = default;
        foreach (var helper in Senders.Order())
        {
            var delta = UnicastFrom<TScalar>(helper);
            if (TPoint.MultiplyBase(delta) != BroadcastFrom<TPoint[]>(helper)[position])
            {
                return Fail(Abort.Blame(helper, $"its part δ for {Context.Self} does not match its commitment D"));
            }

            received.Add(delta);
        }

        var sigma = ShareRepairSteps.Sigma(received);
        received.Clear();
        var message = Unicast(2, Plan.Target, new RepairSigma { Sigma = ByteString.CopyFrom(RepairCodec.EncodeScalar(sigma)) }, EchoOfBroadcasts());
        return new RoundResult<RepairOutput<TPoint, TScalar>>.Done(RepairOutput<TPoint, TScalar>.Helped, [message]);
    }
}
