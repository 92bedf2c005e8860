using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

/// <summary>An initiator and a responder with fresh static keys, for handshakes driven by a test.</summary>
internal sealed class NoisePair : IDisposable
{
    private static readonly byte[] Prologue = "arcanum test prologue"u8.ToArray();

    private NoisePair(string protocolName, RandomNumberGenerator rng, X25519PublicKey? pinnedResponderKey,
        IReadOnlyList<ReadOnlyMemory<byte>> initiatorPsks, IReadOnlyList<ReadOnlyMemory<byte>> responderPsks)
    {
        var protocol = NoiseProtocol.Parse(protocolName);
        InitiatorStatic = X25519PrivateKey.Generate(rng);
        ResponderStatic = X25519PrivateKey.Generate(rng);
        Initiator = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = protocol,
            Role = NoiseRole.Initiator,
            Prologue = Prologue,
            LocalStaticKey = InitiatorStatic,
            RemoteStaticKey = pinnedResponderKey ?? ResponderStatic.PublicKey,
            PreSharedKeys = initiatorPsks,
        }, rng);
        Responder = HandshakeState.Create(new HandshakeSettings
        {
            Protocol = protocol,
            Role = NoiseRole.Responder,
            Prologue = Prologue,
            LocalStaticKey = ResponderStatic,
            PreSharedKeys = responderPsks,
        }, rng);
    }

    public X25519PrivateKey InitiatorStatic { get; }

    public X25519PrivateKey ResponderStatic { get; }

    public HandshakeState Initiator { get; }

    public HandshakeState Responder { get; }

    public static NoisePair Create(RandomNumberGenerator rng, string protocolName = NoiseProtocol.ProductProtocolName,
        X25519PublicKey? pinnedResponderKey = null, IReadOnlyList<ReadOnlyMemory<byte>>? psks = null) =>
        new(protocolName, rng, pinnedResponderKey, psks ?? [], psks ?? []);

    public static NoisePair CreateWithPsks(RandomNumberGenerator rng, string protocolName,
        IReadOnlyList<ReadOnlyMemory<byte>> initiatorPsks, IReadOnlyList<ReadOnlyMemory<byte>> responderPsks) =>
        new(protocolName, rng, null, initiatorPsks, responderPsks);

    /// <summary>Writes the next handshake message of <paramref name="writer"/> and returns it.</summary>
    public static byte[] Write(HandshakeState writer, ReadOnlySpan<byte> payload)
    {
        var message = new byte[writer.GetMessageLength(payload.Length)];
        Assert.Equal(NoiseResult.Success, writer.WriteMessage(payload, message, out var written));
        Assert.Equal(message.Length, written);
        return message;
    }

    /// <summary>Reads a handshake message into a fresh buffer; returns the result and the payload.</summary>
    public static (NoiseResult Result, byte[] Payload) Read(HandshakeState reader, ReadOnlySpan<byte> message)
    {
        var payload = new byte[message.Length];
        var result = reader.ReadMessage(message, payload, out var written);
        return (result, payload[..written]);
    }

    /// <summary>Runs the whole two-message handshake and splits both sides.</summary>
    public (NoiseTransport Initiator, NoiseTransport Responder) Complete()
    {
        Assert.Equal(NoiseResult.Success, Read(Responder, Write(Initiator, "hello"u8)).Result);
        Assert.Equal(NoiseResult.Success, Read(Initiator, Write(Responder, "welcome"u8)).Result);
        return (Initiator.Split(), Responder.Split());
    }

    public void Dispose()
    {
        Initiator.Dispose();
        Responder.Dispose();
        InitiatorStatic.Dispose();
        ResponderStatic.Dispose();
    }
}
