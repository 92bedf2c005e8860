using System.Buffers;
using System.Security.Cryptography;
using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

public sealed class NoiseTransportTests : IDisposable
{
    private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();
    private readonly NoisePair _pair;
    private readonly NoiseTransport _initiator;
    private readonly NoiseTransport _responder;

    public NoiseTransportTests()
    {
        _pair = NoisePair.Create(_rng);
        (_initiator, _responder) = _pair.Complete();
    }

    public void Dispose()
    {
        _initiator.Dispose();
        _responder.Dispose();
        _pair.Dispose();
        _rng.Dispose();
    }

    [Fact]
    public void ReadMessage_Replayed_FailsAndNextMessageStillReads()
    {
        var first = Send(_initiator, "first"u8);
        var second = Send(_initiator, "second"u8);
        Assert.Equal("first"u8.ToArray(), Receive(_responder, first));

        Assert.Equal(NoiseResult.DecryptionFailed, TryReceive(_responder, first));
        Assert.Equal("second"u8.ToArray(), Receive(_responder, second));
    }

    [Fact]
    public void ReadMessage_Reordered_FailsThenInOrderSucceeds()
    {
        var first = Send(_responder, "first"u8);
        var second = Send(_responder, "second"u8);

        Assert.Equal(NoiseResult.DecryptionFailed, TryReceive(_initiator, second));
        Assert.Equal("first"u8.ToArray(), Receive(_initiator, first));
        Assert.Equal("second"u8.ToArray(), Receive(_initiator, second));
    }

    [Fact]
    public void ReadMessage_AnyBitFlipped_Fails()
    {
        var message = Send(_initiator, "payload"u8);
        var failures = new List<string>();

        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            var tampered = (byte[])message.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = TryReceive(_responder, tampered);
            if (result != NoiseResult.DecryptionFailed)
            {
                failures.Add($"bit {bit}: {result}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal("payload"u8.ToArray(), Receive(_responder, message));
    }

    [Fact]
    public void ReadMessage_ShorterThanTag_ReturnsMessageTooShort() =>
        Assert.Equal(NoiseResult.MessageTooShort, TryReceive(_responder, new byte[CipherState.TagLength - 1]));

    [Fact]
    public void WriteMessage_PayloadOverMaximum_IsRefusedButMaximumRoundTrips()
    {
        var message = new byte[NoiseProtocol.MaxMessageLength + 1];

        var tooLarge = _initiator.WriteMessage(new byte[NoiseTransport.MaxPayloadLength + 1], message, out _);
        var largest = _initiator.WriteMessage(new byte[NoiseTransport.MaxPayloadLength], message, out var written);

        Assert.Equal(NoiseResult.MessageTooLarge, tooLarge);
        Assert.Equal(NoiseResult.Success, largest);
        Assert.Equal(NoiseProtocol.MaxMessageLength, written);
        Assert.Equal(NoiseTransport.MaxPayloadLength, Receive(_responder, message.AsSpan(0, written)).Length);
    }

    [Fact]
    public void ReadMessage_MessageOverMaximum_ReturnsMessageTooLarge()
    {
        Assert.Equal(NoiseResult.MessageTooLarge, TryReceive(_responder, new byte[NoiseProtocol.MaxMessageLength + 1]));
        Assert.Equal(NoiseResult.MessageTooLarge, _responder.ReadMessage(new byte[NoiseProtocol.MaxMessageLength + 1], new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void WriteMessage_DestinationTooSmall_ReturnsDestinationTooSmall() =>
        Assert.Equal(NoiseResult.DestinationTooSmall, _initiator.WriteMessage("abc"u8, new byte[3 + CipherState.TagLength - 1], out _));

    [Fact]
    public void Rekey_BothSidesAtTheSamePoint_StayInSync()
    {
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("before"u8.ToArray(), Receive(_responder, Send(_initiator, "before"u8)));
            _initiator.RekeySending();
            _responder.RekeyReceiving();
            Assert.Equal("after"u8.ToArray(), Receive(_responder, Send(_initiator, "after"u8)));

            _responder.RekeySending();
            _initiator.RekeyReceiving();
            Assert.Equal("reply"u8.ToArray(), Receive(_initiator, Send(_responder, "reply"u8)));
        }
    }

    [Fact]
    public void Rekey_OnlyTheSender_ReceiverCannotDecrypt()
    {
        _initiator.RekeySending();

        Assert.Equal(NoiseResult.DecryptionFailed, TryReceive(_responder, Send(_initiator, "after"u8)));
    }

    [Fact]
    public void HandshakeHash_BothSides_AreEqualAndThirtyTwoBytes()
    {
        Assert.Equal(32, _initiator.HandshakeHash.Length);
        Assert.Equal(_initiator.HandshakeHash.ToArray(), _responder.HandshakeHash.ToArray());
    }

    [Fact]
    public void Dispose_ThenWrite_Throws()
    {
        _initiator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _initiator.WriteMessage("abc"u8, new byte[100], out _));
        Assert.Throws<ObjectDisposedException>(() => _initiator.HandshakeHash.ToArray());
        Assert.Equal("[redacted]", _initiator.ToString());
    }

    private static byte[] Send(NoiseTransport sender, ReadOnlySpan<byte> payload)
    {
        var message = new ArrayBufferWriter<byte>();
        Assert.Equal(NoiseResult.Success, sender.WriteMessage(payload, message));
        return message.WrittenSpan.ToArray();
    }

    private static byte[] Receive(NoiseTransport receiver, ReadOnlySpan<byte> message)
    {
        var payload = new byte[message.Length];
        Assert.Equal(NoiseResult.Success, receiver.ReadMessage(message, payload, out var written));
        return payload[..written];
    }

    private static NoiseResult TryReceive(NoiseTransport receiver, ReadOnlySpan<byte> message) =>
        receiver.ReadMessage(message, new byte[Math.Max(message.Length, 1)], out _);
}
