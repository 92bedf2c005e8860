using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Repair;
using Arcanum.Mpc.Wire;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Repair;

public sealed class ShareRepairTests
{
    public static TheoryData<int, int, int, int> Committees => new()
    {
        // t, n, helpers (≥ t), seed
        { 1, 3, 2, 9 },
        { 2, 3, 2, 1 },
        { 2, 3, 2, 2 },
        { 3, 5, 3, 3 },
        { 3, 5, 4, 4 },
        { 4, 6, 4, 5 },
        { 5, 7, 6, 6 },
        { 7, 10, 7, 7 },
        { 7, 10, 9, 8 },
    };

    [Theory]
    [MemberData(nameof(Committees))]
    public void Repair_Ed25519_RestoresTheDealtShare(int t, int n, int helperCount, int seed) =>
        AssertRestores<Ed25519Point, Ed25519Scalar>(t, n, helperCount, seed);

    [Theory]
    [MemberData(nameof(Committees))]
    public void Repair_Secp256k1_RestoresTheDealtShare(int t, int n, int helperCount, int seed) =>
        AssertRestores<Secp256k1Point, Secp256k1Scalar>(t, n, helperCount, seed);

    [Fact]
    public void Steps_WithoutMessaging_RestoreTheShare()
    {
        using var key = Scenario<Ed25519Point, Ed25519Scalar>.Create(3, 5, 3, seed: 10);
        var rng = new DeterministicRandom(11);

        // Step 1: row i holds helper i's parts δ_{i,·}; they add up to ζ_i·s_i.
        var rows = key.Helpers.Select(i =>
        {
            var delta = ShareRepairSteps.LagrangeCoefficientAt<Ed25519Scalar>(key.Target, i, key.Helpers) * key.Shares[i].Secret;
            var parts = ShareRepairSteps.SplitDelta(delta, key.Helpers.Length, rng);
            Assert.Equal(delta, parts.Aggregate(Ed25519Scalar.Zero, (a, b) => a + b));
            Assert.DoesNotContain(parts, p => p.IsZero);
            return parts;
        }).ToArray();

        // Step 2: helper j adds column j; step 3: r adds the σ values.
        var sigmas = Enumerable.Range(0, key.Helpers.Length).Select(j => ShareRepairSteps.Sigma(rows.Select(row => row[j])));
        var restored = ShareRepairSteps.RepairedShare(sigmas);

        Assert.True(restored == key.Shares[key.Target].Secret);
        Assert.False(ShareRepairSteps.RepairedShare(sigmas.Skip(1)) == key.Shares[key.Target].Secret);
    }

    [Fact]
    public void Start_FewerHelpersThanThreshold_AbortsWithoutMessages()
    {
        using var key = Scenario<Secp256k1Point, Secp256k1Scalar>.Create(3, 5, 2, seed: 20);

        var helper = ShareRepair.StartHelper(key.Session, key.Shares[key.Helpers[0]], key.Target, key.Helpers, new DeterministicRandom(1));
        var target = ShareRepair.StartTarget(key.Session, key.GroupKey, key.Target, key.Helpers);

        foreach (var result in new[] { helper, target })
        {
            var aborted = Assert.IsType<RoundResult<RepairOutput<Secp256k1Point, Secp256k1Scalar>>.Aborted>(result);
            Assert.Contains("at least 3", aborted.Abort.Reason, StringComparison.Ordinal);
            Assert.Empty(aborted.Abort.Culprits);
        }
    }

    [Fact]
    public void Start_SingleHelper_AbortsEvenForThreshold1()
    {
        using var key = Scenario<Ed25519Point, Ed25519Scalar>.Create(1, 3, 1, seed: 22);

        Assert.Contains("at least two helpers", Reason(ShareRepair.StartTarget(key.Session, key.GroupKey, key.Target, key.Helpers)), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_InvalidPlans_AbortWithTheReason()
    {
        using var key = Scenario<Ed25519Point, Ed25519Scalar>.Create(2, 4, 2, seed: 21);
        var outsider = new PartyId(9);

        Assert.Contains("cannot help repair its own share", Reason(ShareRepair.StartTarget(key.Session, key.GroupKey, key.Target, [.. key.Helpers, key.Target])), StringComparison.Ordinal);
        Assert.Contains("listed twice", Reason(ShareRepair.StartTarget(key.Session, key.GroupKey, key.Target, [.. key.Helpers, key.Helpers[0]])), StringComparison.Ordinal);
        Assert.Contains("holds no share", Reason(ShareRepair.StartTarget(key.Session, key.GroupKey, key.Target, [.. key.Helpers, outsider])), StringComparison.Ordinal);
        Assert.Contains("holds no share", Reason(ShareRepair.StartTarget(key.Session, key.GroupKey, outsider, key.Helpers)), StringComparison.Ordinal);
        var notHelper = key.GroupKey.Parties.First(p => p != key.Target && !key.Helpers.Contains(p));
        Assert.Contains("not one of the helpers", Reason(ShareRepair.StartHelper(key.Session, key.Shares[notHelper], key.Target, key.Helpers, new DeterministicRandom(2))), StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_TamperedDelta_HelperNamesTheSender()
    {
        using var key = Scenario<Secp256k1Point, Secp256k1Scalar>.Create(3, 5, 3, seed: 30);
        var (cheater, victim) = (key.Helpers[0], key.Helpers[2]);
        var network = key.Network().With(Faults.Rewrite(
            d => d.Message.From == cheater && d.Message.To == victim && d.Message.Round == 1,
            m => m with { Payload = new RepairDelta { Delta = ByteString.CopyFrom(Encode(Secp256k1Scalar.FromUInt64(7))) }.ToByteArray() }));

        var parties = network.Run();

        Assert.Equal(RunStatus.Aborted, parties[victim].Status);
        Assert.Equal([cheater], parties[victim].Abort!.Culprits);
        Assert.Equal(RunStatus.Completed, parties[key.Helpers[1]].Status);
        // r never gets the victim's σ: it waits, and the node's session timeout ends the run.
        Assert.Equal(RunStatus.Running, parties[key.Target].Status);
    }

    [Fact]
    public void Repair_CommitmentsNotSummingToDelta_EveryoneNamesTheSender()
    {
        using var key = Scenario<Ed25519Point, Ed25519Scalar>.Create(3, 5, 3, seed: 31);
        var cheater = key.Helpers[1];
        var network = key.Network().With(Faults.Rewrite(
            d => d.Message.From == cheater && d.Message.IsBroadcast,
            m => m with { Payload = ShiftCommitment<Ed25519Point, Ed25519Scalar>(m.Payload, Ed25519Point.Generator, Ed25519Point.Identity) }));

        var parties = network.Run();

        foreach (var party in parties.Keys.Where(p => p != cheater))
        {
            Assert.Equal(RunStatus.Aborted, parties[party].Status);
            Assert.Equal([cheater], parties[party].Abort!.Culprits);
        }
    }

    [Fact]
    public void Repair_WrongSigma_TargetNamesTheHelper()
    {
        using var key = Scenario<Secp256k1Point, Secp256k1Scalar>.Create(2, 3, 2, seed: 32);
        var cheater = key.Helpers[1];
        var network = key.Network().With(Faults.Rewrite(
            d => d.Message.From == cheater && d.Message.Round == 2,
            m => m with { Payload = new RepairSigma { Sigma = ByteString.CopyFrom(Encode(Secp256k1Scalar.FromUInt64(5))) }.ToByteArray() }));

        var parties = network.Run();

        Assert.Equal(RunStatus.Aborted, parties[key.Target].Status);
        Assert.Equal([cheater], parties[key.Target].Abort!.Culprits);
    }

    [Fact]
    public void Repair_EquivocatedCommitments_TargetNamesTheEquivocator()
    {
        using var key = Scenario<Secp256k1Point, Secp256k1Scalar>.Create(3, 4, 3, seed: 33);
        var cheater = key.Helpers[0];

        // A different split of the same Δ: it passes r's sum check, so only the echo reveals it.
        var network = key.Network().With(Faults.Equivocate(cheater, 1, key.Target,
            p => ShiftCommitment<Secp256k1Point, Secp256k1Scalar>(p, Secp256k1Point.Generator, -Secp256k1Point.Generator)));

        var parties = network.Run();

        Assert.Equal(RunStatus.Aborted, parties[key.Target].Status);
        Assert.Equal([cheater], parties[key.Target].Abort!.Culprits);
        Assert.Contains("equivocated", parties[key.Target].Abort!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Repair_GarbagePayload_NamesTheSender(int round)
    {
        using var key = Scenario<Ed25519Point, Ed25519Scalar>.Create(2, 3, 2, seed: 34);
        var cheater = key.Helpers[0];
        var network = key.Network().With(Faults.TamperPayload(cheater, round, _ => [0xff, 0x01, 0x02]));

        var parties = network.Run();

        var victims = round == 1 ? parties.Keys.Where(p => p != cheater) : [key.Target];
        foreach (var party in victims)
        {
            Assert.Equal(RunStatus.Aborted, parties[party].Status);
            Assert.Equal([cheater], parties[party].Abort!.Culprits);
        }
    }

    [Fact]
    public void Repair_ReplaysAndDuplicates_AreIgnored()
    {
        using var key = Scenario<Secp256k1Point, Secp256k1Scalar>.Create(3, 5, 3, seed: 35);
        var network = key.Network()
            .With(Faults.Duplicate(_ => true))
            .With(Faults.ReplayIntoSession(SessionId.Random(new DeterministicRandom(99)), _ => true));

        var parties = network.Run(reorderSeed: 5);

        key.AssertRestored(parties);
        Assert.Contains(parties.Values, p => p.Ignored.Any(c => c.Reason.Contains("session", StringComparison.Ordinal)));
        Assert.Contains(parties.Values, p => p.Ignored.Any(c => c.Reason.Contains("duplicate", StringComparison.Ordinal)));
    }

    [Fact]
    public void Repair_TargetSendingInRound1_IsNamed()
    {
        using var key = Scenario<Secp256k1Point, Secp256k1Scalar>.Create(2, 3, 2, seed: 36);
        var impostor = key.Target;
        var network = key.Network().With(Faults.Impersonate(impostor, d => d.Message.From == key.Helpers[0] && d.Recipient != impostor));

        var parties = network.Run();

        Assert.Equal(RunStatus.Aborted, parties[key.Helpers[1]].Status);
        Assert.Equal([impostor], parties[key.Helpers[1]].Abort!.Culprits);
    }

    private static void AssertRestores<TPoint, TScalar>(int t, int n, int helperCount, int seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        using var key = Scenario<TPoint, TScalar>.Create(t, n, helperCount, seed);

        var parties = key.Network().Run(reorderSeed: seed);

        key.AssertRestored(parties);
    }

    private static string Reason<TOutput>(RoundResult<TOutput> result) =>
        Assert.IsType<RoundResult<TOutput>.Aborted>(result).Abort.Reason;

    private static byte[] Encode<TScalar>(TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TScalar.EncodedLength];
        scalar.Encode(bytes);
        return bytes;
    }

    /// <summary>Adds <paramref name="first"/> to D_{i,1} and <paramref name="second"/> to D_{i,2}.</summary>
    private static byte[] ShiftCommitment<TPoint, TScalar>(ReadOnlyMemory<byte> payload, TPoint first, TPoint second)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var message = RepairDeltaCommitments.Parser.ParseFrom(payload.Span);
        foreach (var (index, offset) in new[] { (0, first), (1, second) })
        {
            Assert.True(TPoint.TryDecode(message.Commitments[index].Span, out var point));
            var bytes = new byte[TPoint.EncodedLength];
            (point + offset).Encode(bytes);
            message.Commitments[index] = ByteString.CopyFrom(bytes);
        }

        return message.ToByteArray();
    }

    /// <summary>A dealt t-of-n key, the lost share's owner r (party n) and the first helpers of the rest.</summary>
    private sealed class Scenario<TPoint, TScalar> : IDisposable
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        private readonly int _seed;

        private Scenario(int seed, Dictionary<PartyId, KeyShare<TPoint, TScalar>> shares, PartyId target, PartyId[] helpers)
        {
            _seed = seed;
            Shares = shares;
            Target = target;
            Helpers = helpers;
            Session = SessionId.Random(new DeterministicRandom((ulong)seed + 1000));
        }

        public Dictionary<PartyId, KeyShare<TPoint, TScalar>> Shares { get; }

        public GroupKey<TPoint, TScalar> GroupKey => Shares[Target].GroupKey;

        public PartyId Target { get; }

        public PartyId[] Helpers { get; }

        public SessionId Session { get; }

        public static Scenario<TPoint, TScalar> Create(int t, int n, int helperCount, int seed)
        {
            var rng = new DeterministicRandom((ulong)seed);
            var parties = Enumerable.Range(1, n).Select(i => new PartyId(i)).ToArray();
            var shares = TrustedDealer.Deal<TPoint, TScalar>(TScalar.Random(rng), t, parties, rng).ToDictionary(s => s.Id);
            var target = parties[^1];
            return new Scenario<TPoint, TScalar>(seed, shares, target, parties[..helperCount]);
        }

        public InMemoryNetwork<RepairOutput<TPoint, TScalar>> Network()
        {
            var runners = Helpers
                .Select(h => ShareRepair.StartHelper(Session, Shares[h], Target, Helpers, Rng(h)))
                .Append(ShareRepair.StartTarget(Session, GroupKey, Target, Helpers))
                .Select(start => new PartyRunner<RepairOutput<TPoint, TScalar>>(
                    Assert.IsType<RoundResult<RepairOutput<TPoint, TScalar>>.Continue>(start), Rng(Target)));
            return new InMemoryNetwork<RepairOutput<TPoint, TScalar>>(runners);
        }

        public void AssertRestored(IReadOnlyDictionary<PartyId, PartyRunner<RepairOutput<TPoint, TScalar>>> parties)
        {
            Assert.All(parties.Values, p => Assert.Equal(RunStatus.Completed, p.Status));
            Assert.All(Helpers, h => Assert.True(parties[h].Output!.IsHelper));
            using var repaired = parties[Target].Output!.RepairedShare!;
            Assert.Equal(Target, repaired.Id);
            Assert.True(Shares[Target].Secret == repaired.Secret, "the repaired share differs from the dealt one");
            Assert.Equal(GroupKey.VerificationShares[Target], TPoint.MultiplyBase(repaired.Secret));
            Assert.Equal(GroupKey.PublicKey, repaired.GroupKey.PublicKey);
        }

        public void Dispose()
        {
            foreach (var share in Shares.Values)
            {
                share.Dispose();
            }
        }

        private DeterministicRandom Rng(PartyId party) => new(((ulong)_seed << 16) + party.Value);
    }
}
