using System.Buffers;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

public sealed class HandshakeStateTests : IDisposable
{
    private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();

    public void Dispose() => _rng.Dispose();

    [Theory]
    [InlineData("Noise_IK_25519_ChaChaPoly_BLAKE2s")]
    [InlineData("Noise_IK1_25519_ChaChaPoly_BLAKE2s")]
    [InlineData("Noise_IKpsk1_25519_ChaChaPoly_BLAKE2s")]
    [InlineData("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s")]
    [InlineData("Noise_IKpsk0+psk2_25519_ChaChaPoly_BLAKE2s")]
    public void Handshake_RandomEphemerals_BothSidesShareHashAndTransport(string protocolName)
    {
        var psks = Enumerable.Range(0, NoiseProtocol.Parse(protocolName).Pattern.PreSharedKeyCount)
            .Select(_ => (ReadOnlyMemory<byte>)RandomNumberGenerator.GetBytes(32)).ToList();
        using var pair = NoisePair.Create(_rng, protocolName, psks: psks);

        var first = NoisePair.Read(pair.Responder, NoisePair.Write(pair.Initiator, "hello"u8));
        var second = NoisePair.Read(pair.Initiator, NoisePair.Write(pair.Responder, "welcome"u8));
        using var initiator = pair.Initiator.Split();
        using var responder = pair.Responder.Split();

        Assert.Equal(NoiseResult.Success, first.Result);
        Assert.Equal("hello"u8.ToArray(), first.Payload);
        Assert.Equal(NoiseResult.Success, second.Result);
        Assert.Equal("welcome"u8.ToArray(), second.Payload);
        Assert.Equal(initiator.HandshakeHash.ToArray(), responder.HandshakeHash.ToArray());
        Assert.Equal(pair.InitiatorStatic.PublicKey, responder.RemoteStaticKey);
        Assert.Equal(pair.ResponderStatic.PublicKey, initiator.RemoteStaticKey);
        AssertTransportWorks(initiator, responder);
    }

    [Fact]
    public void ReadMessage_AnyByteOfFirstMessageTampered_FailsAndLeavesStateUnchanged()
    {
        using var pair = NoisePair.Create(_rng);
        var genuine = NoisePair.Write(pair.Initiator, "hello"u8);
        var failures = new List<string>();

        for (var i = 0; i < genuine.Length; i++)
        {
            var tampered = (byte[])genuine.Clone();
            tampered[i] ^= 0x01;
            var (result, _) = NoisePair.Read(pair.Responder, tampered);
            if (result is not (NoiseResult.DecryptionFailed or NoiseResult.InvalidRemoteKey)
                || pair.Responder.RemoteStaticKey is not null || pair.Responder.IsMyTurnToWrite)
            {
                failures.Add($"byte {i}: {result}, state advanced = {pair.Responder.IsMyTurnToWrite}");
            }
        }

        Assert.Empty(failures);
        // The state was not advanced by any forgery: the genuine message still completes the handshake.
        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, genuine).Result);
        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Initiator, NoisePair.Write(pair.Responder, "welcome"u8)).Result);
        using var initiator = pair.Initiator.Split();
        using var responder = pair.Responder.Split();
        AssertTransportWorks(initiator, responder);
    }

    [Fact]
    public void ReadMessage_TamperedSecondMessage_FailsAndGenuineOneStillCompletes()
    {
        using var pair = NoisePair.Create(_rng);
        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, NoisePair.Write(pair.Initiator, "hello"u8)).Result);
        var genuine = NoisePair.Write(pair.Responder, "welcome"u8);
        var tampered = (byte[])genuine.Clone();
        tampered[^1] ^= 0x80;

        var (result, _) = NoisePair.Read(pair.Initiator, tampered);

        Assert.Equal(NoiseResult.DecryptionFailed, result);
        Assert.False(pair.Initiator.IsCompleted);
        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Initiator, genuine).Result);
        Assert.True(pair.Initiator.IsCompleted);
    }

    [Fact]
    public void ReadMessage_Truncated_ReturnsMessageTooShort()
    {
        using var pair = NoisePair.Create(_rng);
        var message = NoisePair.Write(pair.Initiator, []);

        var (result, _) = NoisePair.Read(pair.Responder, message.AsSpan(0, message.Length - 1));

        Assert.Equal(NoiseResult.MessageTooShort, result);
        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, message).Result);
    }

    [Fact]
    public void Handshake_InitiatorPinsWrongResponderKey_ResponderRejectsFirstMessage()
    {
        using var impostor = X25519PrivateKey.Generate(_rng);
        using var pair = NoisePair.Create(_rng, pinnedResponderKey: impostor.PublicKey);

        var (result, _) = NoisePair.Read(pair.Responder, NoisePair.Write(pair.Initiator, "hello"u8));

        Assert.Equal(NoiseResult.DecryptionFailed, result);
        Assert.Null(pair.Responder.RemoteStaticKey);
    }

    [Fact]
    public void ReadMessage_FirstMessage_RevealsInitiatorKeyBeforeResponderAnswers()
    {
        using var pair = NoisePair.Create(_rng);

        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, NoisePair.Write(pair.Initiator, []).AsSpan()).Result);

        Assert.Equal(pair.InitiatorStatic.PublicKey, pair.Responder.RemoteStaticKey);
        Assert.True(pair.Responder.IsMyTurnToWrite);
    }

    [Fact]
    public void WriteMessage_SmallOrderPinnedResponderKey_ReturnsInvalidRemoteKeyAndKeepsState()
    {
        using var pair = NoisePair.Create(_rng, pinnedResponderKey: X25519PublicKey.FromBytes(new byte[32]));
        var message = new byte[200];

        var result = pair.Initiator.WriteMessage("hello"u8, message, out var written);

        Assert.Equal(NoiseResult.InvalidRemoteKey, result);
        Assert.Equal(0, written);
        Assert.True(pair.Initiator.IsMyTurnToWrite);
    }

    [Fact]
    public void ReadMessage_SmallOrderEphemeral_ReturnsInvalidRemoteKey()
    {
        using var pair = NoisePair.Create(_rng);
        var message = NoisePair.Write(pair.Initiator, "hello"u8);
        message.AsSpan(0, 32).Clear();

        var (result, _) = NoisePair.Read(pair.Responder, message);

        Assert.Equal(NoiseResult.InvalidRemoteKey, result);
        Assert.False(pair.Responder.IsMyTurnToWrite);
    }

    [Fact]
    public void Handshake_MismatchedPreSharedKey_InitiatorRejectsSecondMessage()
    {
        using var pair = NoisePair.CreateWithPsks(_rng, "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s",
            [RandomNumberGenerator.GetBytes(32)], [RandomNumberGenerator.GetBytes(32)]);

        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, NoisePair.Write(pair.Initiator, "hello"u8)).Result);
        var (result, _) = NoisePair.Read(pair.Initiator, NoisePair.Write(pair.Responder, "welcome"u8));

        Assert.Equal(NoiseResult.DecryptionFailed, result);
    }

    [Fact]
    public void WriteMessage_OverMaximumMessageLength_IsRefusedButMaximumIsWritten()
    {
        using var pair = NoisePair.Create(_rng);
        var overhead = pair.Initiator.GetMessageLength(0);
        var message = new byte[NoiseProtocol.MaxMessageLength + 1];

        var tooLarge = pair.Initiator.WriteMessage(new byte[NoiseProtocol.MaxMessageLength - overhead + 1], message, out _);
        var largest = pair.Initiator.WriteMessage(new byte[NoiseProtocol.MaxMessageLength - overhead], message, out var written);

        Assert.Equal(NoiseResult.MessageTooLarge, tooLarge);
        Assert.Equal(NoiseResult.Success, largest);
        Assert.Equal(NoiseProtocol.MaxMessageLength, written);
        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, message.AsSpan(0, written)).Result);
    }

    [Fact]
    public void ReadMessage_OverMaximumMessageLength_ReturnsMessageTooLarge()
    {
        using var pair = NoisePair.Create(_rng);
        _ = NoisePair.Write(pair.Initiator, []);

        var (result, _) = NoisePair.Read(pair.Responder, new byte[NoiseProtocol.MaxMessageLength + 1]);

        Assert.Equal(NoiseResult.MessageTooLarge, result);
    }

    [Fact]
    public void WriteMessage_DestinationTooSmall_ReturnsWithoutAdvancing()
    {
        using var pair = NoisePair.Create(_rng);
        var buffer = new byte[pair.Initiator.GetMessageLength(5) - 1];

        var result = pair.Initiator.WriteMessage("hello"u8, buffer, out var written);

        Assert.Equal(NoiseResult.DestinationTooSmall, result);
        Assert.Equal(0, written);
        Assert.True(pair.Initiator.IsMyTurnToWrite);
    }

    [Fact]
    public void BufferWriterOverloads_FullHandshake_AppendExactlyTheMessages()
    {
        using var pair = NoisePair.Create(_rng);
        var message = new ArrayBufferWriter<byte>();
        var payload = new ArrayBufferWriter<byte>();
        var expectedLength = pair.Initiator.GetMessageLength(5);

        Assert.Equal(NoiseResult.Success, pair.Initiator.WriteMessage("hello"u8, message));
        Assert.Equal(NoiseResult.Success, pair.Responder.ReadMessage(message.WrittenSpan, payload));

        // IK message 1 (§7.5): e (32) + encrypted s (32 + 16) + payload (5 + 16).
        Assert.Equal(32 + 48 + 5 + 16, expectedLength);
        Assert.Equal(expectedLength, message.WrittenCount);
        Assert.Equal("hello"u8.ToArray(), payload.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteMessage_OutOfTurn_Throws()
    {
        using var pair = NoisePair.Create(_rng);

        Assert.Throws<InvalidOperationException>(() => pair.Responder.WriteMessage([], new byte[100], out _));
        Assert.Throws<InvalidOperationException>(() => pair.Initiator.ReadMessage(new byte[100], new byte[100], out _));
    }

    [Fact]
    public void SplitAndHandshakeHash_BeforeCompletion_Throw()
    {
        using var pair = NoisePair.Create(_rng);

        Assert.Throws<InvalidOperationException>(() => pair.Initiator.Split());
        Assert.Throws<InvalidOperationException>(() => pair.Initiator.HandshakeHash.ToArray());
    }

    [Fact]
    public void Split_ConsumesTheHandshake()
    {
        using var pair = NoisePair.Create(_rng);
        var (initiator, responder) = pair.Complete();
        using (initiator)
        using (responder)
        {
            Assert.Throws<ObjectDisposedException>(() => pair.Initiator.IsCompleted);
            Assert.Throws<ObjectDisposedException>(() => pair.Initiator.Split());
        }
    }

    [Fact]
    public void Dispose_ThenWrite_ThrowsAndPrintsRedacted()
    {
        using var pair = NoisePair.Create(_rng);

        pair.Initiator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pair.Initiator.WriteMessage([], new byte[100], out _));
        Assert.Equal("[redacted]", pair.Initiator.ToString());
    }

    [Fact]
    public void Create_InvalidSettings_Throws()
    {
        using var key = X25519PrivateKey.Generate(_rng);
        var initiator = new HandshakeSettings
        {
            Protocol = NoiseProtocol.ProductProtocol,
            Role = NoiseRole.Initiator,
            LocalStaticKey = key,
            RemoteStaticKey = key.PublicKey,
        };

        Assert.Throws<ArgumentException>(() => HandshakeState.Create(initiator with { RemoteStaticKey = null }, _rng));
        Assert.Throws<ArgumentException>(() => HandshakeState.Create(initiator with { Role = NoiseRole.Responder }, _rng));
        Assert.Throws<ArgumentException>(() => HandshakeState.Create(initiator with { PreSharedKeys = [new byte[32]] }, _rng));
        Assert.Throws<ArgumentException>(() => HandshakeState.Create(
            initiator with { Protocol = NoiseProtocol.Parse("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s"), PreSharedKeys = [new byte[31]] }, _rng));
    }

    [Fact]
    public void Create_CallerDisposesItsStaticKey_HandshakeKeepsItsOwnCopy()
    {
        using var pair = NoisePair.Create(_rng);
        var message = NoisePair.Write(pair.Initiator, []);

        pair.ResponderStatic.Dispose();

        Assert.Equal(NoiseResult.Success, NoisePair.Read(pair.Responder, message).Result);
    }

    private static void AssertTransportWorks(NoiseTransport initiator, NoiseTransport responder)
    {
        foreach (var (sender, receiver) in new[] { (initiator, responder), (responder, initiator) })
        {
            var message = new byte[3 + CipherState.TagLength];
            Assert.Equal(NoiseResult.Success, sender.WriteMessage("abc"u8, message, out _));
            var payload = new byte[3];
            Assert.Equal(NoiseResult.Success, receiver.ReadMessage(message, payload, out _));
            Assert.Equal("abc"u8.ToArray(), payload);
        }
    }
}
