using System.Buffers.Binary;
using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport.Tests;

public sealed class RoutedMessagesTests : IDisposable
{
    private readonly ClusterNodes _nodes = new();
    private readonly DeterministicRandom _rng = new(21);
    private readonly SessionId _session = SessionId.Random(new DeterministicRandom(22));

    [Fact]
    public void SealThenTryOpen_Broadcast_EveryOtherNodeGetsTheSameMessage()
    {
        var message = Message(round: 2, from: 1, to: null);
        var routed = RoutedMessages.Seal(message, _nodes.Identity(1), null, _rng);

        Assert.Equal(0u, routed.To);
        foreach (var node in new uint[] { 2, 3 })
        {
            Assert.True(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(node), node, out var opened, out var error), error);
            Assert.True(message.SameContentAs(opened!));
        }
    }

    [Fact]
    public void SealThenTryOpen_Unicast_TheRecipientGetsTheMessage()
    {
        var message = Message(round: 3, from: 1, to: 2);
        var routed = RoutedMessages.Seal(message, _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng);

        Assert.True(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(2), 2, out var opened, out var error), error);
        Assert.True(message.SameContentAs(opened!));
    }

    [Fact]
    public void Seal_Unicast_TheRouterSeesNeitherThePayloadNorTheEnvelope()
    {
        var message = Message(round: 3, from: 1, to: 2);
        var routed = RoutedMessages.Seal(message, _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng);
        var wire = routed.ToByteArray();

        Assert.True(wire.AsSpan().IndexOf(message.Payload.Span) < 0);
        Assert.True(wire.AsSpan().IndexOf(EnvelopeCodec.Encode(message)) < 0);
        // Another node's key (the router holds none) does not open it either.
        Assert.False(RoutedMessages.TryOpen(Readdressed(routed, 3, 1), _nodes.Lookup, _nodes.Static(3), 3, out _, out var error));
        Assert.Contains("does not decrypt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_TwoUnicastsOfTheSameMessage_UseFreshEphemeralKeys()
    {
        var message = Message(round: 3, from: 1, to: 2);
        var first = RoutedMessages.Seal(message, _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng);
        var second = RoutedMessages.Seal(message, _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng);

        Assert.NotEqual(first.Body, second.Body);
    }

    [Fact]
    public void Seal_KeyDoesNotMatchTheAddressing_Throws()
    {
        Assert.Throws<ArgumentException>(() => RoutedMessages.Seal(Message(2, 1, 2), _nodes.Identity(1), null, _rng));
        Assert.Throws<ArgumentException>(() => RoutedMessages.Seal(Message(2, 1, null), _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng));
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "body", "signature does not verify" },
        { "signature", "signature does not verify" },
        { "round", "signature does not verify" },
        { "session", "signature does not verify" },
        { "to", "signature does not verify" },
        { "from", "signature does not verify" },
        { "unknown-sender", "sender 9 is not a known node" },
        { "short-session", "session_id must be 16 bytes" },
        { "round-zero", "round 0 is outside" },
        { "round-too-high", "round 17 is outside" },
        { "from-zero", "from 0 is not a node id" },
        { "to-too-high", "to 65536 is not a node id" },
        { "to-self", "addressed a unicast to itself" },
        { "short-signature", "signature must be 64 bytes" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void TryOpen_TamperedUnicast_IsRefusedWithTheReason(string field, string expected)
    {
        var routed = RoutedMessages.Seal(Message(round: 3, from: 1, to: 2), _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng);
        switch (field)
        {
            case "body": routed.Body = Flip(routed.Body, 40); break;
            case "signature": routed.Signature = Flip(routed.Signature, 5); break;
            case "round": routed.Round = 4; break;
            case "session": routed.SessionId = Flip(routed.SessionId, 0); break;
            case "to": routed.To = 3; break;
            case "from": routed.From = 3; break;
            case "unknown-sender": routed.From = 9; break;
            case "short-session": routed.SessionId = ByteString.CopyFrom(new byte[15]); break;
            case "round-zero": routed.Round = 0; break;
            case "round-too-high": routed.Round = 17; break;
            case "from-zero": routed.From = 0; break;
            case "to-too-high": routed.To = 65536; break;
            case "to-self": routed.To = 1; break;
            case "short-signature": routed.Signature = ByteString.CopyFrom(new byte[63]); break;
        }

        var localNode = routed.To is >= 1 and <= 3 ? routed.To : 2u;
        Assert.False(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(localNode), localNode, out var opened, out var error));
        Assert.Null(opened);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_UnicastForAnotherNode_IsRefused()
    {
        var routed = RoutedMessages.Seal(Message(round: 3, from: 1, to: 2), _nodes.Identity(1), _nodes.Static(2).PublicKey, _rng);

        Assert.False(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(3), 3, out _, out var error));
        Assert.Equal("the unicast is addressed to node 2, not to this node (3)", error);
    }

    [Fact]
    public void TryOpen_ReplayedIntoAnotherSessionOrRound_IsRefused()
    {
        var routed = RoutedMessages.Seal(Message(round: 2, from: 1, to: null), _nodes.Identity(1), null, _rng);
        var otherSession = routed.Clone();
        otherSession.SessionId = ByteString.CopyFrom(SessionId.Random(_rng).ToArray());
        var otherRound = routed.Clone();
        otherRound.Round = 3;

        Assert.False(RoutedMessages.TryOpen(otherSession, _nodes.Lookup, _nodes.Static(2), 2, out _, out var sessionError));
        Assert.False(RoutedMessages.TryOpen(otherRound, _nodes.Lookup, _nodes.Static(2), 2, out _, out var roundError));
        Assert.Contains("signature does not verify", sessionError, StringComparison.Ordinal);
        Assert.Contains("signature does not verify", roundError, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_NodeSignsAsItselfAnEnvelopeClaimingAnotherSender_IsRefused()
    {
        // Node 3 signs correctly as node 3, but the envelope inside says it comes from node 1.
        var forgedEnvelope = EnvelopeCodec.Encode(Message(round: 2, from: 1, to: null));
        var routed = SignedByHand(3, round: 2, from: 3, to: 0, forgedEnvelope);

        Assert.False(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(2), 2, out _, out var error));
        Assert.Contains("differs from the routed header", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_ForgedSenderSignedWithAnotherNodesKey_IsRefused()
    {
        var routed = SignedByHand(3, round: 2, from: 1, to: 0, EnvelopeCodec.Encode(Message(round: 2, from: 1, to: null)));

        Assert.False(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(2), 2, out _, out var error));
        Assert.Equal("the signature does not verify under node 1's identity", error);
    }

    [Fact]
    public void TryOpen_BroadcastBodyIsNotAnEnvelope_IsRefused()
    {
        var routed = SignedByHand(1, round: 2, from: 1, to: 0, [0xff, 0xff, 0xff]);

        Assert.False(RoutedMessages.TryOpen(routed, _nodes.Lookup, _nodes.Static(2), 2, out _, out var error));
        Assert.StartsWith("the envelope is invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_SignedHeaderMatchesTheDocumentedLayout()
    {
        // An independent encoding of "arcanum/v1/routed" ‖ session ‖ round ‖ from ‖ to ‖ body verifies.
        var routed = RoutedMessages.Seal(Message(round: 2, from: 1, to: null), _nodes.Identity(1), null, _rng);

        Assert.True(_nodes.Identity(1).PublicKey.Verify(SignedBytes(routed.SessionId.Span, 2, 1, 0, routed.Body.Span), routed.Signature.Span));
    }

    public void Dispose() => _nodes.Dispose();

    internal static byte[] SignedBytes(ReadOnlySpan<byte> session, uint round, uint from, uint to, ReadOnlySpan<byte> body)
    {
        var bytes = new List<byte>("arcanum/v1/routed"u8.ToArray());
        bytes.AddRange(session.ToArray());
        var numbers = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(numbers, round);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(4), from);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(8), to);
        bytes.AddRange(numbers);
        bytes.AddRange(body.ToArray());
        return [.. bytes];
    }

    private RoutedMessage SignedByHand(uint signer, uint round, uint from, uint to, byte[] body) => new()
    {
        SessionId = ByteString.CopyFrom(_session.ToArray()),
        Round = round,
        From = from,
        To = to,
        Body = ByteString.CopyFrom(body),
        Signature = ByteString.CopyFrom(_nodes.Identity(signer).Sign(SignedBytes(_session.ToArray(), round, from, to, body))),
    };

    /// <summary>The same sealed body re-signed by <paramref name="signer"/> for recipient <paramref name="to"/> (a router could not sign).</summary>
    private RoutedMessage Readdressed(RoutedMessage routed, uint to, uint signer) =>
        SignedByHand(signer, routed.Round, routed.From, to, routed.Body.ToByteArray());

    private ProtocolMessage Message(int round, int from, int? to)
    {
        var payload = new byte[200];
        _rng.GetBytes(payload);
        return new ProtocolMessage(_session, round, new PartyId(from), to is { } t ? new PartyId(t) : null, payload, ReadOnlyMemory<byte>.Empty);
    }

    private static ByteString Flip(ByteString bytes, int index)
    {
        var copy = bytes.ToByteArray();
        copy[index] ^= 0x01;
        return ByteString.CopyFrom(copy);
    }
}
