using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;
using BenchmarkDotNet.Attributes;

namespace Arcanum.Benchmarks;

/// <summary>Noise_IK_25519_ChaChaPoly_BLAKE2s transport: one 1 KiB message sealed by one side and opened by the other.</summary>
[MemoryDiagnoser]
public class NoiseBenchmarks : IDisposable
{
    private readonly byte[] _payload = new byte[1024];
    private readonly byte[] _message = new byte[1024 + 16];
    private readonly byte[] _opened = new byte[1024];
    private NoiseTransport _initiator = null!;
    private NoiseTransport _responder = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(_payload);
        using var initiatorStatic = X25519PrivateKey.Generate(rng);
        using var responderStatic = X25519PrivateKey.Generate(rng);
        using var initiator = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = NoiseProtocol.ProductProtocol, Role = NoiseRole.Initiator,
            LocalStaticKey = initiatorStatic, RemoteStaticKey = responderStatic.PublicKey,
        }, rng);
        using var responder = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = NoiseProtocol.ProductProtocol, Role = NoiseRole.Responder, LocalStaticKey = responderStatic,
        }, rng);
        var buffer = new byte[NoiseProtocol.MaxMessageLength];
        Require(initiator.WriteMessage([], buffer, out var written));
        Require(responder.ReadMessage(buffer.AsSpan(0, written), [], out _));
        Require(responder.WriteMessage([], buffer, out written));
        Require(initiator.ReadMessage(buffer.AsSpan(0, written), [], out _));
        _initiator = initiator.Split();
        _responder = responder.Split();
    }

    [Benchmark(Description = "Noise transport 1 KiB (seal + open)")]
    public int SealAndOpen()
    {
        Require(_initiator.WriteMessage(_payload, _message, out var written));
        Require(_responder.ReadMessage(_message.AsSpan(0, written), _opened, out var opened));
        return opened;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _initiator.Dispose();
        _responder.Dispose();
        GC.SuppressFinalize(this);
    }

    private static void Require(NoiseResult result)
    {
        if (result != NoiseResult.Success)
        {
            throw new InvalidOperationException($"Noise step failed: {result}.");
        }
    }
}
