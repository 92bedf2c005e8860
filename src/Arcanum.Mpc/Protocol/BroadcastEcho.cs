using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// Echo-broadcast consistency (Goldwasser–Lindell 2005 "broadcast with abort"): every message of the
/// round after a broadcast round carries the sender's digest of each broadcast it received, one
/// 32-byte SHA-256 per broadcaster in ascending party order. A recipient compares them with its own
/// view; the first differing position names the party whose broadcast reached two parties in two
/// versions. A digest binds the session, round, sender and payload.
/// </summary>
public sealed class BroadcastEcho : IEquatable<BroadcastEcho>
{
    public const int DigestLength = 32;

    private readonly byte[] _digests;

    private BroadcastEcho(IReadOnlyList<PartyId> broadcasters, byte[] digests)
    {
        Broadcasters = broadcasters;
        _digests = digests;
    }

    /// <summary>The parties whose broadcasts are covered, ascending.</summary>
    public IReadOnlyList<PartyId> Broadcasters { get; }

    /// <summary>The echo of <paramref name="broadcasts"/>: one message from each broadcaster, in any order.</summary>
    public static BroadcastEcho Of(IEnumerable<ProtocolMessage> broadcasts)
    {
        ArgumentNullException.ThrowIfNull(broadcasts);
        var ordered = broadcasts.OrderBy(m => m.From).ToArray();
        var digests = new byte[ordered.Length * DigestLength];
        for (var i = 0; i < ordered.Length; i++)
        {
            Digest(ordered[i], digests.AsSpan(i * DigestLength, DigestLength));
        }

        return new BroadcastEcho([.. ordered.Select(m => m.From)], digests);
    }

    /// <summary>The wire form: the digests concatenated in party order.</summary>
    public ReadOnlyMemory<byte> Encoded => _digests;

    /// <summary>
    /// Compares a received echo with this (local) view. Returns null when they agree; otherwise the
    /// broadcaster whose digests differ — or, if the echo is malformed, the <paramref name="sender"/>.
    /// When the only difference is this party's own broadcast, the sender is the one misreporting it.
    /// </summary>
    public PartyId? FindEquivocator(ReadOnlySpan<byte> received, PartyId sender, PartyId self)
    {
        if (received.Length != _digests.Length)
        {
            return sender;
        }

        for (var i = 0; i < Broadcasters.Count; i++)
        {
            var offset = i * DigestLength;
            if (!received.Slice(offset, DigestLength).SequenceEqual(_digests.AsSpan(offset, DigestLength)))
            {
                return Broadcasters[i] == self ? sender : Broadcasters[i];
            }
        }

        return null;
    }

    public bool Equals(BroadcastEcho? other) => other is not null && _digests.AsSpan().SequenceEqual(other._digests);

    public override bool Equals(object? obj) => Equals(obj as BroadcastEcho);

    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_digests);

    private static void Digest(ProtocolMessage message, Span<byte> destination)
    {
        Span<byte> header = stackalloc byte[SessionId.Length + 4 + 2];
        message.Session.WriteTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[SessionId.Length..], message.Round);
        BinaryPrimitives.WriteUInt16BigEndian(header[(SessionId.Length + 4)..], message.From.Value);
        SHA256.HashData(DomainSeparation.Encode("arcanum/v1/mpc/broadcast-echo", header.ToArray(), message.Payload), destination);
    }
}
