using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport;

/// <summary>
/// End-to-end protection of node-to-node protocol messages that the coordinator routes but must not
/// read or forge (ARCHITECTURE §1). Every message is signed with the sender's Ed25519 identity over
/// "arcanum/v1/routed" ‖ session ‖ round ‖ from ‖ to ‖ body; a unicast body is the envelope sealed to the
/// recipient's static X25519 key (<see cref="UnicastSeal"/>), a broadcast body the envelope itself. The
/// signature binds the header, so the coordinator cannot move a message to another session, round or
/// recipient; the envelope repeats the header and must agree with it.
/// </summary>
public static class RoutedMessages
{
    /// <summary>The largest body: a sealed envelope of the largest size.</summary>
    private const int MaxBodyBytes = EnvelopeCodec.MaxEnvelopeBytes + UnicastSeal.Overhead;

    /// <summary>
    /// Signs (and for a unicast seals) <paramref name="message"/>. A unicast (<see cref="ProtocolMessage.To"/>
    /// set) needs the recipient's static key; a broadcast must not have one. Throws
    /// <see cref="ArgumentException"/> on such misuse.
    /// </summary>
    public static RoutedMessage Seal(ProtocolMessage message, Ed25519PrivateKey senderIdentity, X25519PublicKey? recipientStatic, RandomNumberGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(senderIdentity);
        ArgumentNullException.ThrowIfNull(rng);
        if (message.IsBroadcast != (recipientStatic is null))
        {
            throw new ArgumentException(message.IsBroadcast
                ? "A broadcast is not sealed to a recipient; pass no recipient key."
                : "A unicast is sealed to its recipient; pass the recipient's static key.", nameof(recipientStatic));
        }

        var header = new RoutedHeader(message.Session.ToArray(), (uint)message.Round, message.From.Value, message.To?.Value ?? 0u);
        var envelope = EnvelopeCodec.Encode(message);
        var body = envelope;
        if (recipientStatic is not null)
        {
            // A unicast payload may be secret (a key share for the recipient): only the sealed form survives.
            body = UnicastSeal.Seal(envelope, recipientStatic, header.UnicastContext(), rng);
            CryptographicOperations.ZeroMemory(envelope);
        }

        return new RoutedMessage
        {
            SessionId = ByteString.CopyFrom(header.Session.Span),
            Round = header.Round,
            From = header.From,
            To = header.To,
            Body = ByteString.CopyFrom(body),
            Signature = ByteString.CopyFrom(senderIdentity.Sign(header.SignedBytes(body))),
        };
    }

    /// <summary>
    /// Checks and opens a routed message for the node <paramref name="localNodeId"/>: header within range,
    /// sender known to <paramref name="peers"/>, signature valid under the sender's identity, a unicast
    /// addressed to this node and decrypting under <paramref name="localStatic"/>, a broadcast addressed to
    /// 0, and the envelope canonical with the same session, round, sender and recipient as the routed
    /// header. False with the first problem found otherwise; never throws on bad input.
    /// </summary>
    public static bool TryOpen(RoutedMessage routed, Func<uint, PeerKeys?> peers, X25519PrivateKey localStatic, uint localNodeId,
        [NotNullWhen(true)] out ProtocolMessage? message, out string error)
    {
        ArgumentNullException.ThrowIfNull(routed);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(localStatic);
        message = null;
        error = CheckHeader(routed) ?? CheckSender(routed, peers) ?? "";
        if (error.Length > 0)
        {
            return false;
        }

        var header = new RoutedHeader(routed.SessionId.Memory, routed.Round, routed.From, routed.To);
        if (routed.To == 0)
        {
            return TryDecodeEnvelope(routed.Body.ToByteArray(), header, out message, out error);
        }

        if (routed.To != localNodeId)
        {
            error = $"the unicast is addressed to node {routed.To}, not to this node ({localNodeId})";
            return false;
        }

        var opened = UnicastSeal.TryOpen(routed.Body.Span, localStatic, header.UnicastContext(), out error);
        if (opened is null)
        {
            return false;
        }

        try
        {
            return TryDecodeEnvelope(opened, header, out message, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened);
        }
    }

    /// <summary>Decodes the envelope and checks that it is canonical and repeats the routed header.</summary>
    private static bool TryDecodeEnvelope(byte[] envelope, RoutedHeader header, [NotNullWhen(true)] out ProtocolMessage? message, out string error)
    {
        message = null;
        if (!EnvelopeCodec.TryDecode(envelope, out var decoded, out var envelopeError))
        {
            error = $"the envelope is invalid: {envelopeError}";
            return false;
        }

        var reencoded = EnvelopeCodec.Encode(decoded!);
        var canonical = CryptographicOperations.FixedTimeEquals(reencoded, envelope);
        CryptographicOperations.ZeroMemory(reencoded);
        if (!canonical)
        {
            error = "the envelope is not canonically encoded";
            return false;
        }

        var session = decoded!.Session.ToArray();
        if (!session.AsSpan().SequenceEqual(header.Session.Span) || (uint)decoded.Round != header.Round
            || decoded.From.Value != header.From || (decoded.To?.Value ?? 0u) != header.To)
        {
            error = $"the envelope's header ({decoded.Session}, round {decoded.Round}, from {decoded.From.Value}, to {decoded.To?.Value ?? 0}) differs from the routed header";
            return false;
        }

        message = decoded;
        error = "";
        return true;
    }

    private static string? CheckHeader(RoutedMessage routed) => routed switch
    {
        { SessionId.Length: not SessionId.Length } => $"session_id must be {SessionId.Length} bytes, not {routed.SessionId.Length}",
        { Round: < 1 or > WireLimits.MaxRound } => $"round {routed.Round} is outside 1..{WireLimits.MaxRound}",
        { From: < 1 or > ushort.MaxValue } => $"from {routed.From} is not a node id",
        { To: > ushort.MaxValue } => $"to {routed.To} is not a node id",
        _ when routed.To == routed.From => $"node {routed.From} addressed a unicast to itself",
        { Body.Length: > MaxBodyBytes } => $"body of {routed.Body.Length} bytes exceeds {MaxBodyBytes}",
        { Signature.Length: not Ed25519PublicKey.SignatureLength } => $"signature must be {Ed25519PublicKey.SignatureLength} bytes, not {routed.Signature.Length}",
        _ => null,
    };

    private static string? CheckSender(RoutedMessage routed, Func<uint, PeerKeys?> peers)
    {
        var sender = peers(routed.From);
        if (sender is null)
        {
            return $"sender {routed.From} is not a known node";
        }

        if (sender.NodeId != routed.From)
        {
            return $"the key table returned node {sender.NodeId}'s keys for sender {routed.From}";
        }

        var header = new RoutedHeader(routed.SessionId.Memory, routed.Round, routed.From, routed.To);
        return sender.Identity.Verify(header.SignedBytes(routed.Body.Span), routed.Signature.Span)
            ? null
            : $"the signature does not verify under node {routed.From}'s identity";
    }
}
