using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;
using Arcanum.TestKit.Mpc;

namespace Arcanum.Mpc.Tests.Dkg;

/// <summary>Builds DKG runs on the in-memory network and checks their results (test-only helpers).</summary>
internal static class DkgHarness
{
    public static PartyId[] Ids(params int[] values) => [.. values.Select(v => new PartyId(v))];

    public static SessionId Session(ulong seed) => SessionId.Random(new DeterministicRandom(seed ^ 0x5e55_1011));

    /// <summary>A per-party generator, so each party's randomness is independent and reproducible.</summary>
    public static DeterministicRandom Rng(ulong seed, PartyId party) => new((seed * 1000) + party.Value);

    public static InMemoryNetwork<KeyShare<TPoint, TScalar>> Dkg<TPoint, TScalar>(
        FrostCiphersuite<TPoint, TScalar> suite, IReadOnlyList<PartyId> parties, int threshold, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var session = Session(seed);
        return new InMemoryNetwork<KeyShare<TPoint, TScalar>>(parties.Select(p =>
        {
            var rng = Rng(seed, p);
            return new PartyRunner<KeyShare<TPoint, TScalar>>(FrostDkg.Start(suite, new ProtocolContext(session, p, parties), threshold, rng), rng);
        }));
    }

    /// <summary>Runs a fault-free DKG and returns every party's share.</summary>
    public static KeyShare<TPoint, TScalar>[] RunDkg<TPoint, TScalar>(FrostCiphersuite<TPoint, TScalar> suite, IReadOnlyList<PartyId> parties, int threshold, ulong seed)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var runners = Dkg(suite, parties, threshold, seed).Run();
        Assert.All(runners.Values, r => Assert.Equal(RunStatus.Completed, r.Status));
        return [.. runners.Values.Select(r => r.Output!)];
    }

    /// <summary>Every party in <paramref name="honest"/> aborted naming exactly <paramref name="culprits"/>.</summary>
    public static void AssertAborted<TOutput>(IReadOnlyDictionary<PartyId, PartyRunner<TOutput>> runners, IEnumerable<PartyId> honest, params int[] culprits)
    {
        var checkedParties = 0;
        foreach (var party in honest)
        {
            var runner = runners[party];
            Assert.True(runner.Status == RunStatus.Aborted, $"{party} is {runner.Status}, expected an abort");
            Assert.Equal(culprits.Select(c => new PartyId(c)), runner.Abort!.Culprits);
            checkedParties++;
        }

        Assert.True(checkedParties > 0);
    }

    /// <summary>f(0) from the given shares by Lagrange interpolation (test-only; protocols never reconstruct).</summary>
    public static TScalar Reconstruct<TPoint, TScalar>(IEnumerable<KeyShare<TPoint, TScalar>> shares)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        Shamir.Reconstruct([.. shares.Select(s => new SecretShare<TScalar>(s.Id.ToScalar<TScalar>(), s.Secret))]);

    /// <summary>A random subset of <paramref name="count"/> items, reproducible from <paramref name="random"/>.</summary>
    public static T[] Pick<T>(IReadOnlyList<T> items, int count, Random random) => [.. items.OrderBy(_ => random.Next()).Take(count)];
}
