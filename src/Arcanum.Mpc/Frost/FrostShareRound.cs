using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// The round that collects every other signer's z_j and aggregates (RFC 9591 §5.3 with §5.4 for each
/// share). Round 2 of two-round signing (its messages echo round 1), or round 1 of preprocessed
/// signing. Decoding faults the sender of a malformed share; an invalid share is found by the
/// aggregator, which names every bad signer at once.
/// </summary>
internal sealed class FrostShareRound<TPoint, TScalar> : Round<byte[]>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly FrostSigner<TPoint, TScalar> _signer;
    private readonly SigningPackage<TPoint, TScalar> _package;
    private readonly TScalar _ownShare;

    public FrostShareRound(
        ProtocolContext context, int number, FrostSigner<TPoint, TScalar> signer, SigningPackage<TPoint, TScalar> package, TScalar ownShare, ProtocolMessage ownBroadcast, BroadcastEcho? expectedEcho)
        : base(context, number, RoundInputs.Broadcast, ownBroadcast, expectedEcho)
    {
        _signer = signer;
        _package = package;
        _ownShare = ownShare;
    }

    protected override MessageCheck VerifyContent(ProtocolMessage message) =>
        FrostSigningWire.TryDecodeShare<TScalar>(message.Payload, out var share, out var reason)
            ? Accept(message, share)
            : MessageCheck.Fault(message.From, $"round {Number} signature share: {reason}");

    protected override RoundResult<byte[]> Complete(RandomNumberGenerator rng)
    {
        var shares = Senders.ToDictionary(s => s, BroadcastFrom<TScalar>);
        shares.Add(Context.Self, _ownShare);
        var aggregator = new FrostAggregator<TPoint, TScalar>(_signer.Suite, _signer.GroupKey);
        return aggregator.TryAggregate(_package, shares, out var signature, out var abort)
            ? new RoundResult<byte[]>.Done(signature, [])
            : Fail(abort);
    }
}
