using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>Starts a reshare: context, old key, this dealer's old share (null for a non-dealer), dealers D, new committee N, new t.</summary>
internal delegate RoundResult<TResult>.Continue ReshareStart<TResult, TShare, TPoint, TScalar>(
    ProtocolContext context, GroupKey<TPoint, TScalar> oldKey, TShare? oldShare,
    IReadOnlyCollection<PartyId> dealers, IReadOnlyCollection<PartyId> newParties, int newThreshold, RandomNumberGenerator rng)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>;

/// <summary>
/// RESHARE for one scheme (FrostReshare, or EcdsaReshare): the session's parties are D ∪ N; a dealer
/// passes its old share, every other party null, with the old key from its own share (dealers) or
/// from the request's strictly decoded KeyResult (parties without a share). New holders seal their
/// share at epoch + 1; every party reports the new key (new threshold and verification shares).
/// </summary>
internal sealed class ReshareProtocol<TResult, TShare, TPoint, TScalar>(
    ShareFormat<TShare, TPoint, TScalar> format,
    ReshareStart<TResult, TShare, TPoint, TScalar> start,
    Func<TResult, (GroupKey<TPoint, TScalar> Key, TShare? Share)> outcome) : ISessionProtocol
    where TShare : class, IDisposable
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public SessionKind Kind => SessionKind.Reshare;

    public KeyScheme Scheme => format.Scheme;

    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (RequestFields.TryContext(request, node, out refusal) is not { } context
            || RequestFields.TryNextEpoch(request, out refusal) is not { } next
            || RequestFields.TryParties(request.Dealers, "dealers", out refusal) is not { } dealers
            || RequestFields.TryParties(request.NewParties, "new parties", out refusal) is not { } newParties)
        {
            return null;
        }

        if (CommitteeProblem(context, dealers, newParties, request.NewThreshold) is { } committeeProblem)
        {
            refusal = committeeProblem;
            return null;
        }

        TShare? oldShare = null;
        if (dealers.Contains(node.Self) && (oldShare = format.TryLoad(request, node, out refusal)) is null)
        {
            return null;
        }

        try
        {
            var oldKey = OldKey(request, oldShare, out refusal);
            if ((oldKey is null ? refusal : DealerProblem(oldKey, dealers, request.KeyId)) is { } problem)
            {
                refusal = problem;
                oldShare?.Dispose();
                return null;
            }

            var keyId = request.KeyId;
            var runner = new PartyRunner<TResult>(start(context, oldKey!, oldShare, dealers, newParties, (int)request.NewThreshold, node.Rng), node.Rng);
            return new ProtocolRun<TResult>(
                runner,
                result =>
                {
                    var (newKey, newShare) = outcome(result);
                    if (newShare is not null)
                    {
                        format.Seal(node, keyId, next, newShare);
                    }

                    return Reports.Key(KeyResults.From(newKey, next));
                },
                held: oldShare);
        }
        catch
        {
            oldShare?.Dispose();
            throw;
        }
    }

    private string? CommitteeProblem(ProtocolContext context, PartyId[] dealers, PartyId[] newParties, uint newThreshold)
    {
        if (!context.Parties.SequenceEqual(dealers.Union(newParties).Order()))
        {
            return "the parties of a reshare must be exactly the dealers and the new parties";
        }

        return newParties.Length > format.MaxParties || newThreshold < 2 || newThreshold > newParties.Length
            ? $"a new {newThreshold}-of-{newParties.Length} committee is outside 2 ≤ t ≤ n ≤ {format.MaxParties}"
            : null;
    }

    /// <summary>The old key: from the dealer's own share, else from the request (checked, and at the request's epoch).</summary>
    private GroupKey<TPoint, TScalar>? OldKey(SessionRequest request, TShare? oldShare, out string refusal)
    {
        refusal = string.Empty;
        if (oldShare is not null)
        {
            return format.GroupKeyOf(oldShare);
        }

        if (!KeyResults.TryDecode<TPoint, TScalar>(request.Key, out var key, out var error))
        {
            refusal = $"the request's key data is unusable: {error}";
            return null;
        }

        if (request.Key.Epoch != request.Epoch || key.Threshold != request.Threshold)
        {
            refusal = $"the request's key data (epoch {request.Key.Epoch}, t = {key.Threshold}) does not match the request (epoch {request.Epoch}, t = {request.Threshold})";
            return null;
        }

        return key;
    }

    private static string? DealerProblem(GroupKey<TPoint, TScalar> oldKey, PartyId[] dealers, string keyId) =>
        dealers.FirstOrDefault(d => !oldKey.VerificationShares.ContainsKey(d)) is { Value: not 0 } stranger
            ? $"dealer {stranger.Value} holds no share of key {keyId}"
            : dealers.Length < Math.Max(oldKey.Threshold, 2)
                ? $"{dealers.Length} dealers are too few for a {oldKey.Threshold}-of-{oldKey.PartyCount} key"
                : null;
}
