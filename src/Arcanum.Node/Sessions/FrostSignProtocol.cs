using Arcanum.Crypto.Curves;
using Arcanum.Ledger.Blocks;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Node.Ledger;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Sessions;

/// <summary>
/// What distinguishes the FROST schemes when signing: the ciphersuite, the derivation scheme, the
/// message rule (a whole message, or exactly a 32-byte digest), whether a BIP341 tweak may be asked
/// for, and how the key the signature verifies under is reported.
/// </summary>
internal sealed record FrostSigningRules<TPoint, TScalar>(
    FrostCiphersuite<TPoint, TScalar> Suite,
    IDerivationScheme<TPoint, TScalar> Derivation,
    int? DigestLength,
    bool TakesTaprootTweak,
    Func<GroupKey<TPoint, TScalar>, byte[]> ReportedKey)
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    /// <summary>The longest message a FROST scheme signs (the suites hash any length; this bounds the work).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    public string? MessageProblem(ByteString message) => DigestLength is { } length
        ? message.Length == length ? null : $"the digest is {message.Length} bytes, not {length}"
        : message.Length <= MaxMessageBytes ? null : $"the message is {message.Length} bytes, more than {MaxMessageBytes}";
}

/// <summary>
/// SIGN with a FROST key (RFC 9591 two-round signing, <see cref="FrostSigningProtocol"/>): the share at
/// the request's epoch, derived along the request's path if any, signs through a
/// <see cref="FrostSigner{TPoint, TScalar}"/> whose nonces are consumed in the node's durable ledger
/// before the signature share leaves the node. The Taproot scheme signs under the x-only (derived) key,
/// or — when the request carries <see cref="SessionRequest.Taproot"/> — under its BIP341 output key
/// (the suite tweaks the share; BIP86 when the merkle root is empty). Reports the signature and the
/// key it verifies under.
/// </summary>
internal sealed class FrostSignProtocol<TPoint, TScalar>(FrostShareFormat<TPoint, TScalar> format, FrostSigningRules<TPoint, TScalar> rules)
    : ISessionProtocol
    where TPoint : struct, IPoint<TPoint, TScalar>
    where TScalar : struct, IScalar<TScalar>
{
    public SessionKind Kind => SessionKind.Sign;

    public KeyScheme Scheme => format.Scheme;

    /// <summary>How this scheme's shares are stored (a ledger block session loads the committee key with it).</summary>
    public FrostShareFormat<TPoint, TScalar> Format => format;

    /// <summary>
    /// A general SIGN session. A message in the block header signing domain is refused: headers are signed only by
    /// <see cref="LedgerBlockProtocol"/>, after this node re-executed the block (docs/node.md, "Nodes and blocks").
    /// </summary>
    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (HeaderSigningDomain.IsReserved(request.Message.Span))
        {
            refusal = $"the message is in the ledger's header signing domain ({BlockHeader.SigningDomain}); only a ledger block session signs headers";
            return null;
        }

        return StartSigning(request, node, out refusal);
    }

    /// <summary>Starts signing <paramref name="request"/>'s message without the header-domain rule (for <see cref="LedgerBlockProtocol"/>).</summary>
    internal IProtocolRun? StartSigning(SessionRequest request, NodeServices node, out string refusal)
    {
        if (rules.MessageProblem(request.Message) is { } problem)
        {
            refusal = problem;
            return null;
        }

        if (request.Taproot is not null && !rules.TakesTaprootTweak)
        {
            refusal = "a taproot tweak was asked for a key that is not frost-taproot";
            return null;
        }

        var tweak = request.Taproot is { } taproot ? new TaprootTweak(taproot.MerkleRoot.Memory) : null;

        if (RequestFields.TryContext(request, node, out refusal) is not { } context
            || format.TryLoad(request, node, out refusal) is not { } share)
        {
            return null;
        }

        // The run holds the signing share; the parent of a derived share is disposed here.
        KeyShare<TPoint, TScalar>? signing = null;
        IProtocolRun? run = null;
        try
        {
            if (RequestFields.SignerSetProblem(context, share.GroupKey, request.KeyId) is { } signerProblem)
            {
                refusal = signerProblem;
                return null;
            }

            if (!RequestFields.TryDerive(rules.Derivation, share.GroupKey, request.Path, out var child, out refusal))
            {
                return null;
            }

            signing = child is null ? share : KeyDerivation.DeriveShare(share, child);
            var signer = new FrostSigner<TPoint, TScalar>(rules.Suite, signing, node.Ledger);
            var reportedKey = rules.ReportedKey(rules.Suite.SigningKey(signing.GroupKey, tweak));
            var runner = new PartyRunner<byte[]>(FrostSigningProtocol.Start(context, signer, request.Message.Span, tweak, node.Rng), node.Rng);
            run = new ProtocolRun<byte[]>(
                runner,
                signature => Reports.Signature(new SignatureResult { Signature = ByteString.CopyFrom(signature), PublicKey = ByteString.CopyFrom(reportedKey) }),
                held: signing);
            return run;
        }
        finally
        {
            if (run is null)
            {
                signing?.Dispose();
            }

            if (!ReferenceEquals(signing, share))
            {
                share.Dispose();
            }
        }
    }
}
