using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// Strict codecs of the signing round payloads (proto/arcanum/v1/frost.proto). A payload is
/// accepted only if it is the canonical protobuf encoding of the message (parsing drops unknown
/// fields, so re-encoding gives the same bytes only without unknown, repeated or reordered fields) and every field decodes strictly
/// (exact lengths, canonical scalars, valid non-identity points). Nothing here throws on input.
/// </summary>
internal static class FrostSigningWire
{
    public static FrostSigningCommitment Encode<TPoint, TScalar>(SigningCommitment<TPoint, TScalar> commitment)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar> =>
        new() { Hiding = EncodePoint<TPoint, TScalar>(commitment.Hiding), Binding = EncodePoint<TPoint, TScalar>(commitment.Binding) };

    public static FrostSignatureShare Encode<TScalar>(SignatureShare<TScalar> share)
        where TScalar : struct, IScalar<TScalar>
    {
        var encoded = new byte[TScalar.EncodedLength];
        share.Value.Encode(encoded);
        return new FrostSignatureShare { Share = ByteString.CopyFrom(encoded) };
    }

    /// <summary>A round-1 commitment from <paramref name="sender"/>, or the reason it is malformed.</summary>
    public static bool TryDecodeCommitment<TPoint, TScalar>(
        ReadOnlyMemory<byte> payload, PartyId sender, [NotNullWhen(true)] out SigningCommitment<TPoint, TScalar>? commitment, out string reason)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        commitment = null;
        if (!TryParse(payload, FrostSigningCommitment.Parser, out var message, out reason))
        {
            return false;
        }

        if (!TPoint.TryDecode(message.Hiding.Span, out var hiding) || !TPoint.TryDecode(message.Binding.Span, out var binding))
        {
            reason = "a nonce commitment is not a valid group element";
            return false;
        }

        commitment = new SigningCommitment<TPoint, TScalar>(sender, hiding, binding);
        return true;
    }

    /// <summary>A signature share, or the reason it is malformed.</summary>
    public static bool TryDecodeShare<TScalar>(ReadOnlyMemory<byte> payload, out TScalar share, out string reason)
        where TScalar : struct, IScalar<TScalar>
    {
        share = default;
        if (!TryParse(payload, FrostSignatureShare.Parser, out var message, out reason))
        {
            return false;
        }

        if (!TScalar.TryDecode(message.Share.Span, out share))
        {
            reason = "the signature share is not a canonical scalar";
            return false;
        }

        return true;
    }

    private static ByteString EncodePoint<TPoint, TScalar>(TPoint point)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var encoded = new byte[TPoint.EncodedLength];
        point.Encode(encoded);
        return ByteString.CopyFrom(encoded);
    }

    private static bool TryParse<T>(ReadOnlyMemory<byte> payload, MessageParser<T> parser, [NotNullWhen(true)] out T? message, out string reason)
        where T : class, IMessage<T>
    {
        reason = WireDecoding.TryParse(payload.Span, parser, out message)
            ? string.Empty
            : "the payload is not the canonical protobuf encoding of the expected message";
        return message is not null;
    }
}
