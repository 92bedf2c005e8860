using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Tests.Dkg;
using Arcanum.Mpc.Wire;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Ecdsa;

/// <summary>Every consistency layer of signing and key generation aborts and names the culprit (and bans it where OT state may have leaked).</summary>
public sealed class EcdsaFaultTests
{
    private static readonly PartyId Cheater = new(2);
    private static readonly PartyId Victim = new(3);

    private static EcdsaKeyShare[] Signers => EcdsaHarness.Key(3, 4)[..3];

    private static IReadOnlyDictionary<PartyId, PartyRunner<EcdsaSignature>> Sign(params IFaultRule[] faults)
    {
        var network = EcdsaHarness.SignNetwork(Signers, EcdsaHarness.Digest(new Random(1)), 101);
        foreach (var fault in faults)
        {
            network.With(fault);
        }

        return network.Run();
    }

    /// <summary>Rewrites the unicast from the cheater to the victim in <paramref name="round"/> as a <typeparamref name="T"/>.</summary>
    private static IFaultRule RewriteUnicast<T>(int round, MessageParser<T> parser, Action<T> change)
        where T : IMessage<T> =>
        Faults.Rewrite(
            d => d.Message.From == Cheater && d.Message.Round == round && d.Message.To == Victim,
            m => m with { Payload = Changed(m.Payload, parser, change) });

    /// <summary>Rewrites the cheater's broadcast in <paramref name="round"/> (to everyone) as a <typeparamref name="T"/>.</summary>
    private static IFaultRule RewriteBroadcast<T>(int round, MessageParser<T> parser, Action<T> change)
        where T : IMessage<T> =>
        Faults.Rewrite(
            d => d.Message.From == Cheater && d.Message.Round == round && d.Message.IsBroadcast,
            m => m with { Payload = Changed(m.Payload, parser, change) });

    private static byte[] Changed<T>(ReadOnlyMemory<byte> payload, MessageParser<T> parser, Action<T> change)
        where T : IMessage<T>
    {
        var message = parser.ParseFrom(payload.Span);
        change(message);
        return message.ToByteArray();
    }

    private static ByteString Flip(ByteString bytes, int position)
    {
        var copy = bytes.ToByteArray();
        copy[position % copy.Length] ^= 0x01;
        return ByteString.CopyFrom(copy);
    }

    private static ByteString Encode(Secp256k1Point point)
    {
        var encoded = new byte[33];
        point.Encode(encoded);
        return ByteString.CopyFrom(encoded);
    }

    private static void AssertBanned(IReadOnlyDictionary<PartyId, PartyRunner<EcdsaSignature>> runners, string reason)
    {
        var victim = runners[Victim];
        Assert.Equal(RunStatus.Aborted, victim.Status);
        Assert.Equal([Cheater], victim.Abort!.Culprits);
        Assert.Equal([Cheater], victim.Abort.BanCounterparty);
        Assert.Contains(reason, victim.Abort.Reason, StringComparison.Ordinal);
        Assert.All(runners.Values, r => Assert.NotEqual(RunStatus.Completed, r.Status));
    }

    private static void AssertBlamed(IReadOnlyDictionary<PartyId, PartyRunner<EcdsaSignature>> runners, string reason, params int[] honest)
    {
        EcdsaHarness.AssertAborted(runners, honest, reason, Cheater.Value);
        Assert.All(honest, h => Assert.Empty(runners[new PartyId(h)].Abort!.BanCounterparty));
        Assert.All(runners.Values, r => Assert.NotEqual(RunStatus.Completed, r.Status));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void A_corrupted_OT_extension_message_gets_its_sender_banned(int position)
    {
        // Positions fall in the salt, the matrix and the check values; a bit of an unused matrix column could pass, so each position is tried on the whole byte.
        var runners = Sign(RewriteUnicast(1, EcdsaMultiplicationRequest.Parser, m =>
        {
            var copy = m.Request.ToByteArray();
            copy[position % copy.Length] ^= 0xff;
            m.Request = ByteString.CopyFrom(copy);
        }));

        AssertBanned(runners, "multiplication request");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20_000)]
    [InlineData(-1)]
    public void A_tampered_multiplication_reply_gets_its_sender_banned(int position)
    {
        var runners = Sign(RewriteUnicast(2, EcdsaMultiplicationReply.Parser, m =>
            m.Reply = Flip(m.Reply, position < 0 ? m.Reply.Length - 1 : position)));

        AssertBanned(runners, "multiplication reply");
    }

    [Fact]
    public void A_wrong_gamma_u_is_named()
    {
        var runners = Sign(RewriteUnicast(2, EcdsaMultiplicationReply.Parser, m => m.GammaU = Encode(Secp256k1Point.Generator)));

        Assert.Equal([Cheater], runners[Victim].Abort!.Culprits);
        Assert.Contains("Γ^u check failed", runners[Victim].Abort!.Reason, StringComparison.Ordinal);
        Assert.Empty(runners[Victim].Abort!.BanCounterparty);
    }

    [Fact]
    public void A_wrong_gamma_v_is_named()
    {
        var runners = Sign(RewriteUnicast(2, EcdsaMultiplicationReply.Parser, m => m.GammaV = Encode(Secp256k1Point.Generator)));

        Assert.Equal([Cheater], runners[Victim].Abort!.Culprits);
        Assert.Contains("Γ^v check failed", runners[Victim].Abort!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_commitment_opening_is_named_by_everyone()
    {
        var runners = Sign(RewriteBroadcast(2, EcdsaInstanceOpening.Parser, m => m.Salt = Flip(m.Salt, 3)));

        AssertBlamed(runners, "does not match its round 1 commitment", 1, 3);
    }

    [Fact]
    public void An_opened_instance_point_other_than_the_committed_one_is_named()
    {
        var runners = Sign(RewriteBroadcast(2, EcdsaInstanceOpening.Parser, m => m.InstancePoint = Encode(Secp256k1Point.Generator)));

        AssertBlamed(runners, "does not match its round 1 commitment", 1, 3);
    }

    [Fact]
    public void A_wrong_public_share_fails_the_key_check()
    {
        // pk_j is bound to sk_j by the Γ^v check, so a different pk_j is caught there, naming its sender.
        var runners = Sign(RewriteBroadcast(2, EcdsaInstanceOpening.Parser, m => m.PublicShare = Encode(Secp256k1Point.Generator)));

        AssertBlamed(runners, "Γ^v check failed", 1, 3);
    }

    [Fact]
    public void An_equivocated_commitment_is_named_through_the_echo()
    {
        var runners = Sign(Faults.Equivocate(Cheater, 1, Victim, p => Changed(p, EcdsaInstanceCommitment.Parser, m => m.Commitment = Flip(m.Commitment, 0))));

        AssertBlamed(runners, "equivocated", 1, 3);
    }

    [Fact]
    public void An_equivocated_signature_share_is_named_through_the_digest_check_or_the_echo()
    {
        var runners = Sign(Faults.Equivocate(Cheater, 3, Victim, p => Changed(p, EcdsaSignatureShare.Parser, m => m.Digest = Flip(m.Digest, 0))));

        Assert.Equal([Cheater], runners[Victim].Abort!.Culprits);
        Assert.Contains("signed a different digest", runners[Victim].Abort!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_signature_share_fails_final_verification_and_no_signature_is_returned()
    {
        var runners = Sign(RewriteBroadcast(3, EcdsaSignatureShare.Parser, m => m.W = ByteString.CopyFrom(new byte[31].Append((byte)1).ToArray())));

        // DKLs23 has no per-signer check of w_j and u_j: the abort names nobody, and no signature leaves.
        foreach (var party in new[] { 1, 3 })
        {
            var abort = runners[new PartyId(party)].Abort!;
            Assert.Contains("does not verify", abort.Reason, StringComparison.Ordinal);
            Assert.Empty(abort.Culprits);
            Assert.Null(runners[new PartyId(party)].Output);
        }
    }

    [Fact]
    public void A_key_share_used_consistently_but_wrong_fails_the_public_key_sum()
    {
        var session = DkgHarness.Session(401);
        var ids = Signers.Select(s => s.Id).ToArray();
        var runners = new InMemoryNetwork<Presignature>(Signers.Select(s =>
        {
            var rng = DkgHarness.Rng(401, s.Id);
            var offset = s.Id == Cheater ? Secp256k1Scalar.One : Secp256k1Scalar.Zero;
            return new PartyRunner<Presignature>(EcdsaPresigning.Start(new ProtocolContext(session, s.Id, ids), s, null, rng, offset), rng);
        })).Run();

        // Γ^v binds pk_j to the sk_j used in the multiplication, so only the sum shows the error; ζ_j is private to each pair, so nobody is named.
        foreach (var party in runners.Values)
        {
            Assert.Equal(RunStatus.Aborted, party.Status);
            Assert.Contains("Σ pk_j does not equal the public key", party.Abort!.Reason, StringComparison.Ordinal);
            Assert.Empty(party.Abort.Culprits);
        }
    }

    [Fact]
    public void Messages_replayed_from_another_session_are_ignored()
    {
        var runners = Sign(Faults.ReplayIntoSession(DkgHarness.Session(999), d => d.Message.From == Cheater));

        var signature = EcdsaHarness.Agreed(EcdsaHarness.Completed(runners));
        EcdsaHarness.AssertValid(signature, Signers[0].GroupKey.PublicKey, EcdsaHarness.Digest(new Random(1)));
        Assert.Contains(runners[Victim].Ignored, c => c.Reason.Contains("session", StringComparison.Ordinal));
    }

    [Fact]
    public void Requests_of_another_session_replayed_into_this_one_fail_the_OT_check()
    {
        // The cheater answers with the request it received in an earlier session: the transcript differs, so the KOS check fails.
        var earlier = EcdsaHarness.SignNetwork(Signers, EcdsaHarness.Digest(new Random(2)), 202);
        earlier.Run();
        var old = earlier.Delivered.First(d => d.Message.From == Cheater && d.Message.To == Victim && d.Message.Round == 1).Message.Payload;

        var runners = Sign(Faults.Rewrite(d => d.Message.From == Cheater && d.Message.To == Victim && d.Message.Round == 1, m => m with { Payload = old }));

        AssertBanned(runners, "multiplication request");
    }

    public static TheoryData<string, int, Action<IMessage>> MalformedValues => new()
    {
        { "off-curve R_i", 2, m => ((EcdsaInstanceOpening)m).InstancePoint = ByteString.CopyFrom([0x02, .. Enumerable.Repeat((byte)0xff, 32)]) },
        { "identity pk_i", 2, m => ((EcdsaInstanceOpening)m).PublicShare = ByteString.CopyFrom(new byte[33]) },
        { "uncompressed R_i", 2, m => ((EcdsaInstanceOpening)m).InstancePoint = ByteString.CopyFrom([0x04, .. new byte[64]]) },
        { "short salt", 2, m => ((EcdsaInstanceOpening)m).Salt = ByteString.CopyFrom(new byte[31]) },
        { "ψ ≥ n", 2, m => ((EcdsaMultiplicationReply)m).Psi = ByteString.CopyFrom(Enumerable.Repeat((byte)0xff, 32).ToArray()) },
        { "Γ^u identity", 2, m => ((EcdsaMultiplicationReply)m).GammaU = ByteString.CopyFrom(new byte[33]) },
        { "short reply", 2, m => ((EcdsaMultiplicationReply)m).Reply = ByteString.CopyFrom(new byte[10]) },
        { "w ≥ n", 3, m => ((EcdsaSignatureShare)m).W = ByteString.CopyFrom(Enumerable.Repeat((byte)0xff, 32).ToArray()) },
        { "u of 33 bytes", 3, m => ((EcdsaSignatureShare)m).U = ByteString.CopyFrom(new byte[33]) },
        { "short commitment", 1, m => ((EcdsaInstanceCommitment)m).Commitment = ByteString.CopyFrom(new byte[31]) },
        { "short request", 1, m => ((EcdsaMultiplicationRequest)m).Request = ByteString.CopyFrom(new byte[100]) },
    };

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public void Malformed_points_and_scalars_are_named(string what, int round, Action<IMessage> change)
    {
        var runners = Sign(Faults.Rewrite(
            d => d.Message.From == Cheater && d.Message.Round == round && d.Message.IsBroadcast == IsBroadcastField(what) && (d.Message.IsBroadcast || d.Message.To == Victim),
            m => m with { Payload = Mutate(m, round, change) }));

        Assert.True(runners[Victim].Status == RunStatus.Aborted, what);
        Assert.Equal([Cheater], runners[Victim].Abort!.Culprits);
        Assert.Contains("malformed", runners[Victim].Abort!.Reason, StringComparison.Ordinal);
    }

    private static bool IsBroadcastField(string what) => !what.Contains('ψ') && !what.Contains('Γ') && !what.Contains("reply") && !what.Contains("request");

    private static byte[] Mutate(ProtocolMessage message, int round, Action<IMessage> change)
    {
        IMessage parsed = (round, message.IsBroadcast) switch
        {
            (1, true) => EcdsaInstanceCommitment.Parser.ParseFrom(message.Payload.Span),
            (1, false) => EcdsaMultiplicationRequest.Parser.ParseFrom(message.Payload.Span),
            (2, true) => EcdsaInstanceOpening.Parser.ParseFrom(message.Payload.Span),
            (2, false) => EcdsaMultiplicationReply.Parser.ParseFrom(message.Payload.Span),
            _ => EcdsaSignatureShare.Parser.ParseFrom(message.Payload.Span),
        };
        change(parsed);
        return parsed.ToByteArray();
    }

    [Fact]
    public void A_malformed_base_OT_message_in_key_generation_is_named()
    {
        var network = EcdsaHarness.KeygenNetwork(DkgHarness.Ids(1, 2, 3), 2, 301).With(Faults.Rewrite(
            d => d.Message.From == Cheater && d.Message.Round == 4 && d.Message.To == Victim,
            m => m with { Payload = Changed(m.Payload, EcdsaPairSetup.Parser, s => s.BaseOtSender = Flip(s.BaseOtSender, 7)) }));

        var runners = network.Run();

        Assert.Equal([Cheater], runners[Victim].Abort!.Culprits);
        Assert.Contains("base OT", runners[Victim].Abort!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_zero_seed_contribution_is_named()
    {
        var network = EcdsaHarness.KeygenNetwork(DkgHarness.Ids(1, 2, 3), 2, 302).With(Faults.Rewrite(
            d => d.Message.From == Cheater && d.Message.Round == 4 && d.Message.To == Victim,
            m => m with { Payload = Changed(m.Payload, EcdsaPairSetup.Parser, s => s.ZeroSeedContribution = ByteString.CopyFrom(new byte[5])) }));

        var runners = network.Run();

        Assert.Equal([Cheater], runners[Victim].Abort!.Culprits);
        Assert.Contains("zero-sharing seed", runners[Victim].Abort!.Reason, StringComparison.Ordinal);
    }
}
