using System.Security.Cryptography;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit.Mpc;
using BenchmarkDotNet.Attributes;

namespace Arcanum.Benchmarks;

/// <summary>
/// DKLs23 threshold ECDSA with every party in one process, serially (as the peer figures in
/// docs/benchmarks.md were measured): key generation (DKG + pairwise OT setup), presigning
/// (rounds 1–2), the online round from presignatures, and a whole three-round signing — every
/// message encoded and decoded on the in-memory network.
/// </summary>
[MemoryDiagnoser]
public class EcdsaBenchmarks : IDisposable
{
    private RandomNumberGenerator _rng = null!;
    private PartyId[] _parties = [];
    private int _threshold;
    private EcdsaKeyShare[] _signers = [];
    private const int OnlineBatch = 32;
    private Presignature[][] _presignatures = [];
    private readonly byte[] _digest = SHA256.HashData("arcanum benchmark"u8);

    [Params("2-of-3", "3-of-5")]
    public string Committee { get; set; } = "2-of-3";

    [GlobalSetup]
    public void Setup()
    {
        _rng = RandomNumberGenerator.Create();
        var parts = Committee.Split("-of-");
        _threshold = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        _parties = [.. Enumerable.Range(1, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)).Select(i => new PartyId(i))];
        _signers = Keygen()[.._threshold];
    }

    /// <summary>Each online iteration consumes <see cref="OnlineBatch"/> fresh presignature sets, so it is long enough to time.</summary>
    [IterationSetup(Target = nameof(Online))]
    public void MakePresignatures() => _presignatures = [.. Enumerable.Range(0, OnlineBatch).Select(_ => Presign())];

    [Benchmark(Description = "keygen (whole run)")]
    public EcdsaKeyShare[] Keygen()
    {
        var session = SessionId.Random(_rng);
        return Outputs(new InMemoryNetwork<EcdsaKeyShare>(_parties.Select(p =>
            new PartyRunner<EcdsaKeyShare>(EcdsaKeygen.Start(new ProtocolContext(session, p, _parties), _threshold, _rng), _rng))).Run());
    }

    [Benchmark(Description = "presign (rounds 1-2, t signers)")]
    public Presignature[] Presign()
    {
        var session = SessionId.Random(_rng);
        var ids = _signers.Select(s => s.Id).ToArray();
        return Outputs(new InMemoryNetwork<Presignature>(_signers.Select(s =>
            new PartyRunner<Presignature>(EcdsaPresigning.Start(new ProtocolContext(session, s.Id, ids), s, null, _rng), _rng))).Run());
    }

    [Benchmark(Description = "online (round 3, t signers)", OperationsPerInvoke = OnlineBatch)]
    public EcdsaSignature[] Online()
    {
        var ledger = new InMemoryNonceLedger();
        EcdsaSignature[] last = [];
        foreach (var presignatures in _presignatures)
        {
            last = Outputs(new InMemoryNetwork<EcdsaSignature>(presignatures.Select(p =>
                new PartyRunner<EcdsaSignature>((RoundResult<EcdsaSignature>.Continue)EcdsaOnlineSigning.Start(p, _digest, ledger), _rng))).Run());
        }

        return last;
    }

    [Benchmark(Description = "sign (rounds 1-3, t signers)")]
    public EcdsaSignature[] Sign()
    {
        var session = SessionId.Random(_rng);
        var ids = _signers.Select(s => s.Id).ToArray();
        var ledger = new InMemoryNonceLedger();
        return Outputs(new InMemoryNetwork<EcdsaSignature>(_signers.Select(s =>
            new PartyRunner<EcdsaSignature>(EcdsaSigning.Start(new ProtocolContext(session, s.Id, ids), s, null, _digest, ledger, _rng), _rng))).Run());
    }

    private static T[] Outputs<T>(IReadOnlyDictionary<PartyId, PartyRunner<T>> runners) =>
        [.. runners.Values.Select(r => r.Output ?? throw new InvalidOperationException($"{r.Context.Self} did not complete: {r.Abort}"))];

    public void Dispose()
    {
        _rng.Dispose();
        GC.SuppressFinalize(this);
    }
}
