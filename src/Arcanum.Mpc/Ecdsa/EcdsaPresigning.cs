using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// DKLs23 Protocol 3.6 rounds 1 and 2 (ePrint 2023/765), which do not depend on the message: ends
/// in a <see cref="Presignature"/>, or an abort naming the culprit. Signers: any set of at least t
/// parties of the key; the signed key is the group key or, with <c>child</c>, a BIP32 child of
/// it (each signer adds the public tweak to its own share). See docs/ecdsa.md.
/// </summary>
public static class EcdsaPresigning
{
    internal const int CommitmentRound = 1;
    internal const int OpeningRound = 2;
    internal const int SaltLength = 32;

    /// <summary>Starts presigning; <paramref name="context"/>'s parties are the signers.</summary>
    public static RoundResult<Presignature>.Continue Start(
        ProtocolContext context, EcdsaKeyShare share, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child, RandomNumberGenerator rng) =>
        Start(context, share, child, rng, Secp256k1Scalar.Zero);

    /// <summary>
    /// Tests only: a signer whose additive share is off by <paramref name="keyShareOffset"/> yet used
    /// consistently (in pk_i and in its multiplications), the one deviation only Σ pk_j = PK catches.
    /// </summary>
    internal static RoundResult<Presignature>.Continue Start(
        ProtocolContext context, EcdsaKeyShare share, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child, RandomNumberGenerator rng,
        Secp256k1Scalar keyShareOffset)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(rng);
        if (context.Self != share.Id)
        {
            throw new ArgumentException("The share must be this party's.", nameof(share));
        }

        if (!context.Parties.All(share.GroupKey.VerificationShares.ContainsKey) || context.Parties.Count < share.GroupKey.Threshold)
        {
            throw new ArgumentException($"The signers must be at least {share.GroupKey.Threshold} parties of the key.", nameof(context));
        }

        var state = SignerState.Create(context, share, child, rng, keyShareOffset);
        var outgoing = new List<ProtocolMessage>
        {
            Round<Presignature>.Message(context, CommitmentRound, null, new EcdsaInstanceCommitment { Commitment = ByteString.CopyFrom(state.Commitment) }, null),
        };
        outgoing.AddRange(context.Others.Select(other => Round<Presignature>.Message(
            context, CommitmentRound, other, new EcdsaMultiplicationRequest { Request = ByteString.CopyFrom(state.Receivers[other].Message.Span) }, null)));
        return new RoundResult<Presignature>.Continue(new CommitmentRoundState(state, outgoing[0]), outgoing);
    }

    /// <summary>
    /// Everything one signer holds between rounds: its additive key share sk_i = λ_i·s_i + ζ_i
    /// (Protocol 3.6 step 2, with ζ from F_Zero), instance key r_i, inversion mask φ_i, the opening
    /// of its commitment to R_i, and one vector-OLE receiver per other signer (input χ_{i,j}).
    /// </summary>
    internal sealed class SignerState : IDisposable
    {
        private SignerState(ProtocolContext context, Secp256k1Point publicKey)
        {
            Context = context;
            PublicKey = publicKey;
        }

        public ProtocolContext Context { get; }

        /// <summary>PK of the key signed for (derived, when a child was given).</summary>
        public Secp256k1Point PublicKey { get; }

        public Secp256k1Scalar KeyShare { get; private set; }

        public Secp256k1Scalar InstanceKey { get; private set; }

        public Secp256k1Point InstancePoint { get; private set; }

        public Secp256k1Scalar Phi { get; private set; }

        public byte[] Salt { get; private set; } = [];

        public byte[] Commitment { get; private set; } = [];

        public Dictionary<PartyId, RvoleReceiver> Receivers { get; } = [];

        public EcdsaKeyShare Share { get; private set; } = null!;

        public static SignerState Create(
            ProtocolContext context, EcdsaKeyShare share, DerivedKey<Secp256k1Point, Secp256k1Scalar>? child, RandomNumberGenerator rng,
            Secp256k1Scalar keyShareOffset)
        {
            using var signing = child is null ? null : KeyDerivation.DeriveShare(share.Share, child);
            var keyShare = signing ?? share.Share;
            var identifiers = context.Parties.Select(p => p.ToScalar<Secp256k1Scalar>()).ToArray();
            var lambda = Lagrange.CoefficientAtZero(context.Self.ToScalar<Secp256k1Scalar>(), identifiers);

            // Step 1: instance key r_i and inversion mask φ_i; R_i = r_i·G committed with a fresh salt.
            var state = new SignerState(context, keyShare.GroupKey.PublicKey)
            {
                Share = share,
                KeyShare = lambda * keyShare.Secret + EcdsaTranscript.ZeroShare(share, context) + keyShareOffset,
                InstanceKey = Secp256k1Scalar.Random(rng),
                Phi = Secp256k1Scalar.Random(rng),
                Salt = new byte[SaltLength],
            };
            rng.GetBytes(state.Salt);
            state.InstancePoint = Secp256k1Point.MultiplyBase(state.InstanceKey);
            state.Commitment = EcdsaTranscript.InstanceCommitment(context.Session, context.Self, state.InstancePoint, state.Salt);

            // Step 1 (cont.): as receiver of F_RVOLE with every other signer j, input χ_{i,j}.
            foreach (var other in context.Others)
            {
                state.Receivers[other] = RvoleReceiver.Start(
                    share.Pair(other).AsReceiver, EcdsaTranscript.Multiplication(context.Session, other, context.Self, state.PublicKey), rng);
            }

            return state;
        }

        public void Dispose()
        {
            KeyShare = default;
            InstanceKey = default;
            Phi = default;
            foreach (var receiver in Receivers.Values)
            {
                receiver.Dispose();
            }
        }
    }

    /// <summary>Consumes round 1: every signer's commitment (broadcast) and multiplication request (unicast).</summary>
    private sealed class CommitmentRoundState(SignerState state, ProtocolMessage ownBroadcast)
        : Round<Presignature>(state.Context, CommitmentRound, RoundInputs.BroadcastAndUnicast, ownBroadcast, null)
    {
        protected override MessageCheck VerifyContent(ProtocolMessage message)
        {
            if (message.IsBroadcast)
            {
                return WireDecoding.TryParse(message.Payload.Span, EcdsaInstanceCommitment.Parser, out var commitment)
                    && commitment.Commitment.Length == SHA256.HashSizeInBytes
                    ? Accept(message, commitment.Commitment.ToByteArray())
                    : MessageCheck.Fault(message.From, "round 1 commitment is malformed (it must be 32 bytes)");
            }

            return WireDecoding.TryParse(message.Payload.Span, EcdsaMultiplicationRequest.Parser, out var request)
                && request.Request.Length == RvoleReceiver.MessageLength
                ? Accept(message, request.Request.ToByteArray())
                : MessageCheck.Fault(message.From, $"round 1 multiplication request is malformed (it must be {RvoleReceiver.MessageLength} bytes)");
        }

        /// <summary>Protocol 3.6 step 2: answer every multiplication with inputs (r_i, sk_i); send Γ, ψ and the opening of R_i.</summary>
        protected override RoundResult<Presignature> Complete(RandomNumberGenerator rng)
        {
            var echo = EchoOfBroadcasts();
            var publicShare = Secp256k1Point.MultiplyBase(state.KeyShare);
            var opening = Broadcast(OpeningRound, new EcdsaInstanceOpening
            {
                InstancePoint = ByteString.CopyFrom(EcdsaTranscript.Point(state.InstancePoint)),
                Salt = ByteString.CopyFrom(state.Salt),
                PublicShare = ByteString.CopyFrom(EcdsaTranscript.Point(publicShare)),
            }, echo);
            var outgoing = new List<ProtocolMessage> { opening };
            var senderShares = new Dictionary<PartyId, (Secp256k1Scalar U, Secp256k1Scalar V)>();
            Span<Secp256k1Scalar> inputs = [state.InstanceKey, state.KeyShare];
            Span<Secp256k1Scalar> shares = stackalloc Secp256k1Scalar[OtParameters.VoleWidth];
            foreach (var other in Context.Others)
            {
                var transcript = EcdsaTranscript.Multiplication(Context.Session, Context.Self, other, state.PublicKey);
                if (!RvoleSender.TryRespond(state.Share.Pair(other).AsSender, transcript, UnicastFrom<byte[]>(other), inputs, rng, shares, out var reply, out var error))
                {
                    state.Dispose();
                    return Fail(Abort.Ban(other, $"multiplication request: {error}"));
                }

                senderShares[other] = (shares[0], shares[1]);
                outgoing.Add(Unicast(OpeningRound, other, new EcdsaMultiplicationReply
                {
                    Reply = ByteString.CopyFrom(reply),
                    GammaU = ByteString.CopyFrom(EcdsaTranscript.Point(Secp256k1Point.MultiplyBase(shares[0]))),
                    GammaV = ByteString.CopyFrom(EcdsaTranscript.Point(Secp256k1Point.MultiplyBase(shares[1]))),
                    Psi = ByteString.CopyFrom(Encode(state.Phi - state.Receivers[other].Input)),
                }, echo));
            }

            inputs.Clear();
            shares.Clear();
            var commitments = Context.Others.ToDictionary(p => p, BroadcastFrom<byte[]>);
            return Next(new OpeningRoundState(state, commitments, senderShares, publicShare, opening, echo), outgoing);
        }
    }

    /// <summary>Consumes round 2: every signer's opening (broadcast) and multiplication reply (unicast), and checks them all.</summary>
    private sealed class OpeningRoundState(
        SignerState state,
        Dictionary<PartyId, byte[]> commitments,
        Dictionary<PartyId, (Secp256k1Scalar U, Secp256k1Scalar V)> senderShares,
        Secp256k1Point publicShare,
        ProtocolMessage ownBroadcast,
        BroadcastEcho echo)
        : Round<Presignature>(state.Context, OpeningRound, RoundInputs.BroadcastAndUnicast, ownBroadcast, echo)
    {
        protected override MessageCheck VerifyContent(ProtocolMessage message) =>
            message.IsBroadcast ? VerifyOpening(message) : VerifyReply(message);

        private MessageCheck VerifyOpening(ProtocolMessage message)
        {
            if (!WireDecoding.TryParse(message.Payload.Span, EcdsaInstanceOpening.Parser, out var opening)
                || !Secp256k1Point.TryDecode(opening.InstancePoint.Span, out var instancePoint)
                || !Secp256k1Point.TryDecode(opening.PublicShare.Span, out var publicShare)
                || opening.Salt.Length != SaltLength)
            {
                return MessageCheck.Fault(message.From, "round 2 opening is malformed (R_i and pk_i must be valid compressed points, the salt 32 bytes)");
            }

            // Step 3: the opening must match the round 1 commitment.
            var expected = EcdsaTranscript.InstanceCommitment(Context.Session, message.From, instancePoint, opening.Salt.Span);
            return CryptographicOperations.FixedTimeEquals(expected, commitments[message.From])
                ? Accept(message, new Opening(instancePoint, publicShare))
                : MessageCheck.Fault(message.From, "the opening of R_i does not match its round 1 commitment");
        }

        private MessageCheck VerifyReply(ProtocolMessage message)
        {
            if (!WireDecoding.TryParse(message.Payload.Span, EcdsaMultiplicationReply.Parser, out var reply)
                || reply.Reply.Length != RvoleSender.ReplyLength
                || !Secp256k1Point.TryDecode(reply.GammaU.Span, out var gammaU)
                || !Secp256k1Point.TryDecode(reply.GammaV.Span, out var gammaV)
                || !Secp256k1Scalar.TryDecode(reply.Psi.Span, out var psi))
            {
                return MessageCheck.Fault(message.From, "round 2 multiplication reply is malformed (Γ must be valid compressed points, ψ a canonical scalar)");
            }

            return Accept(message, new Reply(reply.Reply.ToByteArray(), gammaU, gammaV, psi));
        }

        /// <summary>Protocol 3.6 step 3: finish the multiplications, run the Γ and key checks, and compute R, u_i, v_i.</summary>
        protected override RoundResult<Presignature> Complete(RandomNumberGenerator rng)
        {
            try
            {
                return Combine();
            }
            finally
            {
                state.Dispose();
                foreach (var party in senderShares.Keys)
                {
                    senderShares[party] = default;
                }

                senderShares.Clear();
            }
        }

        private RoundResult<Presignature> Combine()
        {
            var instancePoint = state.InstancePoint;
            var publicKeySum = publicShare;
            var phiTilde = state.Phi;
            var u = Secp256k1Scalar.Zero;
            var v = Secp256k1Scalar.Zero;
            Span<Secp256k1Scalar> received = stackalloc Secp256k1Scalar[OtParameters.VoleWidth];
            foreach (var other in Context.Others)
            {
                var opening = BroadcastFrom<Opening>(other);
                var reply = UnicastFrom<Reply>(other);
                var receiver = state.Receivers[other];
                if (!receiver.TryFinish(reply.Payload, received, out var error))
                {
                    return Fail(Abort.Ban(other, $"multiplication reply: {error}"));
                }

                // χ_{i,j}·R_j − Γ^u_{j,i} = d^u·G and χ_{i,j}·pk_j − Γ^v_{j,i} = d^v·G: the sender used the r_j and sk_j it committed to.
                var chi = receiver.Input;
                if (opening.InstancePoint * chi - reply.GammaU != Secp256k1Point.MultiplyBase(received[0]))
                {
                    return Fail(Abort.Blame(other, "Γ^u check failed: the multiplication does not match R_j"));
                }

                if (opening.PublicShare * chi - reply.GammaV != Secp256k1Point.MultiplyBase(received[1]))
                {
                    return Fail(Abort.Blame(other, "Γ^v check failed: the multiplication does not match pk_j"));
                }

                var (cu, cv) = senderShares[other];
                u += cu + received[0];
                v += cv + received[1];
                phiTilde += reply.Psi;
                instancePoint += opening.InstancePoint;
                publicKeySum += opening.PublicShare;
            }

            received.Clear();

            // Σ pk_j = PK: the additive shares are shares of the key being signed for.
            if (publicKeySum != state.PublicKey)
            {
                return Fail(new Abort("Σ pk_j does not equal the public key: some signer used a wrong key share or zero share", []));
            }

            if (instancePoint.IsIdentity)
            {
                return Fail(new Abort("R = Σ R_j is the identity", []));
            }

            // u_i = r_i·(φ_i + Σ ψ_{j,i}) + Σ (c^u + d^u), v_i likewise with sk_i: Σ u = φ·k, Σ v = φ·sk.
            u += state.InstanceKey * phiTilde;
            v += state.KeyShare * phiTilde;
            var presignature = new Presignature(Context, state.PublicKey, instancePoint, state.InstancePoint, state.Phi, u, v, EchoOfBroadcasts());
            return new RoundResult<Presignature>.Done(presignature, []);
        }

        private sealed record Opening(Secp256k1Point InstancePoint, Secp256k1Point PublicShare);

        private sealed record Reply(byte[] Payload, Secp256k1Point GammaU, Secp256k1Point GammaV, Secp256k1Scalar Psi);
    }

    internal static byte[] Encode(Secp256k1Scalar scalar)
    {
        var encoded = new byte[Secp256k1Scalar.Length];
        scalar.Encode(encoded);
        return encoded;
    }
}
