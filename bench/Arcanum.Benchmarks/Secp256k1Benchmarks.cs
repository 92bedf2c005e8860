using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using BenchmarkDotNet.Attributes;

namespace Arcanum.Benchmarks;

/// <summary>secp256k1 through libsecp256k1 and the managed scalar field; compare with bench/native.</summary>
[MemoryDiagnoser]
public class Secp256k1Benchmarks : IDisposable
{
    private readonly byte[] _hash = new byte[32];
    private readonly byte[] _aux = new byte[32];
    private readonly byte[] _ecdsaSignature = new byte[Secp256k1Ecdsa.SignatureLength];
    private readonly byte[] _schnorrSignature = new byte[Secp256k1XOnlyPublicKey.SignatureLength];
    private readonly byte[] _output = new byte[64];
    private Secp256k1PrivateKey _key = null!;
    private Secp256k1Point _publicKey;
    private Secp256k1XOnlyPublicKey _xOnlyKey = null!;
    private Secp256k1Scalar _a;
    private Secp256k1Scalar _b;

    [GlobalSetup]
    public void Setup()
    {
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(_hash);
        rng.GetBytes(_aux);
        _key = Secp256k1PrivateKey.Generate(rng);
        _publicKey = _key.PublicKey;
        _xOnlyKey = _key.XOnlyPublicKey;
        _a = Secp256k1Scalar.Random(rng);
        _b = Secp256k1Scalar.Random(rng);
        _key.SignEcdsa(_hash, _ecdsaSignature);
        _key.SignSchnorr(_hash, _schnorrSignature, _aux);
    }

    [Benchmark(Description = "secp256k1 k·G")]
    public Secp256k1Point MultiplyBase() => Secp256k1Point.MultiplyBase(_a);

    [Benchmark(Description = "secp256k1 k·P")]
    public Secp256k1Point Multiply() => _publicKey * _a;

    [Benchmark(Description = "secp256k1 ECDSA sign")]
    public int EcdsaSign() => _key.SignEcdsa(_hash, _output);

    [Benchmark(Description = "secp256k1 ECDSA verify")]
    public bool EcdsaVerify() => Secp256k1Ecdsa.Verify(_publicKey, _hash, _ecdsaSignature);

    [Benchmark(Description = "secp256k1 BIP340 sign")]
    public void Bip340Sign() => _key.SignSchnorr(_hash, _output, _aux);

    [Benchmark(Description = "secp256k1 BIP340 verify")]
    public bool Bip340Verify() => _xOnlyKey.Verify(_hash, _schnorrSignature);

    [Benchmark(Description = "secp256k1 scalar mul")]
    public Secp256k1Scalar ScalarMultiply() => _a * _b;

    [Benchmark(Description = "secp256k1 scalar invert")]
    public Secp256k1Scalar ScalarInvert() => _a.Invert();

    [GlobalCleanup]
    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }
}
