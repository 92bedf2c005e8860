using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;
using Google.Protobuf.Collections;

namespace Arcanum.Node.Sessions;

/// <summary>
/// Reads the fields of a <see cref="SessionRequest"/> that protocols share, refusing (never
/// throwing) on anything malformed: party lists, the signer set, the derivation path, the next epoch.
/// </summary>
internal static class RequestFields
{
    /// <summary>A list of party ids: 1 to <see cref="ProtocolContext.MaxParties"/> valid ids, strictly ascending.</summary>
    public static PartyId[]? TryParties(RepeatedField<uint> ids, string what, out string refusal)
    {
        if (ids.Count is 0 or > ProtocolContext.MaxParties)
        {
            refusal = $"{what} lists {ids.Count} parties; between 1 and {ProtocolContext.MaxParties} are allowed";
            return null;
        }

        var parties = new PartyId[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!PartyId.TryCreate(ids[i], out parties[i]) || (i > 0 && parties[i] <= parties[i - 1]))
            {
                refusal = $"{what} must be valid party ids in ascending order without repeats (at {ids[i]})";
                return null;
            }
        }

        refusal = string.Empty;
        return parties;
    }

    /// <summary>The session's context: its parties (at least 2, this node among them) under the request's session id.</summary>
    public static ProtocolContext? TryContext(SessionRequest request, NodeServices node, out string refusal)
    {
        var parties = TryParties(request.Parties, "parties", out refusal);
        if (parties is null)
        {
            return null;
        }

        if (!SessionId.TryFromBytes(request.SessionId.Span, out var session) || parties.Length < 2 || !parties.Contains(node.Self))
        {
            refusal = $"a session needs a {SessionId.Length}-byte id and at least 2 parties including this node ({node.Self})";
            return null;
        }

        return new ProtocolContext(session, node.Self, parties);
    }

    /// <summary>The parties must be at least t members of the key (a signer set).</summary>
    public static string? SignerSetProblem<TPoint, TScalar>(ProtocolContext context, GroupKey<TPoint, TScalar> key, string keyId)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        if (context.Parties.FirstOrDefault(p => !key.VerificationShares.ContainsKey(p)) is { Value: not 0 } stranger)
        {
            return $"{stranger} holds no share of key {keyId}";
        }

        return context.Parties.Count < key.Threshold
            ? $"{context.Parties.Count} signers are too few for a {key.Threshold}-of-{key.PartyCount} key"
            : null;
    }

    /// <summary>
    /// The child key at the request's path (null child for an empty path: sign with the key itself);
    /// false, with the reason, for a hardened index or a path without a valid child.
    /// </summary>
    public static bool TryDerive<TPoint, TScalar>(
        IDerivationScheme<TPoint, TScalar> scheme, GroupKey<TPoint, TScalar> key, RepeatedField<uint> path,
        out DerivedKey<TPoint, TScalar>? child, out string refusal)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        child = null;
        if (!DerivationPath.TryCreate(path, out var parsed, out refusal))
        {
            return false;
        }

        if (parsed!.Indices.Count == 0)
        {
            return true;
        }

        var derived = KeyDerivation.Derive(scheme, key, parsed);
        child = derived.Key;
        refusal = derived.Succeeded ? string.Empty : derived.Message;
        return derived.Succeeded;
    }

    /// <summary>The epoch a refresh or reshare creates.</summary>
    public static ulong? TryNextEpoch(SessionRequest request, out string refusal)
    {
        refusal = request.Epoch is 0 or ulong.MaxValue ? $"epoch {request.Epoch} has no successor share to create" : string.Empty;
        return refusal.Length == 0 ? request.Epoch + 1 : null;
    }
}
