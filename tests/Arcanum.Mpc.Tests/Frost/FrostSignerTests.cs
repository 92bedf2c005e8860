using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Frost;

/// <summary>Nonce single use, the consumption ledger, preprocessing and the aggregator's checks, through the API.</summary>
public sealed class FrostSignerTests
{
    private static readonly byte[] Message = "pay 1 BTC"u8.ToArray();

    [Fact]
    public void TrySign_SameNoncesTwice_SecondRefused()
    {
        var (shares, nonces, package) = Setup(seed: 10);
        var signer = new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0], new InMemoryNonceLedger());

        Assert.True(signer.TrySign(package, nonces[0], out var first));
        Assert.False(signer.TrySign(package, nonces[0], out var second));

        Assert.False(first.Value.IsZero);
        Assert.Equal(default, second);
        Assert.True(nonces[0].IsSpent);
    }

    [Fact]
    public void TrySign_NoncesRestoredAfterRestart_LedgerRefusesSecondUse()
    {
        var rng = new DeterministicRandom(11);
        var shares = SigningTestKit.Deal<Ed25519Point, Ed25519Scalar>(2, 3, rng);
        var hiding = RandomNumberGenerator.GetBytes(32);
        var binding = RandomNumberGenerator.GetBytes(32);
        var ledger = new InMemoryNonceLedger();
        var original = SigningNonces<Ed25519Point, Ed25519Scalar>.FromRandomness(FrostEd25519.Instance, shares[0], hiding, binding);
        var restored = SigningNonces<Ed25519Point, Ed25519Scalar>.FromRandomness(FrostEd25519.Instance, shares[0], hiding, binding);
        var other = SigningNonces<Ed25519Point, Ed25519Scalar>.Generate(FrostEd25519.Instance, shares[1], rng);
        var package = new SigningPackage<Ed25519Point, Ed25519Scalar>(Message, [original.Commitment, other.Commitment]);

        Assert.True(new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0], ledger).TrySign(package, original, out _));
        Assert.False(new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0], ledger).TrySign(package, restored, out var share));

        Assert.Equal(original.Id, restored.Id);
        Assert.Equal(default, share);
        Assert.True(restored.IsSpent);
    }

    [Fact]
    public void TrySign_LedgerConsultedOncePerNonce_FalseReleasesNothing()
    {
        var (shares, nonces, package) = Setup(seed: 12);
        var refusing = new RecordingLedger(answer: false);
        var accepting = new RecordingLedger(answer: true);

        var refused = new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0], refusing).TrySign(package, nonces[0], out var none);
        var signed = new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[1], accepting).TrySign(package, nonces[1], out var share);

        Assert.False(refused);
        Assert.Equal(default, none);
        Assert.Equal([nonces[0].Id], refusing.Calls);
        Assert.True(signed);
        Assert.Equal([nonces[1].Id], accepting.Calls);
        Assert.False(share.Value.IsZero);
    }

    [Fact]
    public void TrySign_PackageWithoutOwnCommitment_Throws()
    {
        var (shares, nonces, package) = Setup(seed: 13);
        var signer = new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[2], new InMemoryNonceLedger());

        Assert.Throws<ArgumentException>(() => signer.TrySign(package, nonces[0], out _));
    }

    [Fact]
    public void SigningPackage_TooFewOrForeignSigners_NamesProblem()
    {
        var rng = new DeterministicRandom(14);
        var shares = SigningTestKit.Deal<Ed25519Point, Ed25519Scalar>(3, 4, rng);
        var nonces = shares.Select(s => SigningNonces<Ed25519Point, Ed25519Scalar>.Generate(FrostEd25519.Instance, s, rng)).ToArray();
        var stranger = nonces[3].Commitment with { Signer = new PartyId(9) };

        var tooFew = new SigningPackage<Ed25519Point, Ed25519Scalar>(Message, nonces[..2].Select(n => n.Commitment));
        var foreign = new SigningPackage<Ed25519Point, Ed25519Scalar>(Message, [.. nonces[..2].Select(n => n.Commitment), stranger]);

        Assert.Contains("cannot sign a 3-of-4", tooFew.ProblemWith(shares[0].GroupKey), StringComparison.Ordinal);
        Assert.Contains("party 9", foreign.ProblemWith(shares[0].GroupKey), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SigningPackage<Ed25519Point, Ed25519Scalar>(Message, [nonces[0].Commitment, nonces[0].Commitment]));
    }

    [Fact]
    public void SigningNonces_ToString_IsRedacted()
    {
        var (_, nonces, _) = Setup(seed: 15);

        Assert.Contains("[redacted]", nonces[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryAggregate_BadAndMissingShares_NamesEverySigner()
    {
        var (shares, nonces, package) = Setup(seed: 16);
        var signatureShares = Sign(shares, nonces, package);
        signatureShares[new PartyId(1)] += Ed25519Scalar.One;
        signatureShares.Remove(new PartyId(3));
        signatureShares.Add(new PartyId(7), Ed25519Scalar.One);
        var aggregator = new FrostAggregator<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0].GroupKey);

        Assert.False(aggregator.TryAggregate(package, signatureShares, out var signature, out var abort));

        Assert.Null(signature);
        Assert.Equal([new PartyId(1), new PartyId(3), new PartyId(7)], abort.Culprits);
    }

    [Fact]
    public void TryAggregate_ValidShares_LibsodiumAcceptsSignature()
    {
        var (shares, nonces, package) = Setup(seed: 17);
        var aggregator = new FrostAggregator<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0].GroupKey);

        Assert.True(aggregator.TryAggregate(package, Sign(shares, nonces, package), out var signature, out var abort), abort?.ToString());

        Assert.True(SigningTestKit.VerifyWithLibsodium(shares[0].GroupKey.PublicKey, Message, signature));
    }

    /// <summary>Over 16 packages both parities of R occur, so the BIP340 nonce negation path is exercised and still verifies.</summary>
    [Fact]
    public void TrySign_TaprootBothParitiesOfR_Libsecp256k1AcceptsEach()
    {
        var rng = new DeterministicRandom(18);
        var suite = FrostSecp256k1Taproot.Instance;
        var shares = SigningTestKit.Deal<Secp256k1Point, Secp256k1Scalar>(2, 3, rng);
        var negated = 0;
        for (var run = 0; run < 16; run++)
        {
            var nonces = shares.Select(s => SigningNonces<Secp256k1Point, Secp256k1Scalar>.Generate(suite, s, rng)).ToArray();
            var package = new SigningPackage<Secp256k1Point, Secp256k1Scalar>(Message, nonces.Select(n => n.Commitment), TaprootTweak.KeyPathOnly);
            var signingKey = suite.SigningKey(shares[0].GroupKey, package.Tweak);
            Assert.True(SigningTranscript<Secp256k1Point, Secp256k1Scalar>.TryCompute(suite, signingKey, package, out var transcript));
            negated += transcript.NegatesNonces ? 1 : 0;
            var signatureShares = Sign(suite, shares, nonces, package);

            Assert.True(new FrostAggregator<Secp256k1Point, Secp256k1Scalar>(suite, shares[0].GroupKey).TryAggregate(package, signatureShares, out var signature, out _));
            Assert.True(SigningTestKit.VerifyWithLibsecp256k1(signingKey.PublicKey, Message, signature));
        }

        Assert.InRange(negated, 1, 15);
    }

    [Fact]
    public void Preprocessed_OneRound_EveryPartyGetsVerifiedSignature()
    {
        var (network, key, pools, package) = Preprocessed(seed: 19);

        var signature = SigningTestKit.AgreedSignature(network.Run(reorderSeed: 5));

        Assert.True(SigningTestKit.VerifyWithLibsecp256k1(FrostSecp256k1Taproot.Instance.SigningKey(key, TaprootTweak.KeyPathOnly).PublicKey, Message, signature));
        Assert.All(network.Parties.Values, r => Assert.Single(r.InitialMessages));
        Assert.All(pools.Values, p => Assert.Equal(3, p.Commitments.Count));
        Assert.All(pools, p => Assert.False(p.Value.TryTake(package.CommitmentOf(p.Key)!, out _)));
    }

    [Fact]
    public void Preprocessed_BadShare_AggregatorNamesSigner()
    {
        var (network, _, _, _) = Preprocessed(seed: 21);
        network.With(Faults.TamperPayload(new PartyId(3), 1, payload =>
        {
            var share = FrostSignatureShare.Parser.ParseFrom(payload).Share.ToByteArray();
            share[^1] ^= 1;
            return new FrostSignatureShare { Share = ByteString.CopyFrom(share) }.ToByteArray();
        }));

        SigningTestKit.AssertHonestBlame(network.Run(), 3);
    }

    /// <summary>Signers 1, 3, 5 of a 3-of-5 Taproot key, each with a pool of four preprocessed pairs; the package uses each pool's third commitment.</summary>
    private static (InMemoryNetwork<byte[]> Network, GroupKey<Secp256k1Point, Secp256k1Scalar> Key, Dictionary<PartyId, NoncePool<Secp256k1Point, Secp256k1Scalar>> Pools, SigningPackage<Secp256k1Point, Secp256k1Scalar> Package) Preprocessed(ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var suite = FrostSecp256k1Taproot.Instance;
        var shares = SigningTestKit.Deal<Secp256k1Point, Secp256k1Scalar>(3, 5, rng);
        var signers = new[] { shares[0], shares[2], shares[4] };
        var pools = signers.ToDictionary(s => s.Id, s => NoncePool<Secp256k1Point, Secp256k1Scalar>.Generate(suite, s, 4, rng));
        var package = new SigningPackage<Secp256k1Point, Secp256k1Scalar>(Message, pools.Values.Select(p => p.Commitments[2]), TaprootTweak.KeyPathOnly);
        var session = SessionId.Random(rng);
        var parties = signers.Select(s => s.Id).ToArray();
        var runners = signers.Select(share =>
        {
            Assert.True(pools[share.Id].TryTake(package.CommitmentOf(share.Id)!, out var nonces));
            var start = FrostSigningProtocol.StartPreprocessed(
                new ProtocolContext(session, share.Id, parties), new FrostSigner<Secp256k1Point, Secp256k1Scalar>(suite, share, new InMemoryNonceLedger()), package, nonces);
            return new PartyRunner<byte[]>(Assert.IsType<RoundResult<byte[]>.Continue>(start), rng);
        }).ToArray();
        return (new InMemoryNetwork<byte[]>(runners), shares[0].GroupKey, pools, package);
    }

    [Fact]
    public void Start_SessionSmallerThanThreshold_Throws()
    {
        var rng = new DeterministicRandom(22);
        var shares = SigningTestKit.Deal<Ed25519Point, Ed25519Scalar>(3, 4, rng);
        var context = new ProtocolContext(SessionId.Random(rng), shares[0].Id, [shares[0].Id, shares[1].Id]);
        var signer = new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0], new InMemoryNonceLedger());

        Assert.Throws<ArgumentException>(() => FrostSigningProtocol.Start(context, signer, Message, null, rng));
    }

    [Fact]
    public void StartPreprocessed_SpentNonces_AbortsWithoutShare()
    {
        var (shares, nonces, package) = Setup(seed: 20);
        var signer = new FrostSigner<Ed25519Point, Ed25519Scalar>(FrostEd25519.Instance, shares[0], new InMemoryNonceLedger());
        var context = new ProtocolContext(SessionId.Random(new DeterministicRandom(1)), shares[0].Id, package.Signers);
        nonces[0].Dispose();

        var result = FrostSigningProtocol.StartPreprocessed(context, signer, package, nonces[0]);

        Assert.Empty(Assert.IsType<RoundResult<byte[]>.Aborted>(result).Abort.Culprits);
    }

    /// <summary>A 3-of-3 Ed25519 key with fresh nonces for every party and the package over all three.</summary>
    private static (KeyShare<Ed25519Point, Ed25519Scalar>[] Shares, SigningNonces<Ed25519Point, Ed25519Scalar>[] Nonces, SigningPackage<Ed25519Point, Ed25519Scalar> Package) Setup(ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var shares = SigningTestKit.Deal<Ed25519Point, Ed25519Scalar>(3, 3, rng);
        var nonces = shares.Select(s => SigningNonces<Ed25519Point, Ed25519Scalar>.Generate(FrostEd25519.Instance, s, rng)).ToArray();
        return (shares, nonces, new SigningPackage<Ed25519Point, Ed25519Scalar>(Message, nonces.Select(n => n.Commitment)));
    }

    private static Dictionary<PartyId, Ed25519Scalar> Sign(
        KeyShare<Ed25519Point, Ed25519Scalar>[] shares, SigningNonces<Ed25519Point, Ed25519Scalar>[] nonces, SigningPackage<Ed25519Point, Ed25519Scalar> package) =>
        Sign(FrostEd25519.Instance, shares, nonces, package);

    private static Dictionary<PartyId, TScalar> Sign<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, KeyShare<TPoint, TScalar>[] shares, SigningNonces<TPoint, TScalar>[] nonces, SigningPackage<TPoint, TScalar> package)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        shares.Zip(nonces).ToDictionary(p => p.First.Id, p =>
        {
            Assert.True(new FrostSigner<TPoint, TScalar>(suite, p.First, new InMemoryNonceLedger()).TrySign(package, p.Second, out var share));
            return share.Value;
        });

    private sealed class RecordingLedger(bool answer) : INonceLedger
    {
        public List<NonceId> Calls { get; } = [];

        public bool TryConsume(NonceId id)
        {
            Calls.Add(id);
            return answer;
        }
    }
}
