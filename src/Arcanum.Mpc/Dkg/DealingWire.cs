using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// Encoding and strict, non-throwing decoding of the dealing's wire messages
/// (<c>proto/arcanum/v1/frost.proto</c>, FrostDkg*): exact lengths, canonical scalars, valid
/// non-identity points, bounded repeated fields.
/// </summary>
internal static class DealingWire
{
    /// <summary>See <see cref="WireDecoding.TryParse"/>.</summary>
    public static bool TryParse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> payload, out T? message)
        where T : class, IMessage<T> => WireDecoding.TryParse(payload.Span, parser, out message);

    /// <summary>Exactly <paramref name="threshold"/> commitments, each a valid non-identity element.</summary>
    public static string? TryDecodeCommitment<TPoint, TScalar>(FrostDkgCommitment message, int threshold, out FeldmanCommitment<TPoint, TScalar>? commitment)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        commitment = null;
        if (message.CoefficientCommitments.Count != threshold)
        {
            return $"sent {message.CoefficientCommitments.Count} coefficient commitments for threshold {threshold}";
        }

        var points = new TPoint[threshold];
        for (var k = 0; k < threshold; k++)
        {
            var encoded = message.CoefficientCommitments[k].Span;
            if (encoded.Length != TPoint.EncodedLength || !TPoint.TryDecode(encoded, out points[k]))
            {
                return $"coefficient commitment C_{k} is not a valid group element";
            }
        }

        commitment = new FeldmanCommitment<TPoint, TScalar>(points);
        return null;
    }

    public static bool TryDecodeScalar<TScalar>(ReadOnlySpan<byte> encoded, out TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        scalar = default;
        return encoded.Length == TScalar.EncodedLength && TScalar.TryDecode(encoded, out scalar);
    }

    public static ByteString Encode<TScalar>(TScalar scalar)
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TScalar.EncodedLength];
        scalar.Encode(bytes);
        return ByteString.CopyFrom(bytes);
    }

    public static FrostDkgCommitment EncodeCommitment<TPoint, TScalar>(FeldmanCommitment<TPoint, TScalar> commitment, byte[] proof)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var message = new FrostDkgCommitment { ConstantTermProof = ByteString.CopyFrom(proof) };
        foreach (var point in commitment.Coefficients)
        {
            var bytes = new byte[TPoint.EncodedLength];
            point.Encode(bytes);
            message.CoefficientCommitments.Add(ByteString.CopyFrom(bytes));
        }

        return message;
    }

    /// <summary>A party id from the wire, or null when the value is not one (decoders must not throw).</summary>
    public static PartyId? ToPartyId(uint value) => PartyId.TryCreate(value, out var id) ? id : null;
}
