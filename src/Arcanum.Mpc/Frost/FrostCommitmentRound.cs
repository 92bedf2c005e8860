using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Frost;

/// <summary>
/// Two-round signing, round 1 (RFC 9591 §5.1): collects every other signer's broadcast (D_j, E_j),
/// then builds the signing package and runs §5.2 for this signer.
/// </summary>
internal sealed class FrostCommitmentRound<TPoint, TScalar> : Round<byte[]>
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    private readonly FrostSigner<TPoint, TScalar> _signer;
    private readonly SigningNonces<TPoint, TScalar> _nonces;
    private readonly byte[] _message;
    private readonly TaprootTweak? _tweak;

    public FrostCommitmentRound(
        ProtocolContext context, FrostSigner<TPoint, TScalar> signer, SigningNonces<TPoint, TScalar> nonces, ReadOnlySpan<byte> message, TaprootTweak? tweak, ProtocolMessage ownBroadcast)
        : base(context, 1, RoundInputs.Broadcast, ownBroadcast, expectedEcho: null)
    {
        _signer = signer;
        _nonces = nonces;
        _message = message.ToArray();
        _tweak = tweak;
    }

    protected override MessageCheck VerifyContent(ProtocolMessage message) =>
        FrostSigningWire.TryDecodeCommitment<TPoint, TScalar>(message.Payload, message.From, out var commitment, out var reason)
            ? Accept(message, commitment)
            : MessageCheck.Fault(message.From, $"round 1 commitment: {reason}");

    protected override RoundResult<byte[]> Complete(RandomNumberGenerator rng)
    {
        var commitments = Senders.Select(BroadcastFrom<SigningCommitment<TPoint, TScalar>>).Append(_nonces.Commitment);
        var package = new SigningPackage<TPoint, TScalar>(_message, commitments, _tweak);
        return FrostSigningProtocol.SignAndBroadcast(Context, _signer, package, _nonces, round: 2, echo: EchoOfBroadcasts());
    }
}
