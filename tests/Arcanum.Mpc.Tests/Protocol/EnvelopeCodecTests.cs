using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Tests.Protocol;

public sealed class EnvelopeCodecTests
{
    private static readonly SessionId Session = SessionId.FromBytes(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"));

    [Fact]
    public void RoundTrip_KeepsEveryField()
    {
        var message = new ProtocolMessage(Session, 2, new PartyId(3), new PartyId(7), new byte[] { 1, 2, 3 }, new byte[32]);

        Assert.True(EnvelopeCodec.TryDecode(EnvelopeCodec.Encode(message), out var decoded, out var error), error);

        Assert.True(decoded!.SameContentAs(message));
    }

    [Fact]
    public void Broadcast_HasNoRecipient()
    {
        var message = new ProtocolMessage(Session, 1, new PartyId(1), null, new byte[] { 9 }, ReadOnlyMemory<byte>.Empty);

        Assert.True(EnvelopeCodec.TryDecode(EnvelopeCodec.Encode(message), out var decoded, out _));

        Assert.True(decoded!.IsBroadcast);
    }

    public static TheoryData<string, Envelope> Malformed => new()
    {
        { "session_id", new Envelope { SessionId = ByteString.CopyFrom(new byte[15]), Round = 1, From = 1 } },
        { "round", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 0, From = 1 } },
        { "round", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 17, From = 1 } },
        { "from", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 1, From = 0 } },
        { "from", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 1, From = 65536 } },
        { "to", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 1, From = 1, To = 70000 } },
        { "payload", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 1, From = 1, Payload = ByteString.CopyFrom(new byte[WireLimits.MaxPayloadBytes + 1]) } },
        { "echo", new Envelope { SessionId = ByteString.CopyFrom(new byte[16]), Round = 1, From = 1, Echo = ByteString.CopyFrom(new byte[31]) } },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Decode_RejectsOutOfRangeFields_NamingTheField(string field, Envelope envelope)
    {
        Assert.False(EnvelopeCodec.TryDecode(envelope.ToByteArray(), out var message, out var error));

        Assert.Null(message);
        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ff")]
    [InlineData("0a10")]
    [InlineData("0a0f000102030405060708090a0b0c0d0e0f")]
    public void Decode_RejectsTruncatedOrGarbageBytes_WithoutThrowing(string hex)
    {
        Assert.False(EnvelopeCodec.TryDecode(Convert.FromHexString(hex), out _, out var error));

        Assert.NotEmpty(error);
    }

    [Fact]
    public void Decode_RejectsOversizedEnvelope_BeforeParsing()
    {
        Assert.False(EnvelopeCodec.TryDecode(new byte[EnvelopeCodec.MaxEnvelopeBytes + 1], out _, out var error));

        Assert.Contains("exceeds", error, StringComparison.Ordinal);
    }
}
