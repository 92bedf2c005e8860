using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit.Mpc;
using BenchmarkDotNet.Attributes;

namespace Arcanum.Benchmarks;

/// <summary>
/// A whole DKG run of n parties in memory (all rounds, every message encoded and decoded), reported
/// as a whole; docs/benchmarks.md divides it by n for ZF frost's "DKG per party" column (n depends on
/// the parameter, so BenchmarkDotNet's constant OperationsPerInvoke cannot do it).
/// </summary>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(Ed25519Point), typeof(Ed25519Scalar))]
[GenericTypeArguments(typeof(Secp256k1Point), typeof(Secp256k1Scalar))]
public class FrostDkgBenchmarks<TPoint, TScalar> : IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private RandomNumberGenerator _rng = null!;
    private FrostCiphersuite<TPoint, TScalar> _suite = null!;
    private PartyId[] _parties = [];
    private int _threshold;

    [Params("2-of-3", "3-of-5")]
    public string Committee { get; set; } = "2-of-3";

    [GlobalSetup]
    public void Setup()
    {
        _rng = RandomNumberGenerator.Create();
        _suite = (FrostCiphersuite<TPoint, TScalar>)(typeof(TPoint) == typeof(Ed25519Point) ? FrostEd25519.Instance : (object)FrostSecp256k1.Instance);
        var parts = Committee.Split("-of-");
        _threshold = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        _parties = [.. Enumerable.Range(1, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)).Select(i => new PartyId(i))];
    }

    [Benchmark(Description = "DKG (whole run)")]
    public KeyShare<TPoint, TScalar> DkgWholeRun()
    {
        var session = SessionId.Random(_rng);
        var network = new InMemoryNetwork<KeyShare<TPoint, TScalar>>(_parties.Select(p =>
            new PartyRunner<KeyShare<TPoint, TScalar>>(FrostDkg.Start(_suite, new ProtocolContext(session, p, _parties), _threshold, _rng), _rng)));
        var runners = network.Run();
        var first = runners[_parties[0]].Output ?? throw new InvalidOperationException("the DKG did not complete");
        foreach (var runner in runners.Values.Skip(1))
        {
            runner.Output?.Dispose();
        }

        return first;
    }

    public void Dispose()
    {
        _rng.Dispose();
        GC.SuppressFinalize(this);
    }
}
