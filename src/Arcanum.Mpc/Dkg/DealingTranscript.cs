using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Dkg;

/// <summary>
/// Hashes over the round-1 broadcasts: SHA-256 of the length-prefixed encoding (DomainSeparation)
/// of a label, the session id, the threshold and, for each dealer in ascending order, its id,
/// its encoded commitment t ‖ C_0 ‖ … ‖ C_(t−1) and (optionally) its constant-term proof.
/// </summary>
internal static class DealingTranscript
{
    public const int HashLength = 32;

    public static byte[] Hash<TPoint, TScalar>(
        string label, SessionId session, int threshold, IReadOnlyDictionary<PartyId, DealerCommitment<TPoint, TScalar>> dealings, bool includeProofs)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, threshold);
        var fields = new List<ReadOnlyMemory<byte>> { session.ToArray(), header };
        foreach (var (dealer, dealing) in dealings.OrderBy(d => d.Key))
        {
            var id = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(id, dealer.Value);
            fields.Add(id);
            fields.Add(dealing.Commitment.Encode());
            if (includeProofs)
            {
                fields.Add(dealing.Proof);
            }
        }

        return SHA256.HashData(DomainSeparation.Encode(label, [.. fields]));
    }
}
