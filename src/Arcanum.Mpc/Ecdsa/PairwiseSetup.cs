using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// The one round after key generation, refresh or reshare that gives every pair of the (new)
/// committee its <see cref="PairState"/> (DKLs23 §3 setup; 2023/602 Protocol 9.1's pairwise phase):
/// each party sends every other party, encrypted by the transport, its contribution to the pair's
/// zero-sharing seed and the base-OT messages for both directions (endemic OT: the two messages of
/// each direction are independent, so one simultaneous round suffices). Ends in an
/// <see cref="EcdsaKeyShare"/> or an abort naming the party whose message was malformed.
/// </summary>
internal static class PairwiseSetup
{
    /// <summary>The setup round's number: above every round of the dealing engine (which ends at round 2 or 3).</summary>
    public const int RoundNumber = 4;

    /// <summary>Starts the setup for <paramref name="share"/>; <paramref name="context"/>'s parties must be exactly the key's parties.</summary>
    public static RoundResult<TOutput> Start<TOutput>(
        ProtocolContext context, KeyShare<Secp256k1Point, Secp256k1Scalar> share, Func<EcdsaKeyShare, TOutput> output, RandomNumberGenerator rng)
    {
        if (!context.Parties.SequenceEqual(share.GroupKey.Parties) || context.Self != share.Id)
        {
            throw new ArgumentException("The setup runs among exactly the key's parties.", nameof(context));
        }

        var pending = new Dictionary<PartyId, PendingPair>();
        var outgoing = new List<ProtocolMessage>();
        foreach (var other in context.Others)
        {
            var pair = new PendingPair(
                RandomBytes(rng, PairState.ZeroSeedLength),
                BaseOtSender.Start(EcdsaTranscript.BaseOt(context.Session, context.Self, other), rng),
                BaseOtReceiver.Start(EcdsaTranscript.BaseOt(context.Session, other, context.Self), rng));
            pending.Add(other, pair);
            outgoing.Add(Round<TOutput>.Message(context, RoundNumber, other, new EcdsaPairSetup
            {
                ZeroSeedContribution = ByteString.CopyFrom(pair.ZeroSeedContribution),
                BaseOtSender = ByteString.CopyFrom(pair.AsOtSender.Message.Span),
                BaseOtReceiver = ByteString.CopyFrom(pair.AsOtReceiver.Message.Span),
            }, null));
        }

        return new RoundResult<TOutput>.Continue(new SetupRound<TOutput>(context, share, pending, output), outgoing);
    }

    private static byte[] RandomBytes(RandomNumberGenerator rng, int length)
    {
        var bytes = new byte[length];
        rng.GetBytes(bytes);
        return bytes;
    }

    /// <summary>This party's secrets for one pair until the counterparty's setup message arrives.</summary>
    private sealed record PendingPair(byte[] ZeroSeedContribution, BaseOtSender AsOtSender, BaseOtReceiver AsOtReceiver) : IDisposable
    {
        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(ZeroSeedContribution);
            AsOtSender.Dispose();
            AsOtReceiver.Dispose();
        }
    }

    private sealed class SetupRound<TOutput>(
        ProtocolContext context,
        KeyShare<Secp256k1Point, Secp256k1Scalar> share,
        Dictionary<PartyId, PendingPair> pending,
        Func<EcdsaKeyShare, TOutput> output)
        : Round<TOutput>(context, RoundNumber, RoundInputs.Unicast, null, null)
    {
        protected override MessageCheck VerifyContent(ProtocolMessage message)
        {
            if (!WireDecoding.TryParse(message.Payload.Span, EcdsaPairSetup.Parser, out var setup))
            {
                return MessageCheck.Fault(message.From, "pairwise setup message is not a canonical EcdsaPairSetup");
            }

            if (setup.ZeroSeedContribution.Length != PairState.ZeroSeedLength)
            {
                return MessageCheck.Fault(message.From, $"zero-sharing seed contribution is {setup.ZeroSeedContribution.Length} bytes, not {PairState.ZeroSeedLength}");
            }

            if (setup.BaseOtSender.Length != BaseOtReceiver.SenderMessageLength || setup.BaseOtReceiver.Length != BaseOtSender.ReceiverMessageLength)
            {
                return MessageCheck.Fault(message.From, "base-OT message has the wrong length");
            }

            return Accept(message, setup);
        }

        protected override RoundResult<TOutput> Complete(RandomNumberGenerator rng)
        {
            var pairs = new List<PairState>();
            try
            {
                foreach (var (other, mine) in pending)
                {
                    var theirs = UnicastFrom<EcdsaPairSetup>(other);

                    // The counterparty's base-OT receiver message answers this party's base-OT sender, and vice versa.
                    if (!mine.AsOtSender.TryFinish(theirs.BaseOtReceiver.Span, out var asReceiver, out var error)
                        || !mine.AsOtReceiver.TryFinish(theirs.BaseOtSender.Span, out var asSender, out error))
                    {
                        return Fail(Abort.Blame(other, $"base OT: {error}"));
                    }

                    var seed = EcdsaTranscript.ZeroSeed(Context.Session, Context.Self, mine.ZeroSeedContribution, other, theirs.ZeroSeedContribution.Span);
                    pairs.Add(new PairState(other, seed, asReceiver!, asSender!));
                    CryptographicOperations.ZeroMemory(seed);
                }

                var keyShare = new EcdsaKeyShare(share, pairs);
                pairs.Clear();
                return new RoundResult<TOutput>.Done(output(keyShare), []);
            }
            finally
            {
                pairs.ForEach(p => p.Dispose());
                foreach (var pair in pending.Values)
                {
                    pair.Dispose();
                }
            }
        }
    }
}
