using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// REFRESH for one scheme (FrostRefresh, or EcdsaRefresh with fresh pairwise OT state): every party
/// of the key takes part; the new share is sealed at epoch + 1 beside the old one (old epochs stay
/// until the key is destroyed: no frame asks a node to prune yet) and the report carries the key at epoch + 1.
/// </summary>
internal sealed class RefreshProtocol<TShare, TPoint, TScalar>(
    ShareFormat<TShare, TPoint, TScalar> format,
    Func<ProtocolContext, TShare, RandomNumberGenerator, RoundResult<TShare>.Continue> start) : ISessionProtocol
    where TShare : class, IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public SessionKind Kind => SessionKind.Refresh;

    public KeyScheme Scheme => format.Scheme;

    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (RequestFields.TryContext(request, node, out refusal) is not { } context
            || RequestFields.TryNextEpoch(request, out refusal) is not { } next
            || format.TryLoad(request, node, out refusal) is not { } share)
        {
            return null;
        }

        try
        {
            if (!context.Parties.SequenceEqual(format.GroupKeyOf(share).Parties))
            {
                refusal = $"a refresh of key {request.KeyId} runs among exactly its parties ({string.Join(", ", format.GroupKeyOf(share).Parties.Select(p => p.Value))})";
                share.Dispose();
                return null;
            }

            var keyId = request.KeyId;
            var runner = new PartyRunner<TShare>(start(context, share, node.Rng), node.Rng);
            return new ProtocolRun<TShare>(
                runner,
                refreshed =>
                {
                    format.Seal(node, keyId, next, refreshed);
                    return Reports.Key(KeyResults.From(format.GroupKeyOf(refreshed), next));
                },
                held: share);
        }
        catch
        {
            share.Dispose();
            throw;
        }
    }
}
