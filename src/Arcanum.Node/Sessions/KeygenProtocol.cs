using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// KEYGEN for one scheme (FrostDkg, or EcdsaKeygen = FrostDkg + pairwise OT setup): a t-of-n key
/// among the request's parties; on completion the share is sealed at epoch 1 and the report carries
/// the key's public data. A node that already holds a share of the key id refuses.
/// </summary>
internal sealed class KeygenProtocol<TShare, TPoint, TScalar>(
    ShareFormat<TShare, TPoint, TScalar> format,
    Func<ProtocolContext, int, RandomNumberGenerator, RoundResult<TShare>.Continue> start) : ISessionProtocol
    where TShare : class, IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private const ulong FirstEpoch = 1;

    public SessionKind Kind => SessionKind.Keygen;

    public KeyScheme Scheme => format.Scheme;

    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (RequestFields.TryContext(request, node, out refusal) is not { } context)
        {
            return null;
        }

        var n = context.Parties.Count;
        if (n > format.MaxParties || request.Threshold < 2 || request.Threshold > n)
        {
            refusal = $"a {request.Threshold}-of-{n} {Scheme} key is outside 2 ≤ t ≤ n ≤ {format.MaxParties}";
            return null;
        }

        if (node.Vault.Epochs(request.KeyId).Count > 0)
        {
            refusal = $"this node already holds a share of key {request.KeyId}";
            return null;
        }

        var keyId = request.KeyId;
        var runner = new PartyRunner<TShare>(start(context, (int)request.Threshold, node.Rng), node.Rng);
        return new ProtocolRun<TShare>(
            runner,
            share =>
            {
                format.Seal(node, keyId, FirstEpoch, share);
                return Reports.Key(KeyResults.From(format.GroupKeyOf(share), FirstEpoch));
            },
            held: null);
    }
}
