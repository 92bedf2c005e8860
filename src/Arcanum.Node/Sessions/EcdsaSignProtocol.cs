using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Derivation;
using Arcanum.Mpc.Ecdsa;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Sessions;

/// <summary>
/// SIGN with a threshold ECDSA key (DKLs23 Protocol 3.6, <see cref="EcdsaSigning"/>): the share at the
/// request's epoch signs the request's 32-byte digest, under the BIP32 child at the request's path if
/// any; the presignature is consumed in the node's durable ledger before the last message leaves.
/// Reports r ‖ s (low s), the recovery id and the 33-byte (derived) public key.
/// </summary>
internal sealed class EcdsaSignProtocol : ISessionProtocol
{
    public SessionKind Kind => SessionKind.Sign;

    public KeyScheme Scheme => KeyScheme.EcdsaSecp256K1;

    public IProtocolRun? TryStart(SessionRequest request, NodeServices node, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        if (request.Message.Length != Secp256k1Ecdsa.HashLength)
        {
            refusal = $"the digest is {request.Message.Length} bytes, not {Secp256k1Ecdsa.HashLength}";
            return null;
        }

        if (RequestFields.TryContext(request, node, out refusal) is not { } context
            || EcdsaShareFormat.Instance.TryLoad(request, node, out refusal) is not { } share)
        {
            return null;
        }

        IProtocolRun? run = null;
        try
        {
            if (RequestFields.SignerSetProblem(context, share.GroupKey, request.KeyId) is { } signerProblem)
            {
                refusal = signerProblem;
                return null;
            }

            if (!RequestFields.TryDerive(Bip32Secp256k1.Instance, share.GroupKey, request.Path, out var child, out refusal))
            {
                return null;
            }

            var start = EcdsaSigning.Start(context, share, child, request.Message.Span, node.Ledger, node.Rng);
            run = new ProtocolRun<EcdsaSignature>(
                new PartyRunner<EcdsaSignature>(start, node.Rng),
                signature => Reports.Signature(new SignatureResult
                {
                    Signature = ByteString.CopyFrom(signature.Compact),
                    RecoveryId = (uint)signature.RecoveryId,
                    PublicKey = ByteString.CopyFrom(PointEncoding.ToArray<Secp256k1Point, Secp256k1Scalar>(signature.PublicKey)),
                }),
                held: share);
            return run;
        }
        finally
        {
            if (run is null)
            {
                share.Dispose();
            }
        }
    }
}
