using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Keys;
using Arcanum.Node.Vault;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// How one scheme's shares are stored: the codec, the public key inside a share, the largest
/// committee, and loading/sealing through the vault with the refusals a session reports.
/// </summary>
internal abstract class ShareFormat<TShare, TPoint, TScalar>(KeyScheme scheme, int maxParties)
    where TShare : class, IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public KeyScheme Scheme { get; } = scheme;

    /// <summary>The largest committee a key of this scheme may have.</summary>
    public int MaxParties { get; } = maxParties;

    public abstract GroupKey<TPoint, TScalar> GroupKeyOf(TShare share);

    /// <summary>
    /// This node's share of the request's key at the request's epoch, checked against the request's
    /// scheme and threshold; null, with the reason, when the node must not take part.
    /// </summary>
    public TShare? TryLoad(SessionRequest request, NodeServices node, out string refusal)
    {
        byte[] record;
        KeyScheme stored;
        try
        {
            if (!node.Vault.TryLoad(request.KeyId, request.Epoch, out stored, out record))
            {
                refusal = $"no share of key {request.KeyId} at epoch {request.Epoch}";
                return null;
            }
        }
        catch (VaultSealException e)
        {
            refusal = e.Message;
            return null;
        }

        TShare? share;
        string error;
        try
        {
            if (stored != Scheme)
            {
                refusal = $"key {request.KeyId} is a {stored} key, not {Scheme}";
                return null;
            }

            if (!TryDecode(record, out share, out error))
            {
                refusal = $"the stored share of key {request.KeyId} at epoch {request.Epoch} is unusable: {error}";
                return null;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
        }

        if (GroupKeyOf(share!).Threshold != request.Threshold)
        {
            refusal = $"key {request.KeyId} has threshold {GroupKeyOf(share!).Threshold}, the request says {request.Threshold}";
            share!.Dispose();
            return null;
        }

        refusal = string.Empty;
        return share;
    }

    /// <summary>Seals <paramref name="share"/> as the share of <paramref name="keyId"/> at <paramref name="epoch"/>; the encoding is zeroed afterwards.</summary>
    public void Seal(NodeServices node, string keyId, ulong epoch, TShare share)
    {
        var record = Encode(share);
        try
        {
            node.Vault.Store(keyId, epoch, Scheme, record);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
        }
    }

    protected abstract byte[] Encode(TShare share);

    protected abstract bool TryDecode(ReadOnlySpan<byte> record, out TShare? share, out string error);
}

/// <summary>FROST shares (<see cref="KeyShareCodec"/>), committees up to <see cref="FrostDkg.MaxParties"/>.</summary>
internal sealed class FrostShareFormat<TPoint, TScalar>(KeyScheme scheme)
    : ShareFormat<KeyShare<TPoint, TScalar>, TPoint, TScalar>(scheme, FrostDkg.MaxParties)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public override GroupKey<TPoint, TScalar> GroupKeyOf(KeyShare<TPoint, TScalar> share) => share.GroupKey;

    protected override byte[] Encode(KeyShare<TPoint, TScalar> share) => KeyShareCodec.Encode(share);

    protected override bool TryDecode(ReadOnlySpan<byte> record, out KeyShare<TPoint, TScalar>? share, out string error) =>
        KeyShareCodec.TryDecode(record, out share, out error);
}

/// <summary>Threshold ECDSA shares with their OT state (<see cref="EcdsaKeyShareCodec"/>), committees up to <see cref="EcdsaKeygen.MaxParties"/>.</summary>
internal sealed class EcdsaShareFormat() : ShareFormat<EcdsaKeyShare, Secp256k1Point, Secp256k1Scalar>(KeyScheme.EcdsaSecp256K1, EcdsaKeygen.MaxParties)
{
    public static EcdsaShareFormat Instance { get; } = new();

    public override GroupKey<Secp256k1Point, Secp256k1Scalar> GroupKeyOf(EcdsaKeyShare share) => share.GroupKey;

    protected override byte[] Encode(EcdsaKeyShare share) => EcdsaKeyShareCodec.Encode(share);

    protected override bool TryDecode(ReadOnlySpan<byte> record, out EcdsaKeyShare? share, out string error) =>
        EcdsaKeyShareCodec.TryDecode(record, out share, out error);
}
