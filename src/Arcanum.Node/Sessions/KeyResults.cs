using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Sessions;

/// <summary>
/// The public side of a key on the wire (<see cref="KeyResult"/> in cluster.proto): what a node
/// reports after keygen, refresh or reshare, and what the coordinator relays to the new parties of a
/// reshare. Decoding is strict and never throws (<see cref="KeyShareCodec.TryReadGroupKey"/>): valid
/// points, 32-byte chain code, 2 ≤ t ≤ n, parties ascending, and every Y_j on one polynomial through PK.
/// </summary>
public static class KeyResults
{
    /// <summary>PK (33-byte compressed on secp256k1, 32 bytes on Ed25519), chain code, epoch, t and every Y_j ascending.</summary>
    public static KeyResult From<TPoint, TScalar>(GroupKey<TPoint, TScalar> key, ulong epoch)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new KeyResult
        {
            PublicKey = ByteString.CopyFrom(PointEncoding.ToArray<TPoint, TScalar>(key.PublicKey)),
            ChainCode = ByteString.CopyFrom(key.ChainCode),
            Epoch = epoch,
            Threshold = (uint)key.Threshold,
        };
        result.VerificationShares.AddRange(key.VerificationShares.Select(v => new PartyPoint
        {
            Party = v.Key.Value,
            Point = ByteString.CopyFrom(PointEncoding.ToArray<TPoint, TScalar>(v.Value)),
        }));
        return result;
    }

    /// <summary>The group key a <see cref="KeyResult"/> describes on the curve of <typeparamref name="TPoint"/>; false, with the reason, for anything inconsistent.</summary>
    public static bool TryDecode<TPoint, TScalar>(KeyResult? result, [NotNullWhen(true)] out GroupKey<TPoint, TScalar>? key, out string error)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        key = null;
        if (result is null)
        {
            error = "no key data";
            return false;
        }

        var shares = result.VerificationShares.Select(v => (v.Party, v.Point.Memory)).ToArray();
        return KeyShareCodec.TryReadGroupKey(result.PublicKey.Span, shares, result.Threshold, result.ChainCode.Span, out key, out error);
    }
}
