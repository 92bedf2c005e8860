using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// A signer's public nonce commitment (RFC 9591 §5.1 commit: comm = (D_i, E_i) = (G·d_i, G·e_i)),
/// the value it publishes in round one or in advance (preprocessing).
/// </summary>
public sealed record SigningCommitment<TPoint, TScalar>(PartyId Signer, TPoint Hiding, TPoint Binding)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>The length of this commitment in encode_group_commitment_list (RFC 9591 §4.3): Ns + 2·Ne.</summary>
    public static int EncodedLength => TScalar.EncodedLength + (2 * TPoint.EncodedLength);

    /// <summary>One §4.3 list entry: SerializeScalar(identifier) ‖ SerializeElement(D) ‖ SerializeElement(E).</summary>
    public void Encode(Span<byte> destination)
    {
        Signer.ToScalar<TScalar>().Encode(destination[..TScalar.EncodedLength]);
        Hiding.Encode(destination.Slice(TScalar.EncodedLength, TPoint.EncodedLength));
        Binding.Encode(destination.Slice(TScalar.EncodedLength + TPoint.EncodedLength, TPoint.EncodedLength));
    }
}
