using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using BenchmarkDotNet.Attributes;

namespace Arcanum.Benchmarks;

/// <summary>edwards25519 and Ed25519 through libsodium; compare with bench/native.</summary>
[MemoryDiagnoser]
public class Ed25519Benchmarks : IDisposable
{
    private readonly byte[] _message = new byte[32];
    private readonly byte[] _signature = new byte[Ed25519PublicKey.SignatureLength];
    private readonly byte[] _output = new byte[Ed25519PublicKey.SignatureLength];
    private Ed25519PrivateKey _key = null!;
    private Ed25519Point _point;
    private Ed25519Scalar _a;
    private Ed25519Scalar _b;

    [GlobalSetup]
    public void Setup()
    {
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(_message);
        _key = Ed25519PrivateKey.Generate(rng);
        _a = Ed25519Scalar.Random(rng);
        _b = Ed25519Scalar.Random(rng);
        _point = Ed25519Point.MultiplyBase(_b);
        _key.Sign(_message, _signature);
    }

    [Benchmark(Description = "ed25519 k·G")]
    public Ed25519Point MultiplyBase() => Ed25519Point.MultiplyBase(_a);

    [Benchmark(Description = "ed25519 k·P")]
    public Ed25519Point Multiply() => _point * _a;

    [Benchmark(Description = "Ed25519 sign")]
    public void Sign() => _key.Sign(_message, _output);

    [Benchmark(Description = "Ed25519 verify")]
    public bool Verify() => _key.PublicKey.Verify(_message, _signature);

    [Benchmark(Description = "ed25519 scalar mul")]
    public Ed25519Scalar ScalarMultiply() => _a * _b;

    [Benchmark(Description = "ed25519 scalar invert")]
    public Ed25519Scalar ScalarInvert() => _a.Invert();

    [GlobalCleanup]
    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }
}
