using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using BenchmarkDotNet.Attributes;

namespace Arcanum.Benchmarks;

/// <summary>
/// FROST signing per party, with the columns of ZF frost's performance.md: round 1 (one signer's
/// commit), round 2 (one signer's share over t commitments) and aggregate (verify t shares, sum,
/// verify the signature). Keys come from the trusted dealer (the DKG is measured separately).
/// Nonces are single-use, so round 2 signs with a fresh, pre-generated nonce on every invocation.
/// </summary>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(Ed25519Point), typeof(Ed25519Scalar))]
[GenericTypeArguments(typeof(Secp256k1Point), typeof(Secp256k1Scalar))]
public class FrostSigningBenchmarks<TPoint, TScalar> : IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private const int InvocationsPerIteration = 256;

    private readonly byte[] _message = new byte[32];
    private readonly Queue<(SigningNonces<TPoint, TScalar> Nonces, SigningPackage<TPoint, TScalar> Package)> _fresh = new();
    private RandomNumberGenerator _rng = null!;
    private FrostCiphersuite<TPoint, TScalar> _suite = null!;
    private KeyShare<TPoint, TScalar>[] _shares = [];
    private FrostSigner<TPoint, TScalar> _signer = null!;
    private FrostAggregator<TPoint, TScalar> _aggregator = null!;
    private SigningCommitment<TPoint, TScalar>[] _otherCommitments = [];
    private SigningPackage<TPoint, TScalar> _package = null!;
    private Dictionary<PartyId, TScalar> _signatureShares = [];

    [Params("2-of-3", "3-of-5", "67-of-100")]
    public string Committee { get; set; } = "2-of-3";

    [GlobalSetup]
    public void Setup()
    {
        _rng = RandomNumberGenerator.Create();
        _rng.GetBytes(_message);
        _suite = (FrostCiphersuite<TPoint, TScalar>)(typeof(TPoint) == typeof(Ed25519Point) ? FrostEd25519.Instance : (object)FrostSecp256k1.Instance);
        var parts = Committee.Split("-of-");
        var (threshold, count) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        _shares = TrustedDealer.Deal<TPoint, TScalar>(TScalar.Random(_rng), threshold, [.. Enumerable.Range(1, count).Select(i => new PartyId(i))], _rng);
        var signers = _shares.Take(threshold).ToArray();
        _signer = new FrostSigner<TPoint, TScalar>(_suite, signers[0], new AlwaysFreshLedger());
        _aggregator = new FrostAggregator<TPoint, TScalar>(_suite, signers[0].GroupKey);

        // One complete signature for the aggregate benchmark.
        var nonces = signers.Select(s => SigningNonces<TPoint, TScalar>.Generate(_suite, s, _rng)).ToArray();
        _otherCommitments = [.. nonces.Skip(1).Select(n => n.Commitment)];
        _package = new SigningPackage<TPoint, TScalar>(_message, nonces.Select(n => n.Commitment));
        _signatureShares = signers.Zip(nonces).ToDictionary(
            p => p.First.Id,
            p => new FrostSigner<TPoint, TScalar>(_suite, p.First, new AlwaysFreshLedger()).TrySign(_package, p.Second, out var share) ? share.Value : throw new InvalidOperationException("setup signing failed"));
    }

    /// <summary>Round 2 consumes a nonce per call: prepare fresh ones (with their packages) outside the measurement.</summary>
    [IterationSetup(Target = nameof(Round2Sign))]
    public void PrepareNonces()
    {
        for (var i = 0; i < InvocationsPerIteration; i++)
        {
            var nonces = _signer.Commit(_rng);
            _fresh.Enqueue((nonces, new SigningPackage<TPoint, TScalar>(_message, _otherCommitments.Append(nonces.Commitment))));
        }
    }

    [Benchmark(Description = "round 1 (commit)")]
    public SigningCommitment<TPoint, TScalar> Round1Commit()
    {
        using var nonces = _signer.Commit(_rng);
        return nonces.Commitment;
    }

    [Benchmark(Description = "round 2 (sign)")]
    [InvocationCount(InvocationsPerIteration)]
    public SignatureShare<TScalar> Round2Sign()
    {
        var (nonces, package) = _fresh.Dequeue();
        using (nonces)
        {
            return _signer.TrySign(package, nonces, out var share) ? share : throw new InvalidOperationException("signing failed");
        }
    }

    [Benchmark(Description = "aggregate")]
    public byte[] Aggregate() =>
        _aggregator.TryAggregate(_package, _signatureShares, out var signature, out var abort) ? signature : throw new InvalidOperationException(abort.ToString());

    public void Dispose()
    {
        foreach (var share in _shares)
        {
            share.Dispose();
        }

        _rng.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The benchmark measures the signing arithmetic; durable nonce bookkeeping belongs to the node's store.</summary>
    private sealed class AlwaysFreshLedger : INonceLedger
    {
        public bool TryConsume(NonceId id) => true;
    }
}
