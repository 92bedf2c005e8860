using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Node.Sessions;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Ledger;

/// <summary>
/// LEDGER_BLOCK with the committee's frost-ed25519 key (issue 8, "Blocks"; docs/node.md, "Nodes and blocks"): the node
/// loads its own share of the request's key (its group key is the committee key it checks signatures with), lets its
/// <see cref="LedgerReplica"/> re-execute the proposed block, and only when the roots match signs the header's signing
/// bytes through the frost-ed25519 SIGN protocol (RFC 9591). A refusal aborts the session for this node.
/// </summary>
internal sealed class LedgerBlockProtocol(FrostSignProtocol<Ed25519Point, Ed25519Scalar> sign) : ISessionProtocol
{
    public SessionKind Kind => SessionKind.LedgerBlock;

    public KeyScheme Scheme => KeyScheme.FrostEd25519;

    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Chain is not { } chain)
        {
            refusal = "this node keeps no ledger (its configuration has no chain section)";
            return null;
        }

        if (request.LedgerBlock is not { } proposal)
        {
            refusal = "a ledger block session carries no proposal";
            return null;
        }

        if (!request.Message.IsEmpty || request.Path.Count != 0 || request.Taproot is not null || request.Approval is not null)
        {
            refusal = "a ledger block session carries no message, path, taproot tweak or approval: the node signs only the header it computes";
            return null;
        }

        Ed25519PublicKey committeeKey;
        using (var share = sign.Format.TryLoad(request, node, out refusal))
        {
            if (share is null)
            {
                return null;
            }

            committeeKey = Ed25519PublicKey.FromBytes(PointEncoding.ToArray<Ed25519Point, Ed25519Scalar>(share.GroupKey.PublicKey));
        }

        // ISessionProtocol.TryStart is synchronous; NodeHost calls it for ledger blocks on a thread of its own, so
        // waiting here for the replica's store holds no thread-pool thread.
        var preparation = chain.PrepareAsync(proposal, request.KeyId, committeeKey).GetAwaiter().GetResult();
        if (preparation.SigningBytes is not { } signingBytes)
        {
            refusal = preparation.Refusal!;
            return null;
        }

        var signing = request.Clone();
        signing.Kind = SessionKind.Sign;
        signing.LedgerBlock = null;
        signing.Message = ByteString.CopyFrom(signingBytes);
        return sign.StartSigning(signing, node, out refusal);
    }
}
