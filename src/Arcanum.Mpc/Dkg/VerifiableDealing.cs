using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// The verifiable dealing engine (Feldman VSS with complaints, docs/dkg.md) behind DKG, refresh
/// and reshare: each dealer in D shares a polynomial of degree t − 1 among the receivers N.
/// <list type="number">
/// <item>Round 1: each dealer broadcasts C_i0 … C_i(t−1) and its constant-term proof, and sends
/// f_i(j) to every receiver j.</item>
/// <item>Round 2: every party broadcasts its complaints and its round-1 transcript hash, echoing
/// round 1. No complaint: every receiver outputs s_j = Σ_i f_i(j), everyone the same public data.</item>
/// <item>Round 3 (after a complaint): accused dealers reveal the disputed shares; all abort naming
/// the same culprits.</item>
/// </list>
/// </summary>
internal static class VerifiableDealing
{
    /// <summary>
    /// Round 1 for this party: its commitment, proof and shares when it deals (its constant term
    /// a_i0 = <paramref name="constantTerm"/>, the other coefficients random), nothing otherwise.
    /// </summary>
    public static RoundResult<TOutput>.Continue Start<TPoint, TScalar, TOutput>(
        ProtocolContext context, DealingRules<TPoint, TScalar, TOutput> rules, TScalar? constantTerm, RandomNumberGenerator rng)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(rng);
        if (!context.Parties.ToHashSet().SetEquals(rules.Dealers.Concat(rules.Receivers)))
        {
            throw new ArgumentException("The session's parties must be exactly the dealers and the receivers.", nameof(context));
        }

        if (rules.Dealers.Count < 2)
        {
            throw new ArgumentException("A dealing needs at least two dealers (each waits for the others' round 1).", nameof(rules));
        }

        if (constantTerm.HasValue != rules.IsDealer(context.Self))
        {
            throw new ArgumentException("A dealer needs its constant term; a party that does not deal has none.", nameof(constantTerm));
        }

        var run = new DealingRun<TPoint, TScalar, TOutput>(context, rules);
        if (constantTerm is not { } secret)
        {
            return new RoundResult<TOutput>.Continue(new CommitmentRound<TPoint, TScalar, TOutput>(run, null), []);
        }

        var coefficients = new TScalar[rules.Threshold];
        try
        {
            coefficients[0] = secret;
            for (var k = 1; k < coefficients.Length; k++)
            {
                coefficients[k] = TScalar.Random(rng);
            }

            var commitment = DealingMath.Commit<TPoint, TScalar>(coefficients);
            var proof = rules.ProveConstantTerm(context.Session, context.Self, secret, rng);
            run.OwnDealing = new DealerCommitment<TPoint, TScalar>(commitment, proof);
            var broadcast = Round<TOutput>.Message(context, CommitmentRound<TPoint, TScalar, TOutput>.RoundNumber, null, DealingWire.EncodeCommitment(commitment, proof), null);
            var outgoing = new List<ProtocolMessage> { broadcast };
            foreach (var receiver in rules.Receivers)
            {
                var share = DealingMath.Evaluate<TScalar>(coefficients, receiver);
                if (receiver == context.Self)
                {
                    run.OwnShare = share;
                    continue;
                }

                run.RecordSentShare(receiver, share);
                outgoing.Add(Round<TOutput>.Message(
                    context, CommitmentRound<TPoint, TScalar, TOutput>.RoundNumber, receiver, new FrostDkgShare { Share = DealingWire.Encode(share) }, null));
            }

            return new RoundResult<TOutput>.Continue(new CommitmentRound<TPoint, TScalar, TOutput>(run, broadcast), outgoing);
        }
        finally
        {
            Array.Clear(coefficients);
        }
    }
}
